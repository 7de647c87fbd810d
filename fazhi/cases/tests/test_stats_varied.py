"""Case statistics on varied data: three years of cases across communities, kinds, channels,
outcomes, amounts, deadlines and follow-ups, with cases received and concluded on the
Shanghai midnights that bound the periods. Each figure is worked out here in plain Python
from the table the world was built from, by the definitions in docs/casework.md
("Statistics"), and compared with the statistics page for several viewers and periods."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fazhi.cases.models import Case, Category, Deadline, DeadlineRule, FollowUp
from fazhi.cases.selectors.stats import stats_for
from fazhi.cases.services import case_create

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
MEDIATED = {"agreement_written", "agreement_oral"}
OUTCOMES = {"dispute": ["agreement_written", "agreement_oral", "mediation_terminated",
                        "withdrawn"],
            "appeal": ["resolved", "answered"], "petition": ["answered", "not_accepted"]}
CATEGORIES = {"dispute": ["neighbour", "labour", "contract"], "appeal": ["utilities", "transport"],
              "petition": ["grievance", "suggestion"]}
# The labels the page shows (zh_Hans), typed here rather than read from the code.
CHANNELS = {"station": "到公共法律服务站", "workroom": "到社区综治工作室", "phone": "来电",
            "hotline": "12345热线转办", "online": "群众网上提交"}


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


# Instants on the edges of the periods below: each is received, and another concluded, there.
EDGES = [_at(2024, 12, 31, 23, 59, 59), _at(2025, 1, 1), _at(2025, 12, 31, 23, 59, 59),
         _at(2026, 1, 1), _at(2025, 6, 1), _at(2024, 5, 31, 23, 59, 59), _at(2025, 1, 31, 23, 59),
         _at(2025, 2, 1)]
LAST = _at(2026, 11, 1)


def _facts(rng: random.Random, i: int) -> dict[str, Any]:
    kind = ["dispute", "dispute", "appeal", "petition"][i % 4]
    if i < len(EDGES):
        received = EDGES[i]
    else:
        received = _at(2024, 1, 1) + dt.timedelta(minutes=rng.randrange(1_000_000))
    f: dict[str, Any] = {
        "kind": kind, "category": rng.choice(CATEGORIES[kind]),
        "community": rng.choice(["north", "south", "east", None]),
        "channel": rng.choice(list(CHANNELS)), "received": received,
        "responded": rng.random() < 0.6, "concluded": None, "outcome": "", "amount": None,
        "prevented": 0, "backlog": kind == "petition" and rng.random() < 0.5,
        "deadline": None, "follow_ups": []}
    if rng.random() < 0.75:
        if 8 <= i < 8 + len(EDGES):
            concluded = EDGES[i - 8]
            f["received"] = min(received, concluded - dt.timedelta(days=3))
        else:
            concluded = received + dt.timedelta(hours=rng.randrange(2, 400 * 24))
        if concluded < LAST:
            f["concluded"] = concluded
            f["outcome"] = rng.choice(OUTCOMES[kind])
            if f["outcome"] in MEDIATED:
                f["amount"] = Decimal(rng.randrange(0, 80000)) / 4
            f["prevented"] = rng.choice([0, 0, 1, 3])
            f["deadline"] = rng.choice(["met", "missed"])
            f["follow_ups"] = [
                (concluded + dt.timedelta(days=rng.randrange(1, 90)),
                 rng.choice(["satisfied", "basic", "dissatisfied"]))
                for _n in range(rng.randrange(0, 3))]
    return f


@pytest.fixture
def world(street_admin, north, south):
    from fazhi.org.models import Region

    east = Region.objects.create(name="新村社区", level=Region.Level.COMMUNITY, code="XM-E",
                                 parent=north.parent)
    communities = {"north": north, "south": south, "east": east, None: None}
    rng = random.Random(20260309)
    rule = DeadlineRule.objects.filter(concludes_case=True).first()
    facts: list[dict[str, Any]] = []
    for i in range(44):
        f = _facts(rng, i)
        case, _created = case_create(
            actor=street_admin, kind=f["kind"], channel=f["channel"],
            category=Category.objects.get(code=f["category"]), title=f"案件{i}",
            description="说明", community=communities[f["community"]],
            parties=[{"role": "applicant", "name": "张三", "mobile": "13912345678"}],
            received_at=f["received"], backlog=f["backlog"],
            hotline_number="GD-1" if f["channel"] == "hotline" else "")
        Deadline.objects.filter(case=case).delete()
        Case.objects.filter(pk=case.pk).update(
            state="closed" if f["concluded"] else "in_progress", outcome=f["outcome"],
            concluded_at=f["concluded"], agreement_amount=f["amount"],
            prevented_criminal=bool(f["prevented"]), prevented_persons=f["prevented"],
            first_response_at=f["received"] + dt.timedelta(hours=1) if f["responded"] else None)
        if f["deadline"]:
            Deadline.objects.create(case=case, rule=rule, started_at=f["received"],
                                    due_at=f["concluded"], status=f["deadline"],
                                    finished_at=f["concluded"])
        for at, satisfaction in f["follow_ups"]:
            FollowUp.objects.create(case=case, at=at, contact="电话", satisfaction=satisfaction,
                                    note="没有履行" if satisfaction == "dissatisfied" else "")
        f["category_name"] = Category.objects.get(code=f["category"]).name
        facts.append(f)
    return {"facts": facts, "communities": communities}


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _within(instant: dt.datetime | None, since: dt.date, until: dt.date) -> bool:
    return instant is not None and since <= instant.astimezone(SHANGHAI).date() <= until


def expected(facts: list[dict[str, Any]], viewer: str, community: str | None,
             since: dt.date, until: dt.date) -> dict[str, Any]:
    """The figures of docs/casework.md "Statistics", from the table."""
    rows = [f for f in facts
            if (viewer == "street_staff" or f["community"] in ("north", None))
            and (community is None or f["community"] == community)]
    received = [f for f in rows if _within(f["received"], since, until)]
    concluded = [f for f in rows if f["outcome"] and _within(f["concluded"], since, until)]
    disputes = [f for f in concluded if f["kind"] == "dispute"]
    mediated = [f for f in concluded if f["outcome"] in MEDIATED]
    timed = [f["deadline"] for f in concluded if f["deadline"]]
    visits = [s for f in rows for at, s in f["follow_ups"] if _within(at, since, until)]
    months: dict[str, list[int]] = {}
    for f in received:
        months.setdefault(f"{f['received'].astimezone(SHANGHAI):%Y-%m}", [0, 0])[0] += 1
    for f in concluded:
        months.setdefault(f"{f['concluded'].astimezone(SHANGHAI):%Y-%m}", [0, 0])[1] += 1

    def tally(key: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in received:
            out[f[key]] = out.get(f[key], 0) + 1
        return out

    return {
        "received": len(received), "concluded": len(concluded),
        "disputes_concluded": len(disputes), "mediated": len(mediated),
        "success_rate": _rate(len(mediated), len(disputes)),
        "on_time_rate": _rate(timed.count("met"), len(timed)),
        "response_rate": _rate(sum(1 for f in received if f["responded"]), len(received)),
        "satisfaction_rate": _rate(sum(1 for s in visits if s in ("satisfied", "basic")),
                                   len(visits)),
        "amount": sum((f["amount"] or Decimal(0) for f in mediated), Decimal(0)),
        "prevented": sum(1 for f in concluded if f["prevented"]),
        "prevented_persons": sum(f["prevented"] for f in concluded),
        "backlog_resolved": sum(1 for f in concluded if f["kind"] == "petition" and f["backlog"]),
        "by_category": tally("category_name"),
        "by_channel": {CHANNELS[k]: n for k, n in tally("channel").items()},
        "by_source": {"当事人申请": len(received)} if received else {},
        "by_month": {m: tuple(v) for m, v in sorted(months.items())},
    }


def shown(s: dict[str, Any]) -> dict[str, Any]:
    figures = {key: s[key] for key in (
        "received", "concluded", "disputes_concluded", "mediated", "success_rate",
        "on_time_rate", "response_rate", "satisfaction_rate", "amount", "prevented",
        "prevented_persons", "backlog_resolved")}
    figures["by_category"] = {r["category__name"]: r["n"] for r in s["by_category"]}
    figures["by_channel"] = {r["label"]: r["n"] for r in s["by_channel"]}
    figures["by_source"] = {r["label"]: r["n"] for r in s["by_source"]}
    figures["by_month"] = {r["month"]: (r["received"], r["concluded"]) for r in s["by_month"]}
    return figures


D = dt.date
VIEWS = [
    ("street_staff", None, D(2025, 1, 1), D(2025, 12, 31)),
    ("street_staff", "north", D(2025, 1, 1), D(2025, 12, 31)),
    ("street_staff", "south", D(2024, 6, 1), D(2026, 5, 31)),
    ("worker", None, D(2025, 1, 1), D(2025, 12, 31)),
    ("worker", None, D(2024, 1, 1), D(2026, 11, 30)),
    ("street_staff", None, D(2026, 1, 1), D(2026, 1, 1)),
    ("street_staff", None, D(2025, 1, 1), D(2025, 1, 31)),
]


def test_every_figure_equals_the_count_taken_from_the_table(world, as_user, street_staff,
                                                           worker):
    users = {"street_staff": street_staff, "worker": worker}
    wrong = {}
    for viewer, community, since, until in VIEWS:
        params = {"since": since.isoformat(), "until": until.isoformat()}
        if community:
            params["community"] = world["communities"][community].pk
        response = as_user(users[viewer]).get("/cases/statistics/", params)
        assert response.status_code == 200
        got = shown(response.context["s"])
        want = expected(world["facts"], viewer, community, since, until)
        diff = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
        if diff:
            wrong[f"{viewer} {community} {since}..{until}"] = diff
    assert wrong == {}


def test_the_table_has_what_each_figure_turns_on(world):
    """Guards the world itself: every figure is non-trivial in the whole-year view, so a
    wrong definition cannot pass by both sides being zero."""
    facts = world["facts"]
    year = expected(facts, "street_staff", None, D(2025, 1, 1), D(2025, 12, 31))
    assert year["disputes_concluded"] > year["mediated"] > 0
    assert year["concluded"] > year["disputes_concluded"]
    assert 0 < year["received"] < len(facts)
    assert year["amount"] > 0 and year["prevented"] > 0 and year["backlog_resolved"] > 0
    assert year["satisfaction_rate"] not in (None, 0.0, 100.0)
    assert year["on_time_rate"] not in (None, 0.0, 100.0)
    assert len(year["by_channel"]) >= 4 and len(year["by_month"]) >= 10
    everything = expected(facts, "street_staff", None, D(2024, 1, 1), D(2026, 11, 30))
    assert everything["amount"] > year["amount"]
    assert everything["by_category"] != year["by_category"]
    north = expected(facts, "worker", None, D(2025, 1, 1), D(2025, 12, 31))
    assert north["satisfaction_rate"] != year["satisfaction_rate"]


def _by_community(facts: list[dict[str, Any]], communities: dict[Any, Any], viewer: str,
                  community: str | None, since: dt.date, until: dt.date
                  ) -> dict[int, dict[str, int]]:
    """The comparison's rows: each community with a case received in the period its received
    count, each with a case concluded in it its mediated count (0 included); 0 for no community."""
    rows = [f for f in facts
            if (viewer == "street_staff" or f["community"] in ("north", None))
            and (community is None or f["community"] == community)]
    out: dict[int, dict[str, int]] = {}
    for f in rows:
        key = communities[f["community"]].pk if f["community"] else 0
        if _within(f["received"], since, until):
            out.setdefault(key, {}).setdefault("received", 0)
            out[key]["received"] += 1
        if f["outcome"] and _within(f["concluded"], since, until):
            out.setdefault(key, {}).setdefault("mediated", 0)
            out[key]["mediated"] += f["outcome"] in MEDIATED
    return out


def test_the_figures_per_community_are_each_community_s_own(world, street_staff, worker):
    """``by_community`` (what the dashboard's comparison draws): received and mediated per
    community, counted here from the table for every view."""
    users = {"street_staff": street_staff, "worker": worker}
    wrong = {}
    for viewer, community, since, until in VIEWS:
        chosen = world["communities"][community].pk if community else None
        got = stats_for(actor=users[viewer], since=since, until=until, community=chosen)
        want = _by_community(world["facts"], world["communities"], viewer, community, since, until)
        if got["by_community"] != want:
            wrong[f"{viewer} {community} {since}..{until}"] = (got["by_community"], want)
    assert wrong == {}
    year = _by_community(world["facts"], world["communities"], "street_staff", None,
                         D(2025, 1, 1), D(2025, 12, 31))
    assert len(year) == 4 and sum(row.get("mediated", 0) > 0 for row in year.values()) >= 2


def test_the_period_compared_with_has_the_same_totals_and_nothing_else(world, street_staff):
    """``detail=False`` (the period a dashboard compares with): the same headline figures as
    the full read, and no months, breakdowns or per-community rows."""
    for since, until in ((D(2025, 1, 1), D(2025, 12, 31)), (D(2024, 6, 1), D(2026, 5, 31))):
        full = stats_for(actor=street_staff, since=since, until=until)
        bare = stats_for(actor=street_staff, since=since, until=until, detail=False)
        headline = {key: value for key, value in full.items()
                    if key not in ("by_community", "by_month", "by_category", "by_channel",
                                   "by_source")}
        assert {key: bare[key] for key in headline} == headline
        assert (bare["by_community"], bare["by_month"]) == ({}, [])
        assert not {"by_category", "by_channel", "by_source"} & set(bare)
        assert full["by_month"] and full["by_community"]
