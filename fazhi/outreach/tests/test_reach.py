"""Each figure of the reach page against counts computed independently from the data spec."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.outreach.models import Activity, KeyDate, SignIn, WalkIn
from fazhi.outreach.selectors.reach import Period, reach_for
from fazhi.outreach.services.checkin import signin_create

from .conftest import at, make_activity

NOW = at(2026, 7, 1)

# (key, kind, community, month, day, place, key date, mobiles, walk-ins)
SPEC = [
    ("a1", "lecture_hall", "north", 2, 3, "", None, ["13800000001", "13800000002",
                                                      "13800000003"], 5),
    ("a2", "six_places", "south", 4, 15, "schools", None, ["13800000001", "13800000004"], 0),
    ("a3", "theme_day", None, 6, 1, "", (12, 4), ["13800000002"], 0),
    ("a4", "correction", None, 3, 1, "", None, ["13800000005", "13800000006"], 0),
    ("a6", "lecture_hall", "north", 11, 1, "", None, [], 0),  # not held yet
]


@pytest.fixture
def world(north, south, approved_list):
    regions = {"north": north, "south": south, None: None}
    made = {}
    for key, kind, community, month, day, place, key_date, mobiles, walkins in SPEC:
        activity = make_activity(kind=kind, community=regions[community], place=place,
                                 key_date=KeyDate.objects.get(month=key_date[0], day=key_date[1])
                                 if key_date else None,
                                 starts_at=at(2026, month, day, 9), ends_at=at(2026, month, day, 11))
        for mobile in mobiles:
            signin_create(activity=activity, name="甲", mobile=mobile,
                          now=at(2026, month, day, 9, 30))
        if walkins:
            WalkIn.objects.create(activity=activity, count=walkins)
        made[key] = activity
    old = make_activity(starts_at=at(2025, 5, 1), ends_at=at(2025, 5, 1, 11))
    signin_create(activity=old, name="乙", mobile="13800000007", now=at(2025, 5, 1, 9))
    made["a1"].items.set([approved_list.items.order_by("position").first()])
    return made


def _expected(visible: set[str]):
    rows = [r for r in SPEC if r[0] in visible and r[3] <= 7 and not (r[3] == 7 and r[4] > 1)]
    return {
        "sessions": len(rows),
        "attendance": sum(len(r[7]) + r[8] for r in rows),
        "unique": len({m for r in rows for m in r[7]}),
        "kinds": {r[1]: sum(1 for x in rows if x[1] == r[1]) for r in rows},
        "months": {r[3]: sum(1 for x in rows if x[3] == r[3]) for r in rows},
        "places": {r[5] for r in rows if r[5]},
        "key_dates": {(m, d) for m, d in [(4, 15), (6, 26), (12, 4)]
                      if any((r[3], r[4]) == (m, d) or r[6] == (m, d) for r in rows)},
    }


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("persona, visible", [
    ("street_staff", {"a1", "a2", "a3"}),
    ("street_admin", {"a1", "a2", "a3", "a4"}),
    ("worker", {"a1", "a3"}),
])
def test_each_figure_matches_an_independent_count(request, world, persona, visible):
    actor = request.getfixturevalue(persona)
    r = reach_for(actor=actor, year=2026)
    want = _expected(visible)
    assert r.sessions == want["sessions"]
    assert r.attendance == want["attendance"] == r.signins + r.walkins
    assert r.unique_people == want["unique"]
    assert {Activity.Kind(k).label: n for k, n in want["kinds"].items()} == {
        row.label: row.sessions for row in r.by_kind}
    assert want["months"] == {
        int(row.label): row.sessions for row in r.by_month if row.sessions}
    assert r.places_covered == len(want["places"])
    assert r.key_dates_covered == len(want["key_dates"])
    assert sum(row.sessions for row in r.by_community) == want["sessions"]


@time_machine.travel(NOW, tick=False)
def test_unit_completion_counts_linked_held_activities(street_staff, world, approved_list):
    r = reach_for(actor=street_staff, year=2026)
    assert r.units == [{"unit": "西马派出所", "list": approved_list, "planned": 5, "credited": 1,
                        "percent": 20}]


@time_machine.travel(NOW, tick=False)
def test_the_reach_page_and_export_show_the_same_figures(as_user, street_staff, world):
    client = as_user(street_staff)
    page = client.get(reverse("outreach:reach"), {"year": 2026})
    assert page.status_code == 200 and page.context["r"].sessions == 3
    assert "<svg" in page.content.decode()
    export = client.get(reverse("outreach:reach_export"), {"year": 2026})
    summary = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert [summary.cell(r, 2).value for r in range(2, 8)] == ["2026", 3, 11, 6, 5, 4]


def test_administration_roles_get_no_reach(as_user, auditor):
    assert as_user(auditor).get(reverse("outreach:reach")).status_code == 403


# --- periods longer or shorter than a year --------------------------------------------------
def _independent(since: dt.date, until: dt.date, kinds_hidden=("correction",)) -> dict:
    """Counted from the rows, not through the selector: held activities in the period."""
    held = [a for a in Activity.objects.exclude(kind__in=kinds_hidden)
            if since <= timezone.localtime(a.starts_at).date() <= until and a.starts_at <= NOW]
    signins = SignIn.objects.filter(activity__in=held)
    walkins = sum(w.count for w in WalkIn.objects.filter(activity__in=held))
    return {"sessions": len(held), "attendance": signins.count() + walkins,
            "unique": len({s.mobile_hash for s in signins})}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("since, until", [
    (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),  # two years: last year's lecture too
    (dt.date(2026, 2, 1), dt.date(2026, 4, 30)),  # a quarter-ish: a1 and a2 only
    (dt.date(2026, 4, 15), dt.date(2026, 4, 15)),  # one day
])
def test_a_period_counts_what_an_independent_count_says(street_staff, world, since, until):
    r = reach_for(actor=street_staff, period=Period(since, until))
    want = _independent(since, until)
    assert (r.sessions, r.attendance, r.unique_people) == (
        want["sessions"], want["attendance"], want["unique"])


@time_machine.travel(NOW, tick=False)
def test_a_person_reached_in_two_years_counts_once_over_both(street_staff, world):
    old = make_activity(starts_at=at(2025, 6, 1), ends_at=at(2025, 6, 1, 11))
    signin_create(activity=old, name="甲", mobile="13800000001", now=at(2025, 6, 1, 9, 30))
    two_years = reach_for(actor=street_staff, period=Period.of_years(2025, 2026))
    by_year = [reach_for(actor=street_staff, year=y).unique_people for y in (2025, 2026)]
    assert two_years.unique_people == sum(by_year) - 1  # 13800000001 came in both years
    assert two_years.by_month[0].label == "2025-01" and len(two_years.by_month) == 24


@time_machine.travel(NOW, tick=False)
def test_the_page_and_export_follow_a_year_range(as_user, street_staff, world):
    client = as_user(street_staff)
    want = _independent(dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    page = client.get(reverse("outreach:reach"), {"year": 2025, "year_to": 2026})
    assert page.status_code == 200 and page.context["period"].label == "2025–2026"
    assert page.context["r"].unique_people == want["unique"]
    assert "since=2025-01-01&amp;until=2026-12-31" in page.content.decode()
    export = client.get(reverse("outreach:reach_export"),
                        {"since": "2025-01-01", "until": "2026-12-31"})
    assert export["Content-Disposition"].endswith('outreach-reach-2025-2026.xlsx"')
    summary = load_workbook(io.BytesIO(export.content)).worksheets[0]
    # rows: period, sessions, attendance, signed in, walk-in, unique people, ...
    values = [summary.cell(r, 2).value for r in range(2, 8)]
    assert (values[0], values[1], values[2], values[5]) == (
        "2025–2026", want["sessions"], want["attendance"], want["unique"])


@time_machine.travel(NOW, tick=False)
def test_dates_out_of_order_get_a_message_beside_the_field(as_user, street_staff, world):
    client = as_user(street_staff)
    page = client.get(reverse("outreach:reach"), {"since": "2026-05-01", "until": "2026-04-01"})
    assert page.status_code == 400 and page.context["form"].errors["until"]
    export = client.get(reverse("outreach:reach_export"),
                        {"since": "2026-05-01", "until": "2026-04-01"})
    assert export.status_code == 400
