from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_user
from fazhi.core.conflicts import Conflict
from fazhi.core.roles import Role
from fazhi.org.models import Person
from fazhi.outreach.models import StudySession
from fazhi.outreach.selectors.study import attendance_rates
from fazhi.outreach.services import study as services


@pytest.fixture
def chief(police):
    return make_user("chief", Role.MEDIATOR, unit_id=police.pk)


@pytest.fixture
def officer(police):
    return Person.objects.create(name="刘警官", kind=Person.Kind.STAFF, unit=police)


def _session(actor, unit, day, users=(), people=(), topic="宪法学习"):
    return services.study_create(actor=actor, unit=unit, kind="centre_group",
                                 date=dt.date(2026, 1, day), topic=topic, laws="宪法",
                                 minutes="会议记录", users=list(users), people=list(people))


def test_each_cadres_attendance_rate_counts_the_units_sessions_of_the_year(unit_user, chief,
                                                                          officer, police):
    _session(unit_user, police, 5, users=[unit_user, chief], people=[officer])
    _session(unit_user, police, 12, users=[unit_user], people=[officer], topic="民法典")
    _session(unit_user, police, 19, users=[unit_user], topic="治安管理处罚法")
    StudySession.objects.create(unit=police, date=dt.date(2025, 12, 1), topic="去年")
    rates = {r.name: (r.attended, r.total, r.percent) for r in attendance_rates(unit=police,
                                                                                 year=2026)}
    assert rates == {"police": (3, 3, 100), "chief": (1, 3, 33), "刘警官": (2, 3, 67)}


def test_attendees_must_belong_to_the_unit(unit_user, police, worker):
    with pytest.raises(ValidationError):
        _session(unit_user, police, 5, users=[worker])
    assert not StudySession.objects.exists()


def test_a_double_submit_records_one_session(unit_user, police):
    _session(unit_user, police, 5)
    with pytest.raises(ValidationError):
        _session(unit_user, police, 5)
    assert StudySession.objects.count() == 1


def test_another_unit_cannot_record_a_session(worker, police):
    with pytest.raises(PermissionDenied):
        _session(worker, police, 5)


def test_a_stale_edit_is_a_conflict(unit_user, police):
    session = _session(unit_user, police, 5)
    services.study_update(actor=unit_user, session=session, expected_version=1, topic="新",
                          date=session.date)
    with pytest.raises(Conflict):
        services.study_update(actor=unit_user, session=session, expected_version=1, topic="旧",
                              date=session.date)
    assert StudySession.objects.get().topic == "新"


def test_the_unit_year_page_shows_sessions_and_rates(as_user, unit_user, leader, police):
    _session(unit_user, police, 5, users=[unit_user])
    for user in (unit_user, leader):
        page = as_user(user).get(reverse("outreach:study_unit", args=[police.pk]), {"year": 2026})
        assert page.status_code == 200 and len(page.context["sessions"]) == 1
    assert page.context["form"] is None  # the leader reads only


def test_the_unit_records_a_session_from_its_page(as_user, unit_user, police):
    response = as_user(unit_user).post(reverse("outreach:study_unit", args=[police.pk]), {
        "unit": police.pk, "kind": "half_hour", "date": "2026-03-02", "topic": "学法半小时",
        "laws": "行政处罚法", "minutes": "", "users": [unit_user.pk]})
    assert response.status_code == 302
    assert StudySession.objects.get().users.get() == unit_user


def test_an_outsider_cannot_see_or_record_the_units_study(as_user, outsider, unit_user, police):
    session = _session(unit_user, police, 5)
    client = as_user(outsider)
    assert client.get(reverse("outreach:study_unit", args=[police.pk])).status_code == 404
    assert client.get(reverse("outreach:study_detail", args=[session.pk])).status_code == 404
    assert client.post(reverse("outreach:study_unit", args=[police.pk]),
                       {"topic": "x"}).status_code == 404
    assert StudySession.objects.count() == 1


def test_an_edit_from_the_detail_page(as_user, unit_user, police):
    session = _session(unit_user, police, 5)
    response = as_user(unit_user).post(reverse("outreach:study_detail", args=[session.pk]), {
        "unit": police.pk, "kind": "centre_group", "date": "2026-01-05", "topic": "宪法修正案",
        "laws": "宪法", "minutes": "补充", "version": 1})
    assert response.status_code == 302
    assert StudySession.objects.get().topic == "宪法修正案"
