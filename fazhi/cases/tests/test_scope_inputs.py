"""Every id a case service is given is checked against the caller's scope in the service, so
the page and the API give the same answer, and nothing is saved."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_user
from fazhi.cases import services
from fazhi.cases.models import Case, CaseLink, Category, State
from fazhi.core.roles import Role
from fazhi.org.models import Unit

from .factories import make_case

pytestmark = pytest.mark.django_db

HOTLINE = {"kind": "appeal", "channel": "hotline", "category": "utilities", "title": "停水",
           "hotline_number": "12345-2026-0001",
           "description": "停水三天", "parties": [{"role": "applicant", "name": "张三",
                                                   "mobile": "13912345678"}]}


def _json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_community_worker_cannot_register_a_case_in_another_community(as_user, worker, south):
    response = _json(as_user(worker), "/api/v1/cases/", {**HOTLINE, "community_id": south.pk})
    assert response.status_code == 403
    page = as_user(worker).post(reverse("cases:new"), {
        "kind": "dispute", "channel": "workroom", "source": "application",
        "category": Category.objects.get(code="neighbour").pk, "community": south.pk,
        "title": "噪音", "description": "噪音扰民", "group_size": 1, "risk": "low",
        "token": "tok-1", "party-TOTAL_FORMS": 1, "party-INITIAL_FORMS": 0,
        "party-MIN_NUM_FORMS": 1, "party-MAX_NUM_FORMS": 12, "party-0-role": "applicant",
        "party-0-name": "王五"})
    assert page.status_code == 200 and 'id="id_community_error"' in page.content.decode()
    with pytest.raises(PermissionDenied):
        make_case(worker, south)
    assert not Case.objects.exists()


def test_street_staff_register_in_any_community_and_workers_in_their_own(as_user, street_staff,
                                                                          worker, north, south):
    assert _json(as_user(street_staff), "/api/v1/cases/",
                 {**HOTLINE, "community_id": south.pk}).status_code == 201
    assert _json(as_user(worker), "/api/v1/cases/",
                 {**HOTLINE, "community_id": north.pk,
                  "hotline_number": "12345-2026-0002"}).status_code == 201
    assert set(Case.objects.values_list("community_id", flat=True)) == {north.pk, south.pk}


def _accepted(actor, community):
    case = make_case(actor, community)
    return services.case_accept(actor=actor, case=case, expected_version=case.version)


def test_merging_into_a_hidden_case_answers_as_for_a_number_that_does_not_exist(
        as_user, worker, outsider, north, south):
    theirs = _accepted(outsider, south)
    hidden = _accepted(worker, north)
    client = as_user(outsider)
    url = f"/api/v1/cases/{theirs.pk}/transitions/merge"
    answers = [_json(client, url, {"version": theirs.version, "into_number": number,
                                   "reason": "重复"}) for number in (hidden.number, "XM-2026-999999")]
    assert [a.status_code for a in answers] == [422, 422]
    assert answers[0].json() == answers[1].json()
    with pytest.raises(ValidationError) as refused:
        services.case_merge(actor=outsider, case=theirs, expected_version=theirs.version,
                            into=hidden, reason="重复")
    assert refused.value.message_dict == {"into": ["没有此编号的案件。"]}
    with pytest.raises(ValidationError):
        services.case_link(actor=outsider, case=theirs, other=hidden)
    theirs.refresh_from_db()
    assert theirs.state == State.ACCEPTED and not CaseLink.objects.exists()
    assert hidden.events.filter(action="merge").count() == 0


def test_a_case_cannot_be_assigned_to_a_switched_off_account_or_unit(as_user, worker, north,
                                                                     subdistrict):
    case = _accepted(worker, north)
    gone = make_user("gone", Role.COMMUNITY_WORKER, north)
    type(gone).objects.filter(pk=gone.pk).update(is_active=False)
    closed = Unit.objects.create(name="撤销单位", kind=Unit.Kind.POLICE_STATION,
                                 region=subdistrict, active=False)
    client = as_user(worker)
    url = f"/api/v1/cases/{case.pk}/transitions/"
    for action, body in (("assign", {"handler_id": gone.pk}), ("assign", {"unit_id": closed.pk}),
                         ("assign", {"handler_id": 10**12}), ("refer", {"unit_id": closed.pk,
                                                                        "reason": "移送"})):
        response = _json(client, url + action, {"version": case.version, **body})
        assert response.status_code == 422, (action, body)
    page = client.post(reverse("cases:action", args=[case.pk, "assign"]),
                       {"version": case.version, "handler": gone.pk})
    assert page.status_code == 422
    case.refresh_from_db()
    assert case.handler_id is None and case.assignee_unit_id is None and case.referred_to_id is None


def test_a_case_is_assigned_only_to_someone_who_may_take_it(as_user, worker, outsider, mediator,
                                                            street_staff, north):
    case = _accepted(worker, north)
    client = as_user(worker)
    response = _json(client, f"/api/v1/cases/{case.pk}/transitions/assign",
                     {"version": case.version, "handler_id": outsider.pk})
    assert response.status_code == 422
    with pytest.raises(ValidationError) as refused:
        services.case_assign(actor=worker, case=case, expected_version=case.version,
                             handler=outsider)
    assert list(refused.value.message_dict) == ["handler"]
    case.refresh_from_db()
    assert case.handler_id is None and not case.events.filter(action="assign").exists()
    for handler in (mediator, street_staff):  # the case's community, and the sub-district
        case = services.case_assign(actor=worker, case=case, expected_version=case.version,
                                    handler=handler) if case.handler_id is None else \
            services.case_reassign(actor=worker, case=case, expected_version=case.version,
                                   handler=handler, reason="换人")
        assert case.handler_id == handler.pk


def test_a_unit_outside_the_actors_scope_is_answered_as_one_that_is_gone(worker, north, south):
    case = _accepted(worker, north)
    theirs = Unit.objects.create(name="高雄社区警务室", kind=Unit.Kind.POLICE_STATION, region=south)
    for call in (lambda: services.case_assign(actor=worker, case=case,
                                              expected_version=case.version, unit=theirs),
                 lambda: services.case_refer(actor=worker, case=case,
                                             expected_version=case.version, unit=theirs,
                                             reason="移送")):
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.message_dict == {"unit": ["该单位已停用。"]}
    case.refresh_from_db()
    assert case.assignee_unit_id is None and case.referred_to_id is None


def test_an_agent_must_be_able_to_take_the_case_and_its_authorisation_be_of_this_case(
        worker, outsider, lawyer, north):
    import datetime as dt

    from fazhi.cases.models import AgencyMode, Authorisation

    case, other = _accepted(worker, north), _accepted(worker, north)
    with pytest.raises(ValidationError) as refused:
        services.mode_add(actor=worker, case=case, mode=AgencyMode.Mode.AFFAIRS, agent=outsider)
    assert list(refused.value.message_dict) == ["agent"]
    party = other.parties.first()
    foreign = services.authorisation_add(
        actor=worker, case=other, party=party, agent_name="李律师", scope="代为申请调解",
        valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2030, 1, 1), agent_user=lawyer)
    with pytest.raises(ValidationError) as refused:
        services.mode_add(actor=worker, case=case, mode=AgencyMode.Mode.WISHES, agent=lawyer,
                          authorisation=foreign)
    assert list(refused.value.message_dict) == ["authorisation"]
    with pytest.raises(ValidationError) as refused:
        services.authorisation_add(
            actor=worker, case=case, party=case.parties.first(), agent_name="外人",
            scope="代为申请调解", valid_from=dt.date(2020, 1, 1),
            valid_until=dt.date(2030, 1, 1), agent_user=outsider)
    assert list(refused.value.message_dict) == ["agent_user"]
    assert not AgencyMode.objects.filter(case=case).exists()
    assert not Authorisation.objects.filter(case=case).exists()
