import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.org import selectors
from fazhi.org.models import Agreement, Region


def test_street_wide_roles_see_every_community(street_staff, leader, north_person, south_person):
    for actor in (street_staff, leader):
        assert selectors.person_list_for(actor=actor).count() == 2


def test_community_roles_see_their_community_and_street_level_rows(
        worker, mediator, lawyer, north_person, south_person, justice_office, north_workroom,
        south_company):
    for actor in (worker, mediator, lawyer):
        assert list(selectors.person_list_for(actor=actor)) == [north_person]
        assert set(selectors.unit_list_for(actor=actor)) == {justice_office, north_workroom}


def test_administration_roles_are_refused(auditor, sysadmin, secadmin):
    for actor in (auditor, sysadmin, secadmin):
        with pytest.raises(PermissionDenied):
            selectors.person_list_for(actor=actor)
        with pytest.raises(PermissionDenied):
            selectors.unit_get_for(actor=actor, pk=1)


def test_getters_answer_404_outside_the_scope(outsider, north_person, north_workroom, north):
    with pytest.raises(Http404):
        selectors.person_get_for(actor=outsider, pk=north_person.pk)
    with pytest.raises(Http404):
        selectors.unit_get_for(actor=outsider, pk=north_workroom.pk)
    with pytest.raises(Http404):
        selectors.region_get_for(actor=outsider, pk=north.pk)


def test_grids_belong_to_their_community(worker, outsider, north):
    grid = Region.objects.create(name="第一网格", level=Region.Level.GRID, code="G1", parent=north)
    assert selectors.region_get_for(actor=worker, pk=grid.pk) == grid
    assert grid.community_pk == north.pk
    with pytest.raises(Http404):
        selectors.region_get_for(actor=outsider, pk=grid.pk)


def test_can_edit_follows_role_and_community(street_staff, worker, outsider, leader, mediator,
                                            north_person, justice_office):
    assert selectors.can_edit(actor=street_staff, obj=justice_office)
    assert selectors.can_edit(actor=worker, obj=north_person)
    assert selectors.can_edit(actor=mediator, obj=north_person)
    assert not selectors.can_edit(actor=worker, obj=justice_office)
    assert not selectors.can_edit(actor=outsider, obj=north_person)
    assert not selectors.can_edit(actor=leader, obj=north_person)


@time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
def test_work_for_lists_agreements_ending_within_60_days_in_scope(worker, outsider,
                                                                 south_agreement, subdistrict):
    Agreement.objects.create(title="街道法律服务协议", region=subdistrict,
                             signed_on=dt.date(2026, 1, 1), starts_on=dt.date(2026, 1, 1),
                             ends_on=dt.date(2026, 12, 20))
    mine = selectors.work_for(outsider)
    assert mine["count"] == 2
    assert [r["title"] for r in mine["rows"]] == ["街道法律服务协议", "高雄社区共驻共建协议"]
    assert selectors.work_for(worker)["count"] == 1


def test_work_for_is_silent_for_administration_roles(auditor):
    assert selectors.work_for(auditor) is None
