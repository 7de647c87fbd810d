"""Every filter of the work queue, on the page and through the API, shows exactly the cases
its definition names (docs/casework.md, "The work queue"): a varied world of communities,
kinds, states, channels, risks, handlers and due dates, received around National Day and
at Shanghai midnights, with time frozen. The expected sets are worked out here in plain
Python from the table below, never by the selector under test."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.cases.models import Case, Category
from fazhi.cases.services import case_create

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 10, 9, 10, 0, tzinfo=SHANGHAI)  # the first Friday after National Day
OPEN = {"received", "accepted", "escalated", "in_progress", "referred", "paused"}
CATEGORY = {"dispute": "neighbour", "appeal": "utilities", "petition": "grievance"}


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


DAY = dt.timedelta(days=1)
# title, kind, state, channel, community, risk, handler, received, due
TABLE: list[tuple[str, str, str, str, str | None, str, str | None, dt.datetime,
                  dt.datetime | None]] = [
    ("楼上漏水", "dispute", "in_progress", "station", "north", "low", "worker",
     _at(2026, 9, 30, 23, 59, 59), NOW - DAY),
    ("邻里噪音", "dispute", "received", "phone", "north", "medium", None,
     _at(2026, 10, 1, 0, 0, 0), NOW + DAY),
    ("停车纠纷", "dispute", "paused", "hotline", "south", "high", "mediator",
     _at(2026, 10, 3, 12, 0), NOW),                               # due this very instant
    ("路灯不亮", "appeal", "accepted", "online", "south", "low", None,
     _at(2026, 10, 7, 23, 59, 59), NOW + 3 * DAY),                # the last instant of "soon"
    ("漏水赔偿", "dispute", "closed", "station", "east", "low", "worker",
     _at(2026, 10, 8, 0, 0, 0), NOW - 5 * DAY),                   # overdue date but closed
    ("征收补偿", "petition", "escalated", "letter_visit", "east", "major", None,
     _at(2025, 12, 31, 23, 59, 59), NOW - 40 * DAY),
    ("工资拖欠", "dispute", "concluded", "phone", None, "medium", "mediator",
     _at(2026, 1, 1, 0, 0, 0), NOW + DAY),
    ("物业收费", "appeal", "in_progress", "workroom", "north", "high", "worker",
     _at(2026, 2, 17, 9, 0), NOW + 3 * DAY + dt.timedelta(seconds=1)),  # just past "soon"
    ("楼道堆物", "appeal", "referred", "grid", None, "low", None,
     _at(2026, 2, 16, 16, 0), None),
    ("井盖缺失", "appeal", "received", "hotline", "east", "medium", "worker",
     _at(2026, 5, 1, 8, 0), NOW - dt.timedelta(seconds=1)),     # overdue by a second
    ("漏水又来", "dispute", "merged", "station", "north", "low", None,
     _at(2026, 6, 30, 16, 0), NOW - DAY),
    ("违建举报", "petition", "received", "letter_visit", "south", "low", "worker",
     _at(2026, 10, 8, 23, 59, 59), NOW + 20 * DAY),
]


@pytest.fixture
def world(street_admin, worker, mediator, north, south, django_capture_on_commit_callbacks):
    # the search index is written after each commit (cases.services.search)
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            built = _build_world(street_admin, worker, mediator, north, south)
        yield built


def _build_world(street_admin, worker, mediator, north, south):
    from fazhi.org.models import Region

    east = Region.objects.create(name="新村社区", level=Region.Level.COMMUNITY, code="XM-E",
                                 parent=north.parent)
    communities = {"north": north, "south": south, "east": east, None: None}
    users = {"worker": worker, "mediator": mediator, None: None}
    facts: dict[int, dict[str, Any]] = {}
    with time_machine.travel(NOW, tick=False):
        for title, kind, state, channel, community, risk, handler, received, due in TABLE:
            case, _created = case_create(
                actor=street_admin, kind=kind, channel=channel,
                category=Category.objects.get(code=CATEGORY[kind]), title=title,
                description=f"{title}。", community=communities[community],
                parties=[{"role": "applicant", "name": "张三", "mobile": "13912345678"}],
                received_at=received, hotline_number="GD-1" if channel == "hotline" else "")
            Case.objects.filter(pk=case.pk).update(state=state, risk=risk, due_at=due,
                                                   handler=users[handler])
            facts[case.pk] = {"title": title, "kind": kind, "state": state, "channel": channel,
                              "community": community, "risk": risk, "handler": handler,
                              "received": received, "due": due}
    return {"facts": facts, "communities": communities}


def visible(facts: dict[int, dict[str, Any]], persona: str) -> dict[int, dict[str, Any]]:
    """The worker of north sees north, no community, and what they handle."""
    if persona == "street_staff":
        return facts
    return {pk: f for pk, f in facts.items()
            if f["community"] in ("north", None) or f["handler"] == persona}


def expected(facts: dict[int, dict[str, Any]], persona: str, params: dict[str, Any],
             communities: dict[Any, Any]) -> set[int]:
    rows = visible(facts, persona)
    out = set()
    for pk, f in rows.items():
        is_open = f["state"] in OPEN
        due = f["due"]
        queue = params.get("queue", "all")
        if queue != "all" and not is_open:
            continue
        if queue == "mine" and f["handler"] != persona:
            continue
        if queue == "community" and f["community"] != "north":
            continue
        if queue == "unassigned" and f["handler"] is not None:
            continue
        if queue == "due_soon" and not (due is not None and NOW <= due <= NOW + 3 * DAY):
            continue
        if queue == "overdue" and not (due is not None and due < NOW):
            continue
        if any(params.get(name) not in (None, f[name])
               for name in ("kind", "state", "channel", "risk")):
            continue
        if "category" in params and CATEGORY[f["kind"]] != params["category"]:
            continue
        if "community" in params and f["community"] != params["community"]:
            continue
        day = f["received"].astimezone(SHANGHAI).date()
        if "since" in params and day < params["since"]:
            continue
        if "until" in params and day > params["until"]:
            continue
        if "q" in params and params["q"] not in f["title"]:
            continue
        out.add(pk)
    return out


D = dt.date
FILTERS: list[tuple[str, dict[str, Any]]] = [
    ("street_staff", {}),
    ("worker", {}),
    ("worker", {"queue": "mine"}),
    ("mediator", {"queue": "mine"}),
    ("street_staff", {"queue": "mine"}),
    ("worker", {"queue": "community"}),
    ("street_staff", {"queue": "unassigned"}),
    ("street_staff", {"queue": "due_soon"}),
    ("street_staff", {"queue": "overdue"}),
    ("worker", {"queue": "overdue"}),
    ("street_staff", {"queue": "all"}),
    *[("street_staff", {"kind": kind}) for kind in ("dispute", "appeal", "petition")],
    *[("street_staff", {"state": state}) for state in
      ("received", "in_progress", "paused", "closed", "concluded", "merged", "referred")],
    *[("street_staff", {"channel": c}) for c in ("station", "phone", "hotline", "letter_visit")],
    *[("street_staff", {"risk": r}) for r in ("low", "medium", "high", "major")],
    *[("street_staff", {"category": code}) for code in ("neighbour", "utilities", "grievance")],
    *[("street_staff", {"community": key}) for key in ("north", "south", "east")],
    ("worker", {"community": "east"}),
    ("street_staff", {"since": D(2026, 10, 1)}),                     # National Day, midnight
    ("street_staff", {"until": D(2026, 9, 30)}),
    ("street_staff", {"since": D(2026, 10, 1), "until": D(2026, 10, 1)}),
    ("street_staff", {"since": D(2026, 1, 1), "until": D(2026, 2, 17)}),  # Spring Festival
    ("street_staff", {"until": D(2025, 12, 31)}),
    ("street_staff", {"since": D(2026, 10, 8), "until": D(2026, 10, 8)}),
    ("street_staff", {"q": "漏水"}),
    ("worker", {"q": "漏水"}),
    ("street_staff", {"q": "漏水", "community": "north"}),
    ("street_staff", {"queue": "overdue", "kind": "dispute"}),
    ("worker", {"queue": "mine", "state": "in_progress"}),
    ("street_staff", {"queue": "due_soon", "community": "south"}),
    ("street_staff", {"queue": "unassigned", "since": D(2026, 10, 1)}),
]


def _query(params: dict[str, Any], communities: dict[Any, Any], *, api: bool) -> dict[str, Any]:
    query: dict[str, Any] = {}
    for name, value in params.items():
        if name == "community":
            query[name] = communities[value].pk
        elif name == "category":
            query[name] = Category.objects.get(code=value).pk
        else:
            query[name] = value.isoformat() if isinstance(value, dt.date) else value
    return {**query, "limit": 200} if api else {**query, "per_page": 100}


def test_every_filter_of_the_queue_page_shows_exactly_its_cases(world, as_user, worker,
                                                                 mediator, street_staff):
    users = {"worker": worker, "mediator": mediator, "street_staff": street_staff}
    wrong = {}
    with time_machine.travel(NOW, tick=False):
        for persona, params in FILTERS:
            if persona == "worker" and params.get("community", "north") != "north":
                continue  # the page offers a worker their own community only (API below)
            response = as_user(users[persona]).get(
                "/cases/", _query(params, world["communities"], api=False))
            assert response.status_code == 200, (persona, params)
            shown = {int(pk) for pk in re.findall(r'href="/cases/(\d+)/"',
                                                  response.content.decode())}
            want = expected(world["facts"], persona, params, world["communities"])
            if shown != want or response.context["page"].count != len(want):
                wrong[f"{persona} {params}"] = {"shown": shown, "expected": want}
    assert wrong == {}


API_FILTERS = ("queue", "kind", "state", "risk", "channel", "community", "q")


def test_every_filter_of_the_api_queue_returns_exactly_its_cases(world, as_user, worker,
                                                                 mediator, street_staff):
    users = {"worker": worker, "mediator": mediator, "street_staff": street_staff}
    wrong = {}
    tried = 0
    with time_machine.travel(NOW, tick=False):
        for persona, params in FILTERS:
            if set(params) - set(API_FILTERS):
                continue
            tried += 1
            response = as_user(users[persona]).get(
                "/api/v1/cases/", _query(params, world["communities"], api=True))
            assert response.status_code == 200, (persona, params)
            shown = {row["id"] for row in response.json()["items"]}
            want = expected(world["facts"], persona, params, world["communities"])
            if shown != want or response.json()["count"] != len(want):
                wrong[f"{persona} {params}"] = {"shown": shown, "expected": want}
    assert wrong == {}
    assert tried == 39


def test_the_world_has_every_edge_the_filters_turn_on(world):
    """Each edge the filters decide is present, so a filter that ignored it would fail."""
    facts = world["facts"].values()
    open_due = [f["due"] - NOW for f in facts if f["state"] in OPEN and f["due"]]
    assert dt.timedelta(0) in open_due and 3 * DAY in open_due
    assert -dt.timedelta(seconds=1) in open_due and 3 * DAY + dt.timedelta(seconds=1) in open_due
    assert any(f["state"] not in OPEN and f["due"] and f["due"] < NOW for f in facts)
    assert {f["handler"] for f in facts if f["state"] in OPEN} == {"worker", "mediator", None}
