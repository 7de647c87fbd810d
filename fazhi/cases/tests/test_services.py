import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from fazhi.audit.models import Entry
from fazhi.cases import services
from fazhi.cases.errors import IllegalTransition
from fazhi.cases.models import Case, Category, Deadline, FollowUp, Party, State
from fazhi.cases.selectors import case_list_for
from fazhi.core.conflicts import Conflict, StaleVersion
from fazhi.inbox.models import Notification

from .factories import MOBILE, applicant, make_case

pytestmark = pytest.mark.django_db

AUG = dt.datetime(2025, 8, 2, 10, 0, tzinfo=dt.UTC)


def test_it_numbers_cases_per_subdistrict_and_year(worker, north):
    first = make_case(worker, north)
    second = make_case(worker, north)
    year = first.received_at.astimezone().year
    assert first.number == f"XM-{year}-000001"
    assert second.number == f"XM-{year}-000002"
    assert len(first.tracking_code) == 10 and first.tracking_code != second.tracking_code


def test_it_stores_party_data_encrypted_hashed_and_masked(worker, north):
    case = make_case(worker, north)
    party = case.parties.get(role=Party.Role.APPLICANT)
    assert party.mobile_masked == "139****5678"
    assert party.id_masked == "110105********002X"
    assert MOBILE not in party.mobile_enc and party.mobile_hash and party.mobile_last4 == "5678"


def test_it_rejects_an_invalid_id_number_and_saves_nothing(worker, north):
    with pytest.raises(ValidationError) as info:
        make_case(worker, north, parties=[applicant(id_number="110105194912310021")])
    assert "parties.0.id_number" in info.value.message_dict
    assert not Case.objects.exists() and not Party.objects.exists()


def test_it_rejects_intake_in_the_future(worker, north):
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as info:
        make_case(worker, north, received_at=future)
    assert "received_at" in info.value.message_dict
    assert not Case.objects.exists()


def test_a_retry_with_the_same_idempotency_key_returns_the_same_case(worker, north):
    category = Category.objects.get(code="utilities")
    kwargs = {"kind": "appeal", "channel": "hotline", "hotline_number": "12345-0001",
              "category": category, "title": "停水", "description": "小区停水三天",
              "parties": [applicant()], "community": north, "idempotency_key": "hotline-0001"}
    first, created = services.case_create(actor=worker, **kwargs)
    again, created_again = services.case_create(actor=worker, **kwargs)
    assert created and not created_again and first.pk == again.pk
    assert Case.objects.count() == 1


def test_the_risk_level_follows_the_recorded_reasons(worker, north):
    case = make_case(worker, north, group_size=6, risk_reasons=["violence"])
    assert case.risk == "major"
    assert case.risk_reasons == ["group", "violence"]


def test_a_dispute_walks_from_intake_to_closing(worker, mediator, north):
    case = make_case(worker, north)
    case = services.case_accept(actor=worker, case=case, expected_version=case.version)
    assert case.state == State.ACCEPTED and case.due_at is not None
    case = services.case_assign(actor=worker, case=case, expected_version=case.version,
                                handler=mediator)
    assert Notification.objects.filter(user=mediator, topic="case", subject_id=case.pk).exists()
    services.session_add(actor=mediator, case=case, held_at=case.received_at,
                         place="西马街道公共法律服务站", mediators="王调解", attendees="张三、李四",
                         record="双方陈述")
    today = dt.date.today()
    services.agreement_record(actor=mediator, case=case, form="written", facts="漏水",
                              disputed_points="维修费用", responsibilities="李四负责",
                              terms="李四赔偿2000元", performance_manner="现金",
                              performance_deadline=today, signed_on=today,
                              mediator_names="王调解", amount=2000)
    case.refresh_from_db()
    case = services.case_conclude(actor=mediator, case=case, expected_version=case.version,
                                  outcome="agreement_written", summary="达成书面协议")
    assert case.agreement_amount == 2000
    assert case.deadlines.get(rule__code="mediation-conclude").status == Deadline.Status.MET
    with pytest.raises(Conflict, match="回访"):
        services.case_close(actor=mediator, case=case, expected_version=case.version)
    services.case_follow_up(actor=mediator, case=case, expected_version=case.version,
                            at=dt.datetime.now(dt.UTC), contact="电话回访",
                            satisfaction="satisfied", performed=True)
    case.refresh_from_db()
    case = services.case_close(actor=mediator, case=case, expected_version=case.version)
    assert case.state == State.CLOSED
    actions = list(Entry.objects.filter(object_id=str(case.pk), action="transition")
                   .order_by("id").values_list("detail", flat=True))
    assert [a.split(":")[0] for a in actions] == ["accept", "assign", "conclude", "follow_up",
                                                  "close"]


