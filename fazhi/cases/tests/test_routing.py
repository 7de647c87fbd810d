"""Merging and linking, referral with acknowledgement (三方联动), pausing the clock and
judicial confirmation."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.cases import services
from fazhi.cases.models import CaseLink, Deadline, Event, JudicialConfirmation, State
from fazhi.core.conflicts import Conflict
from fazhi.org.models import Unit

from .factories import make_case

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))


def _at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, 0, tzinfo=BEIJING)


def _accepted(actor, community, **extra):
    case = make_case(actor, community, **extra)
    return services.case_accept(actor=actor, case=case, expected_version=case.version)


def test_merging_a_duplicate_closes_its_clocks_and_tells_both_timelines(as_user, worker, north):
    kept, duplicate = _accepted(worker, north), _accepted(worker, north)
    response = as_user(worker).post(reverse("cases:action", args=[duplicate.pk, "merge"]),
                                    {"version": duplicate.version, "into_number": kept.number,
                                     "reason": "同一漏水纠纷重复登记"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.state == State.MERGED and duplicate.merged_into_id == kept.pk
    assert duplicate.due_at is None
    assert not duplicate.deadlines.filter(status__in=["running", "paused"]).exists()
    assert Event.objects.filter(case=kept, action="merge", text__contains=duplicate.number)
    assert duplicate.events.filter(public=True, text__contains=kept.number).exists()
    with pytest.raises(Conflict):  # merged is terminal
        services.case_accept(actor=worker, case=duplicate, expected_version=duplicate.version)


def test_a_case_cannot_be_merged_into_itself_or_into_a_closed_case(worker, north):
    case = _accepted(worker, north)
    with pytest.raises(ValidationError):
        services.case_merge(actor=worker, case=case, expected_version=case.version, into=case,
                            reason="x")
    other = make_case(worker, north, kind="appeal", category="appeal-other")
    other = services.case_conclude(actor=worker, case=other, expected_version=other.version,
                                   outcome="resolved", summary="已解决")
    with pytest.raises(Conflict, match="只能并入"):
        services.case_merge(actor=worker, case=case, expected_version=case.version,
                            into=other, reason="重复")
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_an_outsider_cannot_merge_into_a_case_they_cannot_see(as_user, worker, outsider, north,
                                                              south):
    theirs = _accepted(outsider, south)
    hidden = _accepted(worker, north)
    response = as_user(outsider).post(reverse("cases:action", args=[theirs.pk, "merge"]),
                                      {"version": theirs.version, "into_number": hidden.number,
                                       "reason": "重复"})
    assert response.status_code == 422 and "没有此编号的案件" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.state == State.ACCEPTED and hidden.events.filter(action="merge").count() == 0


def test_linking_two_cases_links_both_ways_once(as_user, worker, north):
    first, second = make_case(worker, north), make_case(worker, north)
    client = as_user(worker)
    for _ in range(2):
        response = client.post(reverse("cases:action", args=[first.pk, "link"]),
                               {"version": first.version, "number": second.number.lower()})
        assert response.status_code == 302
    assert set(CaseLink.objects.values_list("case_id", "other_id")) == {
        (first.pk, second.pk), (second.pk, first.pk)}
    page = client.get(reverse("cases:detail", args=[second.pk])).content.decode()
    assert first.number in page
    assert Entry.objects.filter(object_id=str(first.pk), changes__linked=second.pk).exists()


def test_a_referral_waits_for_the_receiving_bodys_acknowledgement(as_user, street_staff, worker,
                                                                  outsider, north):
    tribunal = Unit.objects.create(name="江岸区人民法院西马法庭", region=north.parent,
                                   kind=Unit.Kind.COURT_TRIBUNAL)
    case = _accepted(worker, north)
    client = as_user(worker)
    response = client.post(reverse("cases:action", args=[case.pk, "refer"]),
                           {"version": case.version, "unit": tribunal.pk,
                            "reason": "涉及房屋产权确认，转法庭诉前调解"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REFERRED and case.referred_to == tribunal
    assert case.referral_acknowledged_at is None
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "待签收" in page
    blocked = as_user(outsider).post(reverse("cases:action", args=[case.pk, "acknowledge"]),
                                     {"version": case.version, "note": "x"})
    assert blocked.status_code == 404
    done = as_user(street_staff).post(reverse("cases:action", args=[case.pk, "acknowledge"]),
                                      {"version": case.version, "note": "法庭已签收"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.referral_acknowledged_at is not None and case.state == State.REFERRED
    with pytest.raises(Conflict, match="已签收"):
        services.case_refer_acknowledge(actor=worker, case=case, expected_version=case.version)


def test_a_petition_referral_starts_the_objection_clock_in_working_days(street_staff, north):
    police = Unit.objects.create(name="西马派出所", region=north.parent,
                                 kind=Unit.Kind.POLICE_STATION)
    with time_machine.travel(_at(9, 26), tick=False):
        case = _accepted(street_staff, north, kind="petition", category="grievance")
        case = services.case_refer(actor=street_staff, case=case, expected_version=case.version,
                                   unit=police, reason="转派出所")
        objection = case.deadlines.get(rule__code="petition-objection")
        # Friday 26 Sept + 5 working days: Sun 28 (make-up), 29, 30, Oct 9, Oct 10.
        assert objection.due_at.astimezone(BEIJING).date() == dt.date(2025, 10, 10)
        services.case_refer_acknowledge(actor=street_staff, case=case,
                                        expected_version=case.version)
        objection.refresh_from_db()
        assert objection.status == Deadline.Status.MET


def test_pausing_the_clock_moves_the_due_date_by_the_paused_days(as_user, worker, north):
    with time_machine.travel(_at(6, 3), tick=False) as clock:
        case = _accepted(worker, north)
        case = services.case_assign(actor=worker, case=case, expected_version=case.version,
                                    handler=worker)
        deadline = case.deadlines.get(rule__code="mediation-conclude")
        assert deadline.due_at.astimezone(BEIJING).date() == dt.date(2025, 7, 3)
        clock.move_to(_at(6, 10))
        response = as_user(worker).post(reverse("cases:action", args=[case.pk, "pause"]),
                               {"version": case.version, "reason": "等待被申请人出差返回"})
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.state == State.PAUSED and case.due_at is None
        clock.move_to(_at(6, 15))  # sign in again: the idle session expired meanwhile
        response = as_user(worker).post(reverse("cases:action", args=[case.pk, "resume"]),
                               {"version": case.version, "note": "被申请人已返回"})
        assert response.status_code == 302
    deadline.refresh_from_db()
    case.refresh_from_db()
    # 10-14 June do not count: five days later, 8 July (a Tuesday).
    assert deadline.due_at.astimezone(BEIJING).date() == dt.date(2025, 7, 8)
    assert case.state == State.IN_PROGRESS and case.due_at == deadline.due_at
    assert deadline.pauses[0][1] is not None


def test_a_case_whose_rules_do_not_allow_pausing_is_refused(worker, north):
    case = _accepted(worker, north, kind="appeal", category="utilities", channel="phone")
    case = services.case_assign(actor=worker, case=case, expected_version=case.version,
                                handler=worker)
    with pytest.raises(Conflict, match="暂停"):
        services.case_pause(actor=worker, case=case, expected_version=case.version,
                            reason="等待")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS


def _with_agreement(mediator, north, signed_on):
    case = _accepted(mediator, north)
    services.session_add(actor=mediator, case=case, held_at=case.received_at, place="服务站",
                         mediators="王调解", attendees="张三、李四", record="调解")
    services.agreement_record(actor=mediator, case=case, form="written", facts="漏水",
                              disputed_points="赔偿", responsibilities="李四负责",
                              terms="赔偿2000元", performance_manner="现金",
                              performance_deadline=signed_on, signed_on=signed_on,
                              mediator_names="王调解", amount=2000)
    return case


def test_judicial_confirmation_within_30_days_of_the_agreement_is_recorded(as_user, mediator,
                                                                           north):
    with time_machine.travel(_at(8, 20), tick=False):
        case = _with_agreement(mediator, north, dt.date(2025, 8, 1))
        response = as_user(mediator).post(
            reverse("cases:action", args=[case.pk, "confirmation"]),
            {"applied_on": "2025-08-20", "court": "江岸区人民法院"})
    assert response.status_code == 302
    assert JudicialConfirmation.objects.get(case=case).applied_on == dt.date(2025, 8, 20)


def test_judicial_confirmation_after_30_days_is_refused_with_the_last_day(as_user, mediator,
                                                                          north):
    with time_machine.travel(_at(9, 10), tick=False):
        # Signed 1 August: 30 days end on Sunday 31 August -> Monday 1 September.
        case = _with_agreement(mediator, north, dt.date(2025, 8, 1))
        client = as_user(mediator)
        late = client.post(reverse("cases:action", args=[case.pk, "confirmation"]),
                             {"applied_on": "2025-09-02", "court": "江岸区人民法院"})
        assert late.status_code == 422
        body = late.content.decode()
        assert "须在调解协议生效之日起30日内提出（截至 2025-09-01）" in body
        assert 'id="id_applied_on_error"' in body
        assert not JudicialConfirmation.objects.exists()
        last_day = client.post(reverse("cases:action", args=[case.pk, "confirmation"]),
                               {"applied_on": "2025-09-01", "court": "江岸区人民法院"})
        assert last_day.status_code == 302
