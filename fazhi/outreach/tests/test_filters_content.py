"""The outreach lists' filters by their content: the activity list (page: kind, community,
search; API: kind, community, since/until) and the responsibility lists (page and API: year,
status), on a varied world, against the exact sets worked out here from the table."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Region, Unit
from fazhi.outreach.models import Activity, ResponsibilityList

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


# title, kind, community, start
ACTIVITIES = [
    ("宪法讲座", "lecture_hall", "north", _at(2025, 12, 31, 23, 59)),
    ("民法典讲座", "lecture_hall", "south", _at(2026, 1, 1, 0, 0)),
    ("普法电影", "film", None, _at(2026, 2, 17, 19, 0)),          # Spring Festival
    ("律师说法", "lawyer_talk", "north", _at(2026, 10, 1, 0, 0)),   # National Day, midnight
    ("矫正学习", "correction", "north", _at(2026, 3, 5, 9, 0)),
    ("青少年法治课", "youth", "east", _at(2026, 9, 30, 23, 59)),
    ("宪法宣誓", "theme_day", None, _at(2026, 12, 4, 9, 0)),
    ("反诈讲座", "lecture_hall", "north", _at(2024, 6, 1, 9, 0)),
]


@pytest.fixture
def world(north, south):
    east = Region.objects.create(name="新村社区", level=Region.Level.COMMUNITY, code="XM-E",
                                 parent=north.parent)
    communities = {"north": north, "south": south, "east": east, None: None}
    facts = {}
    for i, (title, kind, community, start) in enumerate(ACTIVITIES):
        a = Activity.objects.create(kind=kind, title=title, starts_at=start,
                                    ends_at=start + dt.timedelta(hours=2), venue="活动室",
                                    community=communities[community], code=f"f{i:05d}")
        facts[a.pk] = {"title": title, "kind": kind, "community": community,
                       "day": start.astimezone(SHANGHAI).date()}
    return {"facts": facts, "communities": communities}


def expected(facts: dict[int, Any], viewer: str, params: dict[str, Any]) -> set[int]:
    out = set()
    for pk, f in facts.items():
        if f["kind"] == "correction" and viewer != "street_admin":
            continue
        if viewer == "worker" and f["community"] not in ("north", None):
            continue
        if params.get("kind") not in (None, f["kind"]):
            continue
        if params.get("community") not in (None, f["community"]):
            continue
        if "since" in params and f["day"] < params["since"]:
            continue
        if "until" in params and f["day"] > params["until"]:
            continue
        if "q" in params and params["q"] not in f["title"]:
            continue
        out.add(pk)
    return out


D = dt.date
PAGE = [("street_staff", {}), ("street_admin", {}), ("worker", {}),
        ("street_staff", {"kind": "lecture_hall"}), ("street_admin", {"kind": "correction"}),
        ("street_staff", {"kind": "correction"}), ("worker", {"kind": "lecture_hall"}),
        ("street_staff", {"community": "north"}), ("street_staff", {"community": "east"}),
        ("street_admin", {"community": "north"}), ("street_staff", {"q": "讲座"}),
        ("worker", {"q": "讲座"}), ("street_staff", {"q": "宪法", "kind": "theme_day"})]
API = [*PAGE[:10],
       ("street_staff", {"since": D(2026, 1, 1)}), ("street_staff", {"until": D(2025, 12, 31)}),
       ("street_staff", {"since": D(2026, 10, 1), "until": D(2026, 10, 1)}),
       ("street_staff", {"since": D(2026, 2, 17), "until": D(2026, 9, 30)}),
       ("worker", {"since": D(2026, 1, 1), "kind": "lecture_hall"})]


def _users(street_admin, street_staff, worker):
    return {"street_admin": street_admin, "street_staff": street_staff, "worker": worker}


def test_every_activity_list_filter_shows_exactly_its_activities(world, as_user, street_admin,
                                                                street_staff, worker):
    users = _users(street_admin, street_staff, worker)
    wrong = {}
    for viewer, params in PAGE:
        query = {**params, "per_page": 100}
        if "community" in params:
            query["community"] = world["communities"][params["community"]].pk
        body = as_user(users[viewer]).get("/outreach/", query).content.decode()
        shown = {int(pk) for pk in re.findall(r'href="/outreach/(\d+)/"', body)}
        want = expected(world["facts"], viewer, params)
        if shown != want:
            wrong[f"{viewer} {params}"] = (shown, want)
    for viewer, params in API:
        query: dict[str, Any] = {"limit": 200}
        for name, value in params.items():
            if name == "community":
                query["community_id"] = world["communities"][value].pk
            else:
                query[name] = value.isoformat() if isinstance(value, dt.date) else value
        items = as_user(users[viewer]).get("/api/v1/outreach/activities", query).json()["items"]
        shown = {row["id"] for row in items}
        want = expected(world["facts"], viewer, params)
        if shown != want:
            wrong[f"API {viewer} {params}"] = (shown, want)
    assert wrong == {}


LISTS = [("police", 2025, "approved"), ("police", 2026, "draft"), ("court", 2026, "submitted"),
         ("court", 2025, "returned"), ("school", 2026, "approved"), ("school", 2024, "approved")]


def test_every_responsibility_list_filter_shows_exactly_its_lists(north, as_user, street_staff):
    units = {name: Unit.objects.create(name=name, kind=Unit.Kind.POLICE_STATION,
                                       region=north.parent, is_member_unit=True)
             for name in ("police", "court", "school")}
    member = make_user("police_member", Role.MEDIATOR, unit_id=units["police"].pk)
    facts = {ResponsibilityList.objects.create(unit=units[u], year=y, status=s).pk: (u, y, s)
             for u, y, s in LISTS}
    wrong = {}
    for viewer, user in (("staff", street_staff), ("member", member)):
        for params in ({}, {"year": 2026}, {"year": 2025}, {"status": "approved"},
                       {"status": "draft"}, {"year": 2026, "status": "approved"},
                       {"year": 2024}):
            want = {pk for pk, (u, y, s) in facts.items()
                    if (viewer == "staff" or u == "police")
                    and params.get("year") in (None, y) and params.get("status") in (None, s)}
            body = as_user(user).get("/outreach/lists/", {**params, "per_page": 100})
            page = {int(pk) for pk in re.findall(r'href="/outreach/lists/(\d+)/"',
                                                 body.content.decode())}
            api = {row["id"] for row in as_user(user).get("/api/v1/outreach/lists",
                                                          {**params, "limit": 100}).json()}
            if page != want or api != want:
                wrong[f"{viewer} {params}"] = (page, api, want)
    assert wrong == {}
