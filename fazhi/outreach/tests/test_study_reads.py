"""Reads of cadre law study (selectors/study.py) on a varied fixture: units of several kinds,
active and not, sessions over two years and two units, cadres who left or attended another
unit's session. Every expected figure is counted below in plain Python from the fixture's own
attendance table, never through the selector.

Written to kill mutants ``make mutate MODULE=fazhi/outreach/selectors/study.py`` left alive.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Person, Unit
from fazhi.outreach.models import StudySession
from fazhi.outreach.selectors.study import (
    attendance_rates,
    study_get_for,
    study_list_for,
    unit_get_for,
    units_for_study,
)

pytestmark = pytest.mark.django_db

# Sessions: (unit, date, users who attended, people who attended), made in this order, which
# is not the order of their dates.
SESSIONS = [
    ("police", dt.date(2026, 3, 2), ["police", "chief", "gone"], ["刘警官"]),
    ("police", dt.date(2026, 1, 5), ["police"], ["刘警官", "老周"]),
    ("police", dt.date(2026, 2, 9), ["police", "chief"], []),
    ("police", dt.date(2026, 2, 9), [], ["刘警官"]),
    ("police", dt.date(2025, 12, 1), ["chief", "idle"], ["刘警官", "老吴"]),
    ("court", dt.date(2026, 4, 1), ["judge"], ["王法官"]),
]


@pytest.fixture
def study(police, court, subdistrict):
    closed = Unit.objects.create(name="三号所", kind=Unit.Kind.POLICE_STATION,
                                 region=subdistrict, is_member_unit=True, active=False)
    users = {
        "police": make_user("police", Role.MEDIATOR, unit_id=police.pk),
        "chief": make_user("chief", Role.MEDIATOR, unit_id=police.pk, display_name="张所长"),
        "gone": make_user("gone", Role.MEDIATOR, unit_id=police.pk),  # left; attended 2026
        "idle": make_user("idle", Role.MEDIATOR, unit_id=police.pk),  # left; attended 2025 only
        "judge": make_user("judge", Role.MEDIATOR, unit_id=court.pk),
        "closed": make_user("closed", Role.MEDIATOR, unit_id=closed.pk),
    }
    for name in ("gone", "idle"):
        users[name].is_active = False
        users[name].save(update_fields=["is_active"])
    units = {"police": police, "court": court}
    people = {
        "刘警官": Person.objects.create(name="刘警官", kind=Person.Kind.STAFF, unit=police),
        "老周": Person.objects.create(name="老周", kind=Person.Kind.STAFF, unit=police,
                                    active=False),  # retired; attended 2026
        "老吴": Person.objects.create(name="老吴", kind=Person.Kind.STAFF, unit=police,
                                    active=False),  # retired; attended 2025 only
        "陈警官": Person.objects.create(name="陈警官", kind=Person.Kind.STAFF, unit=police),
        "王法官": Person.objects.create(name="王法官", kind=Person.Kind.STAFF, unit=court),
    }
    sessions = []
    for number, (unit, date, who, whom) in enumerate(SESSIONS):
        session = StudySession.objects.create(unit=units[unit], date=date, topic=f"第{number}次")
        session.users.set([users[u] for u in who])
        session.people.set([people[p] for p in whom])
        sessions.append(session)
    return {"users": users, "people": people, "sessions": sessions, "closed": closed}


def _attended(unit: str, year: int) -> tuple[int, dict[str, int]]:
    """The unit's session count in ``year`` and each attendee's count, from SESSIONS."""
    mine = [s for s in SESSIONS if s[0] == unit and s[1].year == year]
    counts: dict[str, int] = {}
    for _unit, _date, who, whom in mine:
        for name in [*who, *whom]:
            counts[name] = counts.get(name, 0) + 1
    return len(mine), counts


def test_each_cadre_s_rate_counts_the_unit_s_sessions_of_the_year(study, police):
    total, counts = _attended("police", 2026)
    assert (total, counts) == (4, {"police": 3, "chief": 2, "gone": 1, "刘警官": 3, "老周": 1})
    rates = [(r.name, r.attended, r.total, r.percent)
             for r in attendance_rates(unit=police, year=2026)]
    # Accounts by user name (shown by display name), then people by name: the unit's active
    # ones and anyone who attended; "idle" and 老吴 left and attended only last year.
    assert rates == [
        ("张所长", counts["chief"], total, 50),
        ("gone", counts["gone"], total, 25),
        ("police", counts["police"], total, 75),
        *sorted([("刘警官", counts["刘警官"], total, 75), ("老周", counts["老周"], total, 25),
                 ("陈警官", 0, total, 0)]),
    ]


def test_last_year_s_rates_are_over_last_year_s_sessions(study, police):
    rates = {r.name: (r.attended, r.total) for r in attendance_rates(unit=police, year=2025)}
    assert rates == {"张所长": (1, 1), "idle": (1, 1), "police": (0, 1),
                     "刘警官": (1, 1), "老吴": (1, 1), "陈警官": (0, 1)}


def test_a_year_without_sessions_rates_everyone_at_zero(study, police):
    rates = [(r.name, r.attended, r.total, r.percent)
             for r in attendance_rates(unit=police, year=2024)]
    assert rates == [("张所长", 0, 0, 0), ("police", 0, 0, 0),
                     ("刘警官", 0, 0, 0), ("陈警官", 0, 0, 0)]


def test_a_cadre_at_every_session_is_at_a_hundred_percent(study, court):
    assert [(r.name, r.percent) for r in attendance_rates(unit=court, year=2026)] == [
        ("judge", 100), ("王法官", 100)]


def test_the_sessions_of_a_unit_and_year_come_by_date_with_their_attendance(study, police,
                                                                             street_staff):
    listed = [(s.date, s.topic, s.user_count, s.people_count)
              for s in study_list_for(actor=street_staff, unit=police, year=2026)]
    expected = sorted(
        ((date, f"第{n}次", len(who), len(whom), n)
         for n, (unit, date, who, whom) in enumerate(SESSIONS)
         if unit == "police" and date.year == 2026),
        key=lambda row: (row[0], row[4]))
    assert listed == [row[:4] for row in expected]
    assert [row[1] for row in expected] == ["第1次", "第2次", "第3次", "第0次"]


def test_the_administration_roles_read_no_session_list(study, police, auditor):
    with pytest.raises(PermissionDenied):
        study_list_for(actor=auditor, unit=police, year=2026)


def test_street_wide_readers_see_every_active_unit_by_name(study, police, court,
                                                          street_staff, leader):
    expected = sorted([police, court], key=lambda u: u.name)
    assert list(units_for_study(actor=street_staff)) == expected
    assert list(units_for_study(actor=leader)) == expected


def test_a_unit_s_staff_see_only_their_unit(study, police, court):
    assert list(units_for_study(actor=study["users"]["chief"])) == [police]
    assert list(units_for_study(actor=study["users"]["judge"])) == [court]
    assert list(units_for_study(actor=study["users"]["closed"])) == []
    assert unit_get_for(actor=study["users"]["chief"], pk=police.pk) == police
    with pytest.raises(Http404):
        unit_get_for(actor=study["users"]["chief"], pk=court.pk)


def test_a_reader_without_a_unit_sees_no_unit(study, worker, mediator):
    assert list(units_for_study(actor=worker)) == []
    assert list(units_for_study(actor=mediator)) == []


def test_the_administration_roles_see_no_unit(study, auditor, sysadmin):
    for actor in (auditor, sysadmin):
        with pytest.raises(PermissionDenied):
            units_for_study(actor=actor)


def test_a_session_opens_for_its_unit_and_street_wide_readers_only(study, street_staff):
    police_session, court_session = study["sessions"][0], study["sessions"][5]
    chief = study["users"]["chief"]
    assert study_get_for(actor=chief, pk=police_session.pk) == police_session
    assert study_get_for(actor=street_staff, pk=court_session.pk).unit.name == "人民法庭"
    with pytest.raises(Http404):
        study_get_for(actor=chief, pk=court_session.pk)
    with pytest.raises(Http404):
        study_get_for(actor=study["users"]["judge"], pk=police_session.pk)