def test_an_illegal_transition_is_refused_with_a_clear_message(worker, north):
    case = make_case(worker, north)
    with pytest.raises(IllegalTransition, match="不能结案"):
        services.case_close(actor=worker, case=case, expected_version=case.version)
    case.refresh_from_db()
    assert case.state == State.RECEIVED and case.version == 1


def test_a_stale_version_is_refused(worker, street_staff, north):
    case = make_case(worker, north)
    services.case_accept(actor=worker, case=case, expected_version=1)
    with pytest.raises(StaleVersion):
        services.case_escalate(actor=street_staff, case=case, expected_version=1, reason="x")
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and case.version == 2


def test_an_outsider_cannot_change_another_communitys_case(worker, outsider, north):
    case = make_case(worker, north)
    with pytest.raises(PermissionDenied):
        services.case_accept(actor=outsider, case=case, expected_version=1)
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_a_dissatisfied_follow_up_reopens_the_case_with_the_reason(worker, north):
    case = make_case(worker, north)
    services.case_accept(actor=worker, case=case, expected_version=1)
    case.refresh_from_db()
    case = services.case_conclude(actor=worker, case=case, expected_version=case.version,
                                  outcome="resolved", summary="已解决")
    with pytest.raises(ValidationError):
        services.case_follow_up(actor=worker, case=case, expected_version=case.version,
                                at=dt.datetime.now(dt.UTC), contact="电话",
                                satisfaction="dissatisfied")
    services.case_follow_up(actor=worker, case=case, expected_version=case.version,
                            at=dt.datetime.now(dt.UTC), contact="电话",
                            satisfaction="dissatisfied", note="漏水仍未修好")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS and case.outcome == ""
    assert FollowUp.objects.get().note == "漏水仍未修好"


def test_a_petition_deadline_runs_past_national_day_and_extends_once(street_admin, north):
    with time_machine.travel(AUG, tick=False):
        case = make_case(street_admin, north, kind="petition", category="grievance",
                         channel="letter_visit")
        case = services.case_accept(actor=street_admin, case=case, expected_version=1)
        deadline = case.deadlines.get(rule__code="petition-conclude")
        # 60 days from 2 August 2025 end on 1 October, inside the 1-8 October holiday.
        assert deadline.due_at.date() == dt.date(2025, 10, 9)
        services.case_assign(actor=street_admin, case=case, expected_version=case.version,
                             handler=street_admin)
        case.refresh_from_db()
        request = services.extension_request(actor=street_admin, case=case, days=30,
                                             reason="情况复杂")
        services.extension_approve(actor=street_admin, pk=request.pk, expected_version=None)
        deadline.refresh_from_db()
        assert deadline.due_at.date() == dt.date(2025, 11, 10)  # 8 Nov is a Saturday
        with pytest.raises(Conflict, match="已无剩余"):
            services.extension_request(actor=street_admin, case=case, days=5, reason="again")


def test_search_finds_a_two_character_word_inside_a_sentence(
        worker, north, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(worker, north)
        make_case(worker, north, title="工资", description="公司拖欠工资两个月")
    found = case_list_for(actor=worker, q="发霉")
    assert list(found.values_list("pk", flat=True)) == [case.pk]
    assert case_list_for(actor=worker, q="工资").count() == 1
    assert case_list_for(actor=worker, q="噪音").count() == 0


def _indexed(case_id):
    key = "case_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM cases_search WHERE {key} = %s",  # noqa: S608
                       [case_id])
        return cursor.fetchone()[0] == 1


