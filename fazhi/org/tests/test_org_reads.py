"""The organisation selectors (fazhi/org/selectors.py) and access rules read directly, on one
varied world (``org_world``): regions, units, people, the communities a role files under and
who may edit what, and orders that differ from the order of creation. Agreements and the
committee that signs them: ``test_org_agreement_reads.py``. Every expected list is written out
by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.org import selectors as sel
from fazhi.org.access import region_scope, require_edit
from fazhi.org.models import Agreement, DutySlot, Region, Unit

from .conftest import make_person
from .org_world import D, build
from .org_world import keys as _keys


@pytest.fixture
def w(subdistrict, north, south):
    return build(subdistrict, north, south)


# --- regions -----------------------------------------------------------------------------------
def test_the_regions_each_role_reads_in_level_parent_and_name_order(w):
    u, r = w["users"], w["regions"]
    everything = ["north", "south", "district", "north_grid", "south_grid", "subdistrict"]
    assert _keys(r, sel.region_list_for(actor=u["staff"])) == everything
    assert _keys(r, sel.region_list_for(actor=u["leader"])) == everything
    assert _keys(r, sel.region_list_for(actor=u["worker"])) == [
        "north", "district", "north_grid", "subdistrict"]
    assert _keys(r, sel.region_list_for(actor=u["outsider"])) == [
        "south", "district", "south_grid", "subdistrict"]
    assert _keys(r, sel.region_list_for(actor=u["floating"])) == ["district", "subdistrict"]


def test_the_region_filters_keep_exactly_their_regions(w):
    u, r = w["users"], w["regions"]
    assert _keys(r, sel.region_list_for(actor=u["staff"], level="grid")) == ["north_grid", "south_grid"]
    assert _keys(r, sel.region_list_for(actor=u["staff"], q="  网格 ")) == ["north_grid", "south_grid"]
    assert _keys(r, sel.region_list_for(actor=u["worker"], q="网格")) == ["north_grid"]
    assert _keys(r, sel.region_list_for(actor=u["staff"], level="community", q="高雄")) == ["south"]


def test_each_region_carries_the_number_of_its_own_units(w):
    counts = {x.name: x.unit_count for x in sel.region_list_for(actor=w["users"]["staff"])}
    assert counts == {"江岸区": 1, "西马街道": 1, "江汉北路社区": 1, "高雄社区": 1, "网格1": 0, "网格2": 1}


def test_a_region_opens_only_inside_the_scope(w):
    u, r = w["users"], w["regions"]
    assert sel.region_get_for(actor=u["worker"], pk=r["north_grid"].pk) == r["north_grid"]
    assert sel.region_get_for(actor=u["worker"], pk=r["subdistrict"].pk) == r["subdistrict"]
    for pk in (r["south"].pk, r["south_grid"].pk):
        with pytest.raises(Http404):
            sel.region_get_for(actor=u["worker"], pk=pk)
    with pytest.raises(Http404):
        sel.region_get_for(actor=u["floating"], pk=r["north"].pk)


def test_region_choices_by_level_and_name_and_the_editable_ones(w):
    u, r = w["users"], w["regions"]
    assert _keys(r, sel.region_choices(actor=u["staff"])) == [
        "north", "south", "district", "south_grid", "north_grid", "subdistrict"]
    assert _keys(r, sel.region_choices(actor=u["staff"], editable=True)) == [
        "north", "south", "district", "south_grid", "north_grid", "subdistrict"]
    assert _keys(r, sel.region_choices(actor=u["worker"])) == [
        "north", "district", "north_grid", "subdistrict"]
    assert _keys(r, sel.region_choices(actor=u["worker"], editable=True)) == ["north", "north_grid"]
    assert _keys(r, sel.region_choices(actor=u["worker"], editable=True,
                                       levels=("grid",))) == ["north_grid"]
    # A leader reads every region and may file under none (not the district: parent None).
    assert len(_keys(r, sel.region_choices(actor=u["leader"]))) == 6
    assert _keys(r, sel.region_choices(actor=u["leader"], editable=True)) == []
    assert _keys(r, sel.region_choices(actor=u["floating"], editable=True)) == []
    assert _keys(r, sel.region_choices(actor=u["staff"], levels=("community", "subdistrict"))) == [
        "north", "south", "subdistrict"]


# --- units -------------------------------------------------------------------------------------
def test_the_units_each_role_reads_by_kind_then_name(w):
    u, units = w["users"], w["units"]
    assert _keys(units, sel.unit_list_for(actor=u["staff"])) == [
        "workroom", "station", "bureau", "office", "company"]
    assert _keys(units, sel.unit_list_for(actor=u["worker"])) == [
        "workroom", "station", "bureau", "office"]
    assert _keys(units, sel.unit_list_for(actor=u["outsider"])) == ["bureau", "office", "company"]
    assert _keys(units, sel.unit_list_for(actor=u["floating"])) == ["bureau", "office"]


def test_the_unit_filters_keep_exactly_their_units(w):
    u, units, r = w["users"], w["units"], w["regions"]
    staff = u["staff"]
    assert _keys(units, sel.unit_list_for(actor=staff, kind="justice_office")) == ["bureau", "office"]
    assert _keys(units, sel.unit_list_for(actor=staff, region=r["north"].pk)) == ["workroom", "station"]
    assert _keys(units, sel.unit_list_for(actor=staff, region=r["north_grid"].pk)) == ["station"]
    assert _keys(units, sel.unit_list_for(actor=staff, q=" 司法 ")) == ["bureau", "office"]
    assert _keys(units, sel.unit_list_for(actor=u["outsider"], region=r["north"].pk)) == []


def test_a_unit_opens_only_inside_the_scope_and_choices_go_by_name(w):
    u, units = w["users"], w["units"]
    assert sel.unit_get_for(actor=u["worker"], pk=units["station"].pk) == units["station"]
    with pytest.raises(Http404):
        sel.unit_get_for(actor=u["worker"], pk=units["company"].pk)
    assert _keys(units, sel.unit_choices(actor=u["staff"])) == [
        "workroom", "station", "bureau", "office", "company"]
    assert _keys(units, sel.unit_choices(actor=u["worker"], kind="community_workroom")) == [
        "workroom", "station"]


# --- people ------------------------------------------------------------------------------------
def test_the_people_each_role_reads_by_name(w):
    u, p = w["users"], w["people"]
    assert _keys(p, sel.person_list_for(actor=u["staff"])) == ["zhangsan", "zhangwei", "lina", "wangfang"]
    assert _keys(p, sel.person_list_for(actor=u["worker"])) == ["zhangsan", "zhangwei", "wangfang"]
    assert _keys(p, sel.person_list_for(actor=u["outsider"])) == ["lina", "wangfang"]
    assert _keys(p, sel.person_list_for(actor=u["floating"])) == ["wangfang"]
    with pytest.raises(PermissionDenied):
        sel.person_list_for(actor=u["auditor"])


def test_the_person_filters_keep_exactly_their_people(w):
    u, p, r, units = w["users"], w["people"], w["regions"], w["units"]
    staff = u["staff"]

    def keys(**kw):
        return _keys(p, sel.person_list_for(actor=staff, **kw))

    assert keys(kind="lawyer") == ["zhangwei"]
    assert keys(community=r["north"].pk) == ["zhangsan", "zhangwei"]
    assert keys(unit=units["office"].pk) == ["wangfang"]
    assert keys(active=False) == ["zhangsan"]
    assert keys(active=True) == ["zhangwei", "lina", "wangfang"]
    assert keys(q=" 张 ") == ["zhangsan", "zhangwei"]
    assert keys(q="42010219800101123x") == ["zhangwei"]
    assert keys(q="420102 800101 123") == ["zhangsan"]
    assert keys(q="+86 139-1234-5678") == ["zhangwei"]
    assert keys(q="13600000001") == ["zhangsan"]
    assert keys(q="1391234567") == []
    assert _keys(p, sel.person_list_for(actor=u["worker"], q="13787654321")) == []


def test_a_person_opens_with_duty_slots_by_weekday_and_start(w):
    u, p, r = w["users"], w["people"], w["regions"]
    person = p["zhangwei"]
    late = DutySlot.objects.create(person=person, community=r["north"], weekday=2,
                                   start=dt.time(14), end=dt.time(16))
    early = DutySlot.objects.create(person=person, community=r["north"], weekday=2,
                                    start=dt.time(9), end=dt.time(11))
    monday = DutySlot.objects.create(person=person, community=r["north"], weekday=0,
                                     start=dt.time(15), end=dt.time(17))
    got = sel.person_get_for(actor=u["worker"], pk=person.pk)
    assert got == person
    assert list(got.duty_slots.all()) == [monday, early, late]
    assert sel.duty_slot_get_for(actor=u["worker"], pk=late.pk) == late
    with pytest.raises(Http404):
        sel.person_get_for(actor=u["outsider"], pk=person.pk)
    with pytest.raises(Http404):
        sel.duty_slot_get_for(actor=u["outsider"], pk=late.pk)


# --- communities, rights -----------------------------------------------------------------------
def test_community_choices_and_the_communities_a_role_may_file_under(w):
    r, u = w["regions"], w["users"]
    assert sel.community_choices() == [(str(r["north"].pk), "江汉北路社区"),
                                       (str(r["south"].pk), "高雄社区")]
    assert list(sel.communities_for(actor=u["staff"]).order_by("name")) == [r["north"], r["south"]]
    assert list(sel.communities_for(actor=u["leader"]).order_by("name")) == [r["north"], r["south"]]
    assert list(sel.communities_for(actor=u["outsider"])) == [r["south"]]
    assert list(sel.communities_for(actor=u["floating"])) == []


def test_who_may_edit_what(w):
    u, r, units, p, a = w["users"], w["regions"], w["units"], w["people"], w["agreements"]
    worker = u["worker"]
    assert [sel.can_edit(actor=worker, obj=x) for x in (
        r["north"], units["station"], units["workroom"], units["office"], units["company"],
        a["grid"], a["south"], p["zhangwei"], p["wangfang"], p["lina"])] == [
        False, True, True, False, False, True, False, True, False, False]
    assert sel.can_edit(actor=worker, community_id=r["north"].pk) is True
    assert sel.can_edit(actor=worker, community_id=r["south"].pk) is False
    assert sel.can_edit(actor=worker) is False
    assert sel.can_edit(actor=u["staff"], obj=r["district"]) is True
    assert sel.can_edit(actor=u["staff"], obj=p["lina"]) is True
    assert sel.can_edit(actor=u["leader"], obj=p["lina"]) is False
    assert sel.can_edit(actor=u["floating"]) is False
    assert (sel.may_edit_street(u["staff"]), sel.may_edit_street(worker),
            sel.may_edit_street(u["leader"])) == (True, False, False)
    assert sel.may_edit_street(AnonymousUser()) is False  # no can_write, no role: refused
    assert sel.can_edit(actor=AnonymousUser(), community_id=r["north"].pk) is False


def test_require_edit_refuses_outside_the_writers_scope(w):
    u, r = w["users"], w["regions"]
    require_edit(u["worker"], r["north"].pk)
    require_edit(u["staff"], None)
    for actor, community in ((u["worker"], r["south"].pk), (u["worker"], None),
                             (u["leader"], r["north"].pk), (u["auditor"], None)):
        with pytest.raises(PermissionDenied):
            require_edit(actor, community)
    with pytest.raises(PermissionDenied):
        region_scope(AnonymousUser())


# --- orders that differ from the order of creation, and the filters no test above reaches -----
def test_agreements_in_force_within_a_period_and_of_one_region(w):
    a, r = w["agreements"], w["regions"]

    def keys(**kw):
        return _keys(a, sel.agreement_list_for(actor=w["users"]["staff"], **kw))

    # street 02-01..02-20 (2026), south 01-05..12-31, north 2025-06-01..03-01, grid 2024..2027
    assert keys(in_force_since=D(2026, 3, 2)) == ["south", "grid"]
    assert keys(in_force_until=D(2025, 12, 31)) == ["north", "grid"]
    assert keys(in_force_since=D(2026, 2, 21), in_force_until=D(2026, 2, 21)) == [
        "south", "north", "grid"]
    assert keys(region=r["north"].pk) == ["north"]
    assert keys(region=r["north_grid"].pk) == ["grid"]


def test_an_agreement_filed_later_but_signed_earlier_lists_by_its_signing_day(w):
    a = dict(w["agreements"])
    a["late"] = Agreement.objects.create(
        title="补录协议", region=w["regions"]["subdistrict"], kind=Agreement.Kind.OTHER,
        signed_on=D(2025, 1, 1), starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31))
    assert _keys(a, sel.agreement_list_for(actor=w["users"]["staff"])) == [
        "street", "south", "north", "late", "grid"]


def test_a_community_added_later_takes_its_place_by_name(w, subdistrict):
    r, u = dict(w["regions"]), w["users"]
    r["new"] = Region.objects.create(name="丁字桥社区", level=Region.Level.COMMUNITY, code="DZQ",
                                     parent=subdistrict)
    assert sel.community_choices() == [(str(r["new"].pk), "丁字桥社区"),
                                       (str(r["north"].pk), "江汉北路社区"),
                                       (str(r["south"].pk), "高雄社区")]
    assert sel.community_choices(actor=u["worker"]) == [(str(r["north"].pk), "江汉北路社区")]
    assert sel.community_choices(actor=u["floating"]) == []
    assert _keys(r, sel.region_choices(actor=u["staff"], levels=("community",))) == [
        "new", "north", "south"]
    assert _keys(r, sel.region_list_for(actor=u["staff"], level="community")) == [
        "new", "north", "south"]


def test_units_of_one_kind_list_by_name_whatever_their_order_of_filing(w):
    units = dict(w["units"])
    units["yixin"] = Unit.objects.create(name="一心物业", kind=Unit.Kind.PROPERTY_COMPANY,
                                         region=w["regions"]["south"])
    assert _keys(units, sel.unit_list_for(actor=w["users"]["staff"])) == [
        "workroom", "station", "bureau", "office", "yixin", "company"]


def test_a_duty_slot_belongs_to_the_community_of_its_person_not_of_its_seat(w):
    """李娜 of 高雄 sits on duty in 江汉北路: the slot is read with her record, by 高雄."""
    u, p, r = w["users"], w["people"], w["regions"]
    slot = DutySlot.objects.create(person=p["lina"], community=r["north"], weekday=1,
                                   start=dt.time(9), end=dt.time(11))
    assert sel.duty_slot_get_for(actor=u["outsider"], pk=slot.pk) == slot
    with pytest.raises(Http404):
        sel.duty_slot_get_for(actor=u["worker"], pk=slot.pk)


def test_a_short_number_searches_names_not_mobiles(w):
    """Only eleven digits are a mobile number; 张伟2 is registered so to tell two 张伟 apart."""
    people = dict(w["people"])
    people["second"] = make_person("张伟2", w["regions"]["north"], mobile="13500000002")
    assert _keys(people, sel.person_list_for(actor=w["users"]["staff"], q="2")) == ["second"]
