"""The reach figures at their edges, each counted here from the rows made (written against
the mutants `make mutate` left in selectors/reach.py): the months of a year and of a period
that starts on a month's last day, communities by sessions then name, key dates in calendar
order with their attendance, the units' lists of exactly the period's years (approved, the
reader's own), a community's own activities, the sessions per kind, the caller's `now`, and a
query count that does not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.org.models import Unit
from fazhi.outreach.models import Activity, KeyDate, ResponsibilityList, WalkIn
from fazhi.outreach.selectors.reach import Period, reach_for
from fazhi.outreach.services.checkin import signin_create

from .conftest import add_item, at, make_activity

pytestmark = pytest.mark.django_db
NOW = at(2026, 7, 1)


def _held(month: int, day: int, *, year: int = 2026, people: int = 0, walkins: int = 0,
          **extra) -> Activity:
    activity = make_activity(starts_at=at(year, month, day), ends_at=at(year, month, day, 11),
                             **extra)
    for n in range(people):
        signin_create(activity=activity, name="甲", mobile=f"138{month:02d}{day:02d}000{n}",
                      now=at(year, month, day, 9, 30))
    if walkins:
        WalkIn.objects.create(activity=activity, count=walkins)
    return activity


@time_machine.travel(NOW, tick=False)
def test_a_year_has_its_twelve_months_and_the_period_it_was_asked_for(street_staff):
    _held(2, 3)
    year = Period.of_years(2026)
    r = reach_for(actor=street_staff, period=year)
    assert r.period == year
    assert [row.label for row in r.by_month] == [str(m) for m in range(1, 13)]
    assert [row.sessions for row in r.by_month] == [0, 1] + [0] * 10


@time_machine.travel(NOW, tick=False)
def test_a_period_has_the_months_it_touches_from_a_month_s_last_day(street_staff):
    _held(11, 30, year=2025)
    _held(1, 5)
    r = reach_for(actor=street_staff, period=Period(dt.date(2025, 11, 30), dt.date(2026, 1, 5)))
    assert [(row.label, row.sessions) for row in r.by_month] == [
        ("2025-11", 1), ("2025-12", 0), ("2026-01", 1)]


@time_machine.travel(NOW, tick=False)
def test_communities_come_by_sessions_then_by_name(street_staff, north, south):
    _held(2, 3, community=south)
    _held(2, 4, community=north)
    _held(2, 5, community=north)
    _held(2, 6)  # street-wide
    rows = reach_for(actor=street_staff, year=2026).by_community
    by_hand = sorted([(north.name, 2), (south.name, 1), ("Whole sub-district", 1)],
                     key=lambda pair: (-pair[1], pair[0]))
    assert [(row.label, row.sessions) for row in rows] == by_hand


@time_machine.travel(NOW, tick=False)
def test_key_dates_come_in_calendar_order_with_their_attendance(street_staff):
    KeyDate.objects.create(month=12, day=1, name="全国法制宣传日前夕")  # after 12.4 in the table
    _held(4, 15, people=2, walkins=3)
    _held(6, 1, people=1, key_date=KeyDate.objects.get(month=6, day=26))  # its theme day
    r = reach_for(actor=street_staff, year=2026)
    dates = sorted(KeyDate.objects.filter(active=True), key=lambda k: (k.month, k.day))
    assert [row.label for row in r.key_dates] == [f"{k.month}.{k.day} {k.name}" for k in dates]
    assert [(row.sessions, row.attendance) for row in r.key_dates] == [
        (1, 5) if (k.month, k.day) == (4, 15) else (1, 1) if (k.month, k.day) == (6, 26)
        else (0, 0) for k in dates]
    assert r.key_dates_covered == 2


@time_machine.travel(NOW, tick=False)
def test_a_community_s_figures_are_its_own_activities_only(street_staff, north, south):
    _held(2, 3, community=north, people=2)
    _held(2, 4, community=south, people=1)
    _held(2, 5)  # street-wide: not the community's own
    r = reach_for(actor=street_staff, year=2026, community=north.pk)
    assert (r.sessions, r.attendance) == (1, 2)


@time_machine.travel(NOW, tick=False)
def test_sessions_per_kind_and_none_for_a_kind_not_held(street_staff):
    _held(2, 3, kind=Activity.Kind.LECTURE_HALL)
    _held(2, 4, kind=Activity.Kind.LECTURE_HALL)
    _held(2, 5, kind=Activity.Kind.THEME_DAY)
    r = reach_for(actor=street_staff, year=2026)
    assert r.kinds == {Activity.Kind.LECTURE_HALL: 2, Activity.Kind.THEME_DAY: 1}
    assert r.kind_sessions(Activity.Kind.LECTURE_HALL) == 2
    assert r.kind_sessions(Activity.Kind.THEME_DAY) == 1
    assert r.kind_sessions(Activity.Kind.SIX_PLACES) == 0


def _list(unit: Unit, year: int, *, approved: bool = True) -> ResponsibilityList:
    lst = ResponsibilityList.objects.create(unit=unit, year=year)
    add_item(lst, planned=2, quarter=1)
    if approved:
        lst.status = ResponsibilityList.Status.APPROVED
        lst.save()
    return lst


@time_machine.travel(NOW, tick=False)
def test_units_are_the_approved_lists_of_the_period_s_years_by_unit_then_year(
        street_staff, unit_user, police, court):
    for year in (2024, 2027):
        _list(police, year)  # outside the period
    _list(court, 2025, approved=False)  # a draft
    police_2026, police_2025 = _list(police, 2026), _list(police, 2025)  # made out of order
    court_2026 = _list(court, 2026)
    period = Period.of_years(2025, 2026)
    rows = reach_for(actor=street_staff, period=period).units
    assert [(row["unit"], row["list"]) for row in rows] == [
        (f"{unit.name} {lst.year}", lst) for unit, lst in sorted(
            [(police, police_2026), (police, police_2025), (court, court_2026)],
            key=lambda pair: (pair[0].name, pair[1].year))]
    own = reach_for(actor=unit_user, period=period).units  # a unit reads its own lists only
    assert [row["list"] for row in own] == [police_2025, police_2026]
    one_year = reach_for(actor=street_staff, year=2026).units
    assert sorted(row["unit"] for row in one_year) == sorted([police.name, court.name])


@time_machine.travel(NOW, tick=False)
def test_completion_is_counted_at_the_moment_asked(street_staff, police):
    lst = _list(police, 2026)
    _held(8, 6, items=[lst.items.get()])
    at_year_end = reach_for(actor=street_staff, year=2026, now=at(2026, 12, 31)).units
    assert [(row["planned"], row["credited"]) for row in at_year_end] == [(2, 1)]
    in_july = reach_for(actor=street_staff, year=2026).units
    assert [(row["planned"], row["credited"]) for row in in_july] == [(2, 0)]


@time_machine.travel(NOW, tick=False)
def test_the_queries_do_not_grow_with_activities_or_lists(street_staff, north, south, police,
                                                          court):
    _held(2, 3, community=north)
    _list(police, 2026)
    with CaptureQueriesContext(connection) as few:
        reach_for(actor=street_staff, year=2026)
    for day in range(4, 9):
        _held(2, day, community=south if day % 2 else north)
    _list(court, 2026)
    with CaptureQueriesContext(connection) as many:
        reach_for(actor=street_staff, year=2026)
    assert len(many.captured_queries) == len(few.captured_queries)
