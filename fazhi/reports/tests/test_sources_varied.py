"""The sources the figures read, beyond the figures themselves: the rows the charts and the
comparison draw (activities and attendance per community and per month, the six places, the
kinds), the 三代 modes and organisation figures of one community, the model communities'
names and the cases per community, each against the varied world's rows (tests/world.py:
plain Python, never the selector under test)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import time_machine

from fazhi.outreach.models import Activity
from fazhi.reports import sources

from . import world as w

pytestmark = pytest.mark.django_db

YEARS = (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def world(street_admin, north, south):
    with time_machine.travel(w.NOW, tick=False):
        yield w.build(street_admin, north, south)


def _held(world, since, until, *, viewer="street", community=None) -> list[dict]:
    return [a for a in world["activities"]
            if (viewer == "street" or a["community"] in ("north", None))
            and (community is None or a["community"] == community)
            and a["starts"] <= w.NOW and w._on(a["starts"], since, until)
            and (viewer == "street" or a["kind"] != Activity.Kind.CORRECTION)]


def _reach(actor, since, until, **kw):
    with time_machine.travel(w.NOW, tick=False):
        return sources.reach(actor=actor, since=since, until=until, **kw)


def _name(world, key) -> str:
    return world["communities"][key].name if key else ""


def _per_community(world, acts) -> dict[str, list[int]]:
    """Sessions and attendance (sign-ins plus walk-ins) per community name, from the facts."""
    per: dict[str, list[int]] = {}
    for a in acts:
        row = per.setdefault(_name(world, a["community"]), [0, 0])
        row[0] += 1
        row[1] += len(a["mobiles"]) + sum(a["walkins"])
    return per


@pytest.mark.parametrize("viewer", ["street", "north"])
def test_the_reach_rows_per_community_kind_and_place(world, leader, worker, viewer):
    since, until = YEARS
    acts = _held(world, since, until, viewer=viewer)
    got = _reach(leader if viewer == "street" else worker, since, until)
    assert got.sessions == len(acts)
    assert got.signins == sum(len(a["mobiles"]) for a in acts)
    assert got.walkins == sum(sum(a["walkins"]) for a in acts)
    assert got.kinds == dict(Counter(a["kind"] for a in acts))
    per = _per_community(world, acts)
    assert {r.label: [r.sessions, r.attendance] for r in got.by_community} == per
    assert len(got.by_community) == len(per)
    places = Counter(a["place"] for a in acts if a["place"])
    assert [(r.label, r.sessions) for r in got.places] == [
        (str(label), places.get(key, 0)) for key, label in Activity.Place.choices]


@pytest.mark.parametrize(("day", "who", "expected"), [
    (dt.date(2025, 5, 19), "south", [1, 0]),  # a session that drew nobody
    (dt.date(2025, 6, 3), None, [1, 7]),  # the street's lecture: walk-ins, no sign-in
])
def test_a_days_attendance_per_community_without_sign_ins(world, leader, day, who, expected):
    acts = _held(world, day, day)
    got = _reach(leader, day, day)
    per = _per_community(world, acts)
    assert {r.label: [r.sessions, r.attendance] for r in got.by_community} == per
    assert per[_name(world, who)] == expected


@pytest.mark.parametrize(("since", "until"), [YEARS, YEAR])
def test_the_activities_per_month(world, leader, since, until):
    acts = _held(world, since, until)
    months = Counter(a["starts"].astimezone(w.SHANGHAI).strftime("%Y-%m") for a in acts)
    labels = []
    day = since.replace(day=1)
    while day <= until:
        labels.append(f"{day:%Y-%m}")
        day = (day + dt.timedelta(days=32)).replace(day=1)
    shown = [m if since.year != until.year else str(int(m[5:])) for m in labels]
    got = _reach(leader, since, until)
    assert [(r.label, r.sessions) for r in got.by_month] == [
        (label, months.get(m, 0)) for label, m in zip(shown, labels, strict=True)]
    assert sum(r.sessions for r in got.by_month) == len(acts) > 0


def test_without_detail_the_reach_has_its_figures_and_no_rows(world, leader):
    since, until = YEARS
    full, bare = _reach(leader, since, until), _reach(leader, since, until, detail=False)
    assert (bare.sessions, bare.signins, bare.walkins, bare.attendance, bare.unique_people,
            bare.kinds) == (full.sessions, full.signins, full.walkins, full.attendance,
                            full.unique_people, full.kinds)
    assert bare.signins > 0 and bare.walkins > 0
    assert bare.by_community == bare.by_month == [] != full.by_community


def test_one_communitys_reach_sandai_and_organisation(world, leader):
    since, until = YEARS
    south = world["communities"]["south"]
    acts = _held(world, since, until, community="south")
    got = _reach(leader, since, until, community=south.pk)
    assert (got.sessions, got.attendance) == (
        len(acts), sum(len(a["mobiles"]) + sum(a["walkins"]) for a in acts))
    received = [c for c in world["cases"] if c["community"] == "south"
                and w._on(c["received"], since, until)]
    with time_machine.travel(w.NOW, tick=False):
        modes = sources.sandai(actor=leader, since=since, until=until, community=south.pk)
        every = sources.sandai(actor=leader, since=since, until=until)
        org = sources.org(actor=leader, since=since, until=until, community=south.pk)
    assert modes == dict(Counter(m for c in received for m in c["modes"]))
    assert every == dict(Counter(m for c in world["cases"] if w._on(c["received"], since, until)
                                 for m in c["modes"]))
    assert modes != every
    assert org == {"workrooms": 1, "agreements": sum(
        1 for a in world["agreements"] if a["community"] == "south" and a["starts"] <= until
        and a["ends"] >= since)}


@pytest.mark.parametrize(("since", "until"), [YEARS, YEAR, (dt.date(2024, 12, 31),
                                                             dt.date(2026, 6, 15))])
def test_the_model_communities_are_named_once_in_order(world, leader, since, until):
    kept = {m["community"] for m in world["models"] if m["decision"] in ("named", "warned")
            and since <= m["decided"] <= until}
    regions = sorted((world["communities"][k] for k in kept), key=lambda r: r.pk)
    with time_machine.travel(w.NOW, tick=False):
        got = sources.model_communities(actor=leader, since=since, until=until)
    assert got == {"count": len(regions), "names": [r.name for r in regions]}


@pytest.mark.parametrize(("viewer", "since", "until"), [("street", *YEARS), ("north", *YEARS),
                                                        ("street", *YEAR)])
def test_the_cases_per_community(world, leader, worker, viewer, since, until):
    with time_machine.travel(w.NOW, tick=False):
        got = sources.by_community(actor=leader if viewer == "street" else worker,
                                   since=since, until=until)
    assert got == _cases_per_community(world, viewer, since, until)
    assert 0 in got


def test_a_community_with_cases_concluded_and_none_received_in_the_period(world, leader):
    day = next(d for c in world["cases"] if c["outcome"] and c["community"]
               for d in [c["concluded"].astimezone(w.SHANGHAI).date()]
               if not any(o["community"] == c["community"] and w._on(o["received"], d, d)
                          for o in world["cases"]))
    with time_machine.travel(w.NOW, tick=False):
        got = sources.by_community(actor=leader, since=day, until=day)
    assert got == _cases_per_community(world, "street", day, day)
    assert any("received" not in row for row in got.values())


def _cases_per_community(world, viewer, since, until) -> dict[int, dict[str, int]]:
    cases = [c for c in world["cases"] if viewer == "street" or c["community"] in ("north", None)]
    expected: dict[int, dict[str, int]] = {}
    for c in cases:
        key = world["communities"][c["community"]].pk if c["community"] else 0
        if w._on(c["received"], since, until):
            row = expected.setdefault(key, {})
            row["received"] = row.get("received", 0) + 1
        if c["outcome"] and w._on(c["concluded"], since, until):
            row = expected.setdefault(key, {})
            row["mediated"] = row.get("mediated", 0) + (c["outcome"] in w.MEDIATED)
    return expected


def test_a_period_without_records_counts_zero_everywhere(world, leader):
    since, until = dt.date(2021, 1, 1), dt.date(2021, 3, 31)
    assert not [c for c in world["cases"] if w._on(c["received"], since, until)]
    assert not _held(world, since, until)
    for detail in (True, False):
        got = _reach(leader, since, until, detail=detail)
        assert (got.sessions, got.signins, got.walkins, got.attendance, got.unique_people,
                got.kinds, got.by_community, got.places_covered) == (0, 0, 0, 0, 0, {}, [], 0)
        assert [(r.label, r.sessions) for r in got.by_month] == (
            [("1", 0), ("2", 0), ("3", 0)] if detail else [])
    with time_machine.travel(w.NOW, tick=False):
        assert sources.sandai(actor=leader, since=since, until=until) == {}
        assert sources.by_community(actor=leader, since=since, until=until) == {}
        assert sources.model_communities(actor=leader, since=since, until=until) == {
            "count": 0, "names": []}
        assert sources.exams(actor=leader, since=since, until=until) == {
            "exams": 0, "enrolled": 0, "sat_rate": None, "pass_rate": None,
            "excellent_rate": None}
        assert sources.org(actor=leader, since=since, until=until) == {"workrooms": 3,
                                                                        "agreements": 1}