def test_a_case_is_segmented_for_search_only_after_its_transaction_commits(
        worker, north, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = make_case(worker, north)
        services.case_note_add(actor=worker, case=case, text="邻居答应修理管道")
    assert not _indexed(case.pk)  # nothing segmented or written inside the transaction
    for callback in callbacks:
        callback()
    assert _indexed(case.pk)
    assert list(case_list_for(actor=worker, q="管道").values_list("pk", flat=True)) == [case.pk]


def test_a_note_added_later_is_found_by_search(worker, north, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(worker, north)
    assert case_list_for(actor=worker, q="物业公司").count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.case_note_add(actor=worker, case=case, text="已联系物业公司")
    assert list(case_list_for(actor=worker, q="物业公司").values_list("pk", flat=True)) == [
        case.pk]


def test_reopening_restarts_the_handling_deadline_and_lapses_the_residents_windows(
        street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = make_case(street_staff, north, kind="petition", category="grievance",
                         channel="letter_visit")
        case = services.case_accept(actor=street_staff, case=case, expected_version=1)
        clock.move_to(dt.datetime(2025, 8, 20, 2, 0, tzinfo=dt.UTC))
        case = services.case_conclude(actor=street_staff, case=case,
                                      expected_version=case.version, outcome="answered",
                                      summary="已答复")
        assert case.deadlines.get(rule__code="petition-review-request").status == "running"
        clock.move_to(dt.datetime(2025, 9, 1, 2, 0, tzinfo=dt.UTC))  # Monday 1 September
        case = services.case_reopen(actor=street_staff, case=case, expected_version=case.version,
                                    reason="信访人提供新证据")
    handling = case.deadlines.get(rule__code="petition-conclude")
    # 60 days again from 1 September: 31 October (a Friday).
    assert handling.status == Deadline.Status.RUNNING and handling.extensions == 0
    assert handling.due_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date() == dt.date(
        2025, 10, 31)
    assert case.due_at == handling.due_at and case.state == State.IN_PROGRESS
    assert case.deadlines.get(rule__code="petition-review-request").status == "lapsed"


def test_a_residents_dissatisfied_rating_reopens_with_a_fresh_handling_deadline(worker, north):
    case = make_case(worker, north)
    case = services.case_accept(actor=worker, case=case, expected_version=1)
    case = services.case_conclude(actor=worker, case=case, expected_version=case.version,
                                  outcome="resolved", summary="已解决")
    services.resident_rate(case=case, satisfaction="dissatisfied", note="仍在漏水")
    case.refresh_from_db()
    handling = case.deadlines.get(rule__code="mediation-conclude")
    assert case.state == State.IN_PROGRESS and handling.status == "running"
    assert case.due_at == handling.due_at


def test_the_timeline_shows_translated_labels_not_action_codes(as_user, worker, north):
    from django.urls import reverse

    case = make_case(worker, north)
    services.case_accept(actor=worker, case=case, expected_version=1, note="受理")
    page = as_user(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    timeline = page[page.index("办理过程"):]
    assert "<strong>受理</strong> → 已受理，待分派" in timeline
    assert "<strong>accept</strong>" not in timeline and "→ accepted" not in timeline


def test_the_service_refuses_more_parties_than_the_limit(worker, north):
    crowd = [applicant(name=f"张{i}", id_number="", mobile="") for i in range(Case.MAX_PARTIES + 1)]
    with pytest.raises(ValidationError) as refused:
        make_case(worker, north, parties=crowd)
    assert refused.value.message_dict == {
        "parties": ["一件案件最多 20 名当事人；群体事项请列出代表。"]}
    assert not Case.objects.exists()


def test_the_intake_formset_refuses_more_party_rows_than_the_limit():
    from fazhi.cases.forms import PartyFormSet

    rows = Case.MAX_PARTIES + 1
    data = {"party-TOTAL_FORMS": str(rows), "party-INITIAL_FORMS": "0"}
    for i in range(rows):
        data |= {f"party-{i}-role": "applicant", f"party-{i}-name": f"张{i}"}
    formset = PartyFormSet(data, prefix="party")
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["一件案件最多 20 名当事人；群体事项请列出代表。"]


def test_a_note_longer_than_the_timeline_holds_is_refused_by_the_service(worker, north):
    case = make_case(worker, north)
    before = case.events.count()
    with pytest.raises(ValidationError) as refused:
        services.case_note_add(actor=worker, case=case, text="注" * 200_000)
    assert list(refused.value.message_dict) == ["text"]
    assert case.events.count() == before
