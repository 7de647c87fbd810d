"""The responsibility-list selectors (selectors/lists.py) read directly, on a small varied world:
three units (one inactive), lists of two years in every state, items, reminders. Each expected
set and order is written out by hand from the world below."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Unit
from fazhi.outreach.models import KeyDate, ResponsibilityList
from fazhi.outreach.selectors import lists as sel

from .conftest import add_item

S = ResponsibilityList.Status


@pytest.fixture
def world(subdistrict):
    """Units B, A (created in that order, so pk order differs from name order) and inactive C;
    B's list of 2026 is older than A's."""
    b = Unit.objects.create(name="单位B", kind=Unit.Kind.SCHOOL, region=subdistrict)
    a = Unit.objects.create(name="单位A", kind=Unit.Kind.ENTERPRISE, region=subdistrict)
    c = Unit.objects.create(name="单位C", kind=Unit.Kind.OTHER, region=subdistrict, active=False)
    lists = {
        "b26": ResponsibilityList.objects.create(unit=b, year=2026, status=S.SUBMITTED),
        "a26": ResponsibilityList.objects.create(unit=a, year=2026, status=S.APPROVED),
        "c26": ResponsibilityList.objects.create(unit=c, year=2026, status=S.APPROVED),
        "a25": ResponsibilityList.objects.create(unit=a, year=2025, status=S.DRAFT),
        "b25": ResponsibilityList.objects.create(unit=b, year=2025, status=S.APPROVED),
    }
    items = {
        "a26-2": add_item(lists["a26"], 2), "a26-1": add_item(lists["a26"], 1),
        "a26-3": add_item(lists["a26"], 3), "c26-1": add_item(lists["c26"], 1),
        "b26-1": add_item(lists["b26"], 1), "b25-1": add_item(lists["b25"], 1),
        "a25-1": add_item(lists["a25"], 1),
    }
    users = {
        "staff": make_user("staff", Role.STREET_STAFF),
        "leader": make_user("leader", Role.LEADER),
        "a": make_user("member_a", Role.MEDIATOR, unit_id=a.pk),
        "b": make_user("member_b", Role.LAWYER, unit_id=b.pk),
        "plain": make_user("plain", Role.MEDIATOR),
    }
    return {"units": {"a": a, "b": b, "c": c}, "lists": lists, "items": items, "users": users}


def _names(world, queryset) -> list[str]:
    by_pk = {v.pk: k for k, v in world["lists"].items()}
    return [by_pk[x.pk] for x in queryset]


def test_the_lists_a_reader_sees_newest_year_first_then_by_unit_name(world):
    users = world["users"]
    assert _names(world, sel.list_list_for(actor=users["staff"])) == ["a26", "b26", "c26", "a25", "b25"]
    assert _names(world, sel.list_list_for(actor=users["leader"])) == ["a26", "b26", "c26", "a25", "b25"]
    assert _names(world, sel.list_list_for(actor=users["a"])) == ["a26", "a25"]
    assert _names(world, sel.list_list_for(actor=users["b"])) == ["b26", "b25"]
    assert _names(world, sel.list_list_for(actor=users["plain"])) == []


def test_each_list_carries_its_item_count(world):
    counts = {x.unit.name + str(x.year): x.item_count
              for x in sel.list_list_for(actor=world["users"]["staff"])}
    assert counts == {"单位A2026": 3, "单位B2026": 1, "单位C2026": 1, "单位A2025": 1, "单位B2025": 1}


@pytest.mark.parametrize(("params", "want"), [
    ({"year": 2026}, ["a26", "b26", "c26"]),
    ({"year": 2025}, ["a25", "b25"]),
    ({"year": 2024}, []),
    ({"status": "approved"}, ["a26", "c26", "b25"]),
    ({"status": "draft"}, ["a25"]),
    ({"unit": "b"}, ["b26", "b25"]),
    ({"year": 2026, "status": "approved", "unit": "a"}, ["a26"]),
    ({"year": 2025, "status": "submitted"}, []),
])
def test_the_list_filters_keep_exactly_their_lists(world, params, want):
    kwargs = dict(params)
    if "unit" in kwargs:
        kwargs["unit_id"] = world["units"][kwargs.pop("unit")].pk
    assert _names(world, sel.list_list_for(actor=world["users"]["staff"], **kwargs)) == want


def test_a_list_opens_only_inside_the_readers_scope(world):
    lists, users = world["lists"], world["users"]
    assert sel.list_get_for(actor=users["a"], pk=lists["a25"].pk) == lists["a25"]
    assert sel.list_get_for(actor=users["staff"], pk=lists["b25"].pk) == lists["b25"]
    with pytest.raises(Http404):
        sel.list_get_for(actor=users["a"], pk=lists["b26"].pk)
    with pytest.raises(Http404):
        sel.list_get_for(actor=users["plain"], pk=lists["a26"].pk)


def test_an_item_opens_only_inside_the_readers_scope(world):
    items, users = world["items"], world["users"]
    assert sel.item_get_for(actor=users["a"], pk=items["a26-3"].pk) == items["a26-3"]
    assert sel.item_get_for(actor=users["leader"], pk=items["b25-1"].pk) == items["b25-1"]
    with pytest.raises(Http404):
        sel.item_get_for(actor=users["a"], pk=items["b26-1"].pk)
    with pytest.raises(Http404):
        sel.item_get_for(actor=users["plain"], pk=items["a26-1"].pk)


def test_the_units_a_list_may_be_opened_for(world):
    units, users = world["units"], world["users"]
    assert list(sel.units_for_lists(actor=users["staff"])) == [units["a"], units["b"]]
    assert list(sel.units_for_lists(actor=users["b"])) == [units["b"]]
    assert list(sel.units_for_lists(actor=users["plain"])) == []
    assert list(sel.units_for_lists(actor=users["leader"])) == []


def test_an_inactive_unit_of_ones_own_is_not_offered(world):
    member_c = make_user("member_c", Role.MEDIATOR, unit_id=world["units"]["c"].pk)
    assert list(sel.units_for_lists(actor=member_c)) == []


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN])
def test_administration_roles_and_visitors_are_refused_the_units(world, role):
    with pytest.raises(PermissionDenied):
        sel.units_for_lists(actor=make_user("adm", role))
    with pytest.raises(PermissionDenied):
        sel.units_for_lists(actor=AnonymousUser())


def test_the_items_an_activity_may_fulfil_are_those_of_approved_lists_of_its_year(world):
    items, users = world["items"], world["users"]
    by_pk = {v.pk: k for k, v in items.items()}

    def names(actor, year):
        return [by_pk[i.pk] for i in sel.items_open_for(actor=actor, year=year)]

    assert names(users["staff"], 2026) == ["a26-1", "a26-2", "a26-3", "c26-1"]
    assert names(users["staff"], 2025) == ["b25-1"]
    assert names(users["a"], 2026) == ["a26-1", "a26-2", "a26-3"]
    assert names(users["a"], 2025) == []
    assert names(users["b"], 2026) == []
    assert names(users["plain"], 2026) == []


def test_key_dates_are_the_active_ones_by_month_and_day(db):
    KeyDate.objects.all().delete()
    KeyDate.objects.create(month=12, day=4, name="国家宪法日")
    KeyDate.objects.create(month=4, day=15, name="全民国家安全教育日")
    KeyDate.objects.create(month=4, day=1, name="停用", active=False)
    KeyDate.objects.create(month=6, day=26, name="国际禁毒日")
    KeyDate.objects.create(month=4, day=3, name="本地宣传日")

    assert [(k.month, k.day) for k in sel.key_dates()] == [(4, 3), (4, 15), (6, 26), (12, 4)]

