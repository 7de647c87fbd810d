"""Reach and study figures on varied data: activities over three years, in every community
and street-wide, of every kind (community correction included), with sign-ins by people who
come back across years and walk-ins; study sessions of two units across years. Each figure is
worked out here in plain Python from the tables the world was built from, by the definitions
in docs/outreach.md, and compared with the pages for several viewers and periods."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Person, Region, Unit
from fazhi.outreach.models import Activity, KeyDate, SignIn, StudySession, WalkIn

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=SHANGHAI)
KINDS = [Activity.Kind.LECTURE_HALL, Activity.Kind.FILM, Activity.Kind.LAWYER_TALK,
         Activity.Kind.CORRECTION, Activity.Kind.SIX_PLACES, Activity.Kind.YOUTH]
EDGES = [dt.datetime(2024, 12, 31, 23, 30, tzinfo=SHANGHAI),
         dt.datetime(2025, 1, 1, 0, 0, tzinfo=SHANGHAI),
         dt.datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI),
         dt.datetime(2026, 1, 1, 0, 0, tzinfo=SHANGHAI),
         dt.datetime(2026, 6, 15, 11, 59, tzinfo=SHANGHAI),   # started a minute ago
         dt.datetime(2026, 6, 15, 12, 1, tzinfo=SHANGHAI)]    # starts in a minute: not held


@pytest.fixture
def world(north, south):
    east = Region.objects.create(name="新村社区", level=Region.Level.COMMUNITY, code="XM-E",
                                 parent=north.parent)
    communities = {"north": north, "south": south, "east": east, None: None}
    rng = random.Random(41)
    rows: list[dict[str, Any]] = []
    for i in range(40):
        start = EDGES[i] if i < len(EDGES) else (
            dt.datetime(2024, 1, 1, 8, tzinfo=SHANGHAI)
            + dt.timedelta(hours=rng.randrange(0, 3 * 365 * 24)))
        kind = rng.choice(KINDS)
        community = rng.choice(["north", "south", "east", None])
        place = rng.choice(list(Activity.Place.values)) if kind == Activity.Kind.SIX_PLACES else ""
        activity = Activity.objects.create(
            kind=kind, place=place, title=f"活动{i}", starts_at=start,
            ends_at=start + dt.timedelta(hours=2), venue="活动室",
            community=communities[community], code=f"v{i:05d}")
        mobiles = rng.sample(range(15), rng.randrange(0, 6))
        for m in mobiles:
            SignIn.objects.create(activity=activity, name_enc="x", name_masked="张*",
                                  mobile_enc="x", mobile_hash=f"person-{m}",
                                  mobile_masked="139****0000")
        walkins = [rng.randrange(1, 30) for _n in range(rng.randrange(0, 3))]
        for count in walkins:
            WalkIn.objects.create(activity=activity, count=count)
        rows.append({"kind": kind, "place": place, "community": community, "start": start,
                     "mobiles": set(mobiles), "walkins": sum(walkins),
                     "community_name": communities[community].name if community else "全街道"})
    return rows


def visible(row: dict[str, Any], viewer: str) -> bool:
    if row["kind"] == Activity.Kind.CORRECTION and viewer != "street_admin":
        return False
    return viewer in ("street_admin", "street_staff") or row["community"] in ("north", None)


def expected_reach(rows: list[dict[str, Any]], viewer: str, since: dt.date,
                   until: dt.date) -> dict[str, Any]:
    """docs/outreach.md "Reach and statistics": activities the viewer may see that started in
    the period and by now; attendance = sign-ins + walk-ins; unique people once per period."""
    held = [r for r in rows if visible(r, viewer) and r["start"] <= NOW
            and since <= r["start"].astimezone(SHANGHAI).date() <= until]
    one_year = since.year == until.year

    def tally(key) -> dict[Any, tuple[int, int]]:
        out: dict[Any, list[int]] = {}
        for r in held:
            k = key(r)
            if k is None:
                continue
            cell = out.setdefault(k, [0, 0])
            cell[0] += 1
            cell[1] += len(r["mobiles"]) + r["walkins"]
        return {k: (v[0], v[1]) for k, v in out.items()}

    def month(r):
        local = r["start"].astimezone(SHANGHAI)
        return str(local.month) if one_year else f"{local.year}-{local.month:02d}"

    key_dates = {}
    for kd in KeyDate.objects.filter(active=True):
        covering = [r for r in held if (r["start"].astimezone(SHANGHAI).month,
                                        r["start"].astimezone(SHANGHAI).day) == (kd.month, kd.day)]
        if covering:
            key_dates[(kd.month, kd.day)] = (len(covering),
                                             sum(len(r["mobiles"]) + r["walkins"]
                                                 for r in covering))
    return {
        "sessions": len(held),
        "signins": sum(len(r["mobiles"]) for r in held),
        "walkins": sum(r["walkins"] for r in held),
        "attendance": sum(len(r["mobiles"]) + r["walkins"] for r in held),
        "unique_people": len(set().union(*(r["mobiles"] for r in held))),
        "by_kind": tally(lambda r: str(Activity.Kind(r["kind"]).label)),
        "by_month": tally(month),
        "by_community": tally(lambda r: r["community_name"]),
        "places": tally(lambda r: str(Activity.Place(r["place"]).label) if r["place"] else None),
        "key_dates": key_dates,
    }


def shown_reach(r: Any) -> dict[str, Any]:
    def rows(items):
        return {row.label: (row.sessions, row.attendance) for row in items if row.sessions}

    active = KeyDate.objects.filter(active=True).order_by("month", "day")
    return {
        "sessions": r.sessions, "signins": r.signins, "walkins": r.walkins,
        "attendance": r.attendance, "unique_people": r.unique_people,
        "by_kind": rows(r.by_kind), "by_month": rows(r.by_month),
        "by_community": rows(r.by_community), "places": rows(r.places),
        "key_dates": {(kd.month, kd.day): (row.sessions, row.attendance)
                      for kd, row in zip(active, r.key_dates, strict=True) if row.sessions},
    }


D = dt.date
PERIODS = [("street_staff", {"year": 2025}, D(2025, 1, 1), D(2025, 12, 31)),
           ("street_admin", {"year": 2025}, D(2025, 1, 1), D(2025, 12, 31)),
           ("worker", {"year": 2025}, D(2025, 1, 1), D(2025, 12, 31)),
           ("street_admin", {"year": 2024, "year_to": 2026}, D(2024, 1, 1), D(2026, 12, 31)),
           ("worker", {"since": "2024-12-31", "until": "2026-01-01"}, D(2024, 12, 31),
            D(2026, 1, 1)),
           ("street_staff", {"year": 2026}, D(2026, 1, 1), D(2026, 12, 31))]


def test_every_reach_figure_equals_the_count_taken_from_the_table(world, as_user, street_admin,
                                                                 street_staff, worker):
    users = {"street_admin": street_admin, "street_staff": street_staff, "worker": worker}
    wrong = {}
    with time_machine.travel(NOW, tick=False):
        for viewer, query, since, until in PERIODS:
            response = as_user(users[viewer]).get("/outreach/reach/", query)
            assert response.status_code == 200
            got = shown_reach(response.context["r"])
            with translation.override("zh-hans"):  # the labels the page showed
                want = expected_reach(world, viewer, since, until)
            diff = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
            if diff:
                wrong[f"{viewer} {query}"] = diff
    assert wrong == {}


def test_the_reach_table_has_what_each_figure_turns_on(world):
    year = expected_reach(world, "street_admin", D(2025, 1, 1), D(2025, 12, 31))
    staff = expected_reach(world, "street_staff", D(2025, 1, 1), D(2025, 12, 31))
    north = expected_reach(world, "worker", D(2025, 1, 1), D(2025, 12, 31))
    assert year["sessions"] > staff["sessions"] > north["sessions"] > 0
    assert year["signins"] > year["unique_people"] > 0 and year["walkins"] > 0
    assert len(year["by_kind"]) >= 5 and len(year["places"]) >= 1
    years = expected_reach(world, "street_admin", D(2024, 1, 1), D(2026, 12, 31))
    assert years["unique_people"] < sum(
        expected_reach(world, "street_admin", D(y, 1, 1), D(y, 12, 31))["unique_people"]
        for y in (2024, 2025, 2026))


# --- cadre study ------------------------------------------------------------------------
STUDY = [  # unit, date, attending users, attending people
    ("police", D(2024, 12, 31), {"a", "b"}, {"p1"}),
    ("police", D(2025, 1, 1), {"a"}, {"p1", "p2"}),
    ("police", D(2025, 3, 15), {"a", "b"}, set()),
    ("police", D(2025, 7, 1), {"b", "c"}, {"p2"}),
    ("police", D(2025, 12, 31), {"a"}, {"p1"}),
    ("police", D(2026, 1, 1), {"a", "b", "c"}, {"p1", "p2"}),
    ("court", D(2025, 5, 5), {"a", "x"}, {"p1"}),   # another unit's session counts nowhere here
]


def test_each_cadres_study_rate_counts_the_units_sessions_of_that_year(north, as_user,
                                                                      street_staff):
    units = {name: Unit.objects.create(name=name, kind=Unit.Kind.POLICE_STATION,
                                       region=north.parent, is_member_unit=True)
             for name in ("police", "court")}
    users = {u: make_user(u, Role.MEDIATOR, unit_id=units["court" if u == "x" else "police"].pk)
             for u in ("a", "b", "c", "d", "x")}
    people = {p: Person.objects.create(name=p, kind=Person.Kind.LAW_SAVVY, unit=units["police"])
              for p in ("p1", "p2", "p3")}
    for unit, day, attending_users, attending_people in STUDY:
        session = StudySession.objects.create(unit=units[unit], date=day, topic="宪法",
                                              kind=StudySession.Kind.values[0])
        session.users.set([users[u] for u in attending_users])
        session.people.set([people[p] for p in attending_people])
    for year in (2024, 2025, 2026):
        mine = [s for s in STUDY if s[0] == "police" and s[1].year == year]
        want = sorted((name, sum(1 for s in mine if name in s[2] | s[3]), len(mine))
                      for name in ("a", "b", "c", "d", "p1", "p2", "p3"))
        response = as_user(street_staff).get(f"/outreach/study/units/{units['police'].pk}/",
                                             {"year": year})
        got = sorted((r.name, r.attended, r.total) for r in response.context["rates"])
        assert got == want, year
