"""The organisation selectors read directly for agreements (on ``org_world``): lists, filters,
the staff home's agreements ending soon, and the mediation committee that signs one. Every
expected list is written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.http import Http404
from django.utils import translation

from fazhi.org import selectors as sel
from fazhi.org.models import Agreement, Unit

from .org_world import D, build
from .org_world import keys as _keys


@pytest.fixture
def w(subdistrict, north, south):
    return build(subdistrict, north, south)


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
