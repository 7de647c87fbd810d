"""The organisation selectors (fazhi/org/selectors.py) and access rules read directly, on one
varied world: two communities each with a grid, street-level and district rows, people in and
out of communities, agreements at every level. Every expected list is written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org import selectors as sel
from fazhi.org.access import region_scope, require_edit
from fazhi.org.models import Agreement, DutySlot, Person, Region, Unit

from .conftest import make_person

D = dt.date


@pytest.fixture
def w(subdistrict, north, south):
    """The world. Grid names run against their parents' names (网格1 under 高雄, 网格2 under
    江汉北路), so an order by parent name differs from one by own name."""
    district = subdistrict.parent
    south_grid = Region.objects.create(name="网格1", level=Region.Level.GRID, code="G1",
                                       parent=south)
    north_grid = Region.objects.create(name="网格2", level=Region.Level.GRID, code="G2",
                                       parent=north)
    bureau = Unit.objects.create(name="区司法局", kind=Unit.Kind.JUSTICE_OFFICE, region=district)
    office = Unit.objects.create(name="西马司法所", kind=Unit.Kind.JUSTICE_OFFICE, region=subdistrict)
    workroom = Unit.objects.create(name="北路工作室", kind=Unit.Kind.COMMUNITY_WORKROOM, region=north)
    station = Unit.objects.create(name="北路网格站", kind=Unit.Kind.COMMUNITY_WORKROOM,
                                  region=north_grid)
    company = Unit.objects.create(name="高雄物业", kind=Unit.Kind.PROPERTY_COMPANY, region=south)
    people = {
        "zhangwei": make_person("张伟", north, workroom, kind=Person.Kind.LAWYER,
                                id_number="42010219800101123X", mobile="13912345678"),
        "zhangsan": make_person("张三", north, kind=Person.Kind.MEDIATOR,
                                id_number="420102800101123", mobile="13600000001"),
        "lina": make_person("李娜", south, company, id_number="420102199002021234",
                            mobile="13787654321"),
        "wangfang": make_person("王芳", None, office, kind=Person.Kind.STAFF),
    }
    people["zhangsan"].active = False
    people["zhangsan"].save()

    def agreement(title, region, kind, signed, ends, parties):
        a = Agreement.objects.create(title=title, region=region, kind=kind, signed_on=signed,
                                     starts_on=signed, ends_on=ends)
        a.parties.set(parties)
        return a

    K = Agreement.Kind
    agreements = {
        "street": agreement("西马法律服务协议", subdistrict, K.LEGAL_SERVICE, D(2026, 2, 1),
                            D(2026, 2, 20), [office]),
        "south": agreement("高雄共建协议", south, K.CO_BUILDING, D(2026, 1, 5), D(2026, 12, 31),
                           [company]),
        "north": agreement("北路共建协议", north, K.CO_BUILDING, D(2025, 6, 1), D(2026, 3, 1),
                           [workroom, office]),
        "grid": agreement("网格共建协议", north_grid, K.OTHER, D(2024, 1, 1), D(2027, 1, 1),
                          [station]),
    }
    users = {
        "staff": make_user("staff", Role.STREET_STAFF),
        "leader": make_user("leader", Role.LEADER),
        "worker": make_user("worker", Role.COMMUNITY_WORKER, north),
        "outsider": make_user("outsider", Role.COMMUNITY_WORKER, south),
        "floating": make_user("floating", Role.MEDIATOR),
        "auditor": make_user("auditor", Role.AUDITOR),
    }
    regions = {"district": district, "subdistrict": subdistrict, "north": north, "south": south,
               "north_grid": north_grid, "south_grid": south_grid}
    units = {"bureau": bureau, "office": office, "workroom": workroom, "station": station,
             "company": company}
    return {"regions": regions, "units": units, "people": people, "agreements": agreements,
            "users": users}


def _keys(table: dict, rows) -> list[str]:
    by_pk = {v.pk: k for k, v in table.items()}
    return [by_pk[r.pk] for r in rows]


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


# --- agreements --------------------------------------------------------------------------------
def test_the_agreements_each_role_reads_latest_signed_first(w):
    u, a = w["users"], w["agreements"]
    assert _keys(a, sel.agreement_list_for(actor=u["staff"])) == ["street", "south", "north", "grid"]
    assert _keys(a, sel.agreement_list_for(actor=u["worker"])) == ["street", "north", "grid"]
    assert _keys(a, sel.agreement_list_for(actor=u["outsider"])) == ["street", "south"]
    assert _keys(a, sel.agreement_list_for(actor=u["floating"])) == ["street"]


def test_the_agreement_filters_keep_exactly_their_agreements(w):
    u, a, units = w["users"], w["agreements"], w["units"]
    staff = u["staff"]

    def keys(**kw):
        return _keys(a, sel.agreement_list_for(actor=staff, **kw))

    assert keys(kind="co_building") == ["south", "north"]
    assert keys(q=" 共建 ") == ["south", "north", "grid"]
    assert keys(unit=units["office"].pk) == ["street", "north"]
    assert keys(ending_within=30, today=D(2026, 2, 1)) == ["street", "north"]
    assert keys(ending_within=27, today=D(2026, 2, 1)) == ["street"]
    assert keys(ending_within=28, today=D(2026, 2, 1)) == ["street", "north"]
    assert keys(ending_within=0, today=D(2026, 2, 20)) == ["street"]
    assert keys(ending_within=0, today=D(2026, 2, 21)) == []
    assert keys(ending_within=400, today=D(2026, 2, 21), kind="co_building") == ["north", "south"]


@time_machine.travel(dt.datetime(2026, 2, 21, 10, tzinfo=dt.UTC), tick=False)
def test_ending_within_counts_from_today_when_no_day_is_given(w):
    got = sel.agreement_list_for(actor=w["users"]["staff"], ending_within=9)
    assert _keys(w["agreements"], got) == ["north"]


def test_an_agreement_opens_only_inside_the_scope(w):
    u, a = w["users"], w["agreements"]
    got = sel.agreement_get_for(actor=u["worker"], pk=a["north"].pk)
    assert got == a["north"]
    assert {x.name for x in got.parties.all()} == {"北路工作室", "西马司法所"}
    with pytest.raises(Http404):
        sel.agreement_get_for(actor=u["worker"], pk=a["south"].pk)


# --- the staff home ----------------------------------------------------------------------------
@time_machine.travel(dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC), tick=False)
def test_the_home_section_lists_agreements_ending_within_60_days_soonest_first(w):
    u, a = w["users"], w["agreements"]
    with translation.override("en"):
        section = sel.work_for(u["worker"])
    assert section == {
        "count": 2,
        "rows": [{"pk": a["street"].pk, "title": "西马法律服务协议", "ends_on": D(2026, 2, 20)},
                 {"pk": a["north"].pk, "title": "北路共建协议", "ends_on": D(2026, 3, 1)}],
    }
    with translation.override("en"):
        assert sel.work_for(u["outsider"])["count"] == 1


@time_machine.travel(dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC), tick=False)
def test_the_home_section_shows_five_and_counts_them_all(w):
    region, office = w["regions"]["subdistrict"], w["units"]["office"]
    for day in (25, 24, 23, 22, 21, 20):
        Agreement.objects.create(title=f"协议{day}", region=region, signed_on=D(2025, 1, 1),
                                 starts_on=D(2025, 1, 1), ends_on=D(2026, 1, day)).parties.set([office])
    Agreement.objects.create(title="今天结束", region=region, signed_on=D(2025, 1, 1),
                             starts_on=D(2025, 1, 1), ends_on=D(2026, 1, 2))
    Agreement.objects.create(title="六十天", region=region, signed_on=D(2025, 1, 1),
                             starts_on=D(2025, 1, 1), ends_on=D(2026, 3, 3))
    Agreement.objects.create(title="六十一天", region=region, signed_on=D(2025, 1, 1),
                             starts_on=D(2025, 1, 1), ends_on=D(2026, 3, 4))
    Agreement.objects.create(title="昨天结束", region=region, signed_on=D(2025, 1, 1),
                             starts_on=D(2025, 1, 1), ends_on=D(2026, 1, 1))
    section = sel.work_for(w["users"]["staff"])
    assert section["count"] == 10  # six, today, the 60th day, street (2-20), north (3-1)
    assert [row["title"] for row in section["rows"]] == ["今天结束", "协议20", "协议21", "协议22", "协议23"]


def test_the_home_section_is_empty_with_nothing_ending(w):
    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False), \
            translation.override("en"):
        section = sel.work_for(w["users"]["staff"])
    assert (section["count"], section["rows"]) == (0, [])
    assert sel.work_for(w["users"]["auditor"]) is None


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


# --- the mediation committee that signs an agreement ------------------------------------------
def test_the_committee_is_the_regions_own_active_one_else_the_nearest_above(w):
    r = w["regions"]
    committee = Unit.Kind.MEDIATION_COMMITTEE
    Unit.objects.create(name="停用的调委会", kind=committee, region=r["north"], active=False)
    Unit.objects.create(name="北路法律服务站", kind=Unit.Kind.COMMUNITY_WORKROOM,
                        region=r["north"])
    assert sel.mediation_committee_name(r["north_grid"]) == "网格2人民调解委员会"
    Unit.objects.create(name="西马街道人调委", kind=committee, region=r["subdistrict"])
    assert sel.mediation_committee_name(r["north_grid"]) == "西马街道人调委"
    assert sel.mediation_committee_name(None) == "西马街道人民调解委员会"  # no unit is looked up
    Unit.objects.create(name="江汉北路调委会", kind=committee, region=r["north"])
    Unit.objects.create(name="江汉北路第二调委会", kind=committee, region=r["north"])
    assert sel.mediation_committee_name(r["north_grid"]) == "江汉北路调委会"
    assert sel.mediation_committee_name(r["north"]) == "江汉北路调委会"
    assert sel.mediation_committee_name(r["south"]) == "西马街道人调委"


def test_without_any_committee_the_name_is_the_one_the_law_gives(w):
    r = w["regions"]
    assert sel.mediation_committee_name(r["south_grid"]) == "网格1人民调解委员会"
    assert sel.mediation_committee_name(None) == "西马街道人民调解委员会"


def test_without_any_region_the_committee_has_the_bare_legal_name(db):
    assert sel.mediation_committee_name(None) == "人民调解委员会"
