"""Editing one responsibility-list item in place: version-checked, audited, scoped."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conftest import make_user
from fazhi.audit.models import Entry
from fazhi.core.conflicts import Conflict
from fazhi.core.roles import Role
from fazhi.outreach.models import ListItem, ResponsibilityList
from fazhi.outreach.services import lists as services

from .conftest import GOOD_ROW, add_item

S = ResponsibilityList.Status
FIELDS = ["laws", "audience", "channels", "planned_count", "quarter", "leader", "person",
          "office", "standard", "key_dates"]


def _post(item: ListItem, version: int, **changes) -> dict:
    data = {f: getattr(item, f) for f in FIELDS}
    data.update(changes, version=version)
    return data


@pytest.fixture
def item(draft_list) -> ListItem:
    return add_item(draft_list, 1, planned=2, quarter=1)


def test_the_service_changes_the_item_bumps_the_list_and_audits_the_change(unit_user, item):
    lst = item.responsibility_list
    updated = services.item_update(actor=unit_user, item=item, expected_version=lst.version,
                                   planned_count=5, audience="辖区学生")
    item.refresh_from_db()
    lst.refresh_from_db()
    assert (item.planned_count, item.audience, item.laws) == (5, "辖区学生", GOOD_ROW[0])
    assert updated.pk == item.pk and lst.version == 2
    entry = Entry.objects.get(action="update", object_type="outreach.listitem")
    assert entry.changes["planned_count"] == [2, 5]
    assert entry.changes["audience"] == [GOOD_ROW[1], "辖区学生"]
    assert "laws" not in entry.changes


def test_the_service_refuses_a_stale_version_and_changes_nothing(unit_user, item):
    with pytest.raises(Conflict):
        services.item_update(actor=unit_user, item=item, expected_version=99, planned_count=5)
    item.refresh_from_db()
    assert item.planned_count == 2 and item.responsibility_list.version == 1
    assert not Entry.objects.filter(object_type="outreach.listitem").exists()


def test_the_service_refuses_an_item_of_a_submitted_list(unit_user, item):
    ResponsibilityList.objects.filter(pk=item.responsibility_list_id).update(status=S.SUBMITTED)
    item.refresh_from_db()
    with pytest.raises(Conflict):
        services.item_update(actor=unit_user, item=item, expected_version=1, planned_count=5)
    item.refresh_from_db()
    assert item.planned_count == 2


def test_the_service_refuses_another_units_writer(court, item):
    other = make_user("court", Role.MEDIATOR, unit_id=court.pk)
    with pytest.raises(PermissionDenied):
        services.item_update(actor=other, item=item, expected_version=1, planned_count=5)
    item.refresh_from_db()
    assert item.planned_count == 2


# --- the page -------------------------------------------------------------------------------
def test_the_unit_edits_an_item_from_the_list_page(as_user, unit_user, item):
    client = as_user(unit_user)
    detail = client.get(reverse("outreach:list_detail", args=[item.responsibility_list_id]))
    url = reverse("outreach:item_edit", args=[item.pk])
    assert url in detail.content.decode()
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"]["version"].value() == 1
    response = client.post(url, _post(item, 1, planned_count=6, office="法制室"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.planned_count, item.office) == (6, "法制室")


def test_the_sub_district_may_edit_a_returned_lists_item(as_user, street_staff, item):
    ResponsibilityList.objects.filter(pk=item.responsibility_list_id).update(status=S.RETURNED)
    response = as_user(street_staff).post(reverse("outreach:item_edit", args=[item.pk]),
                                          _post(item, 1, quarter=3))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.quarter == 3


def test_an_outsider_gets_404_and_nothing_changes(as_user, outsider, item):
    url = reverse("outreach:item_edit", args=[item.pk])
    client = as_user(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, _post(item, 1, planned_count=9)).status_code == 404
    item.refresh_from_db()
    assert item.planned_count == 2 and item.responsibility_list.version == 1


def test_a_stale_form_is_refused_with_a_reload_prompt_and_nothing_changes(as_user, unit_user,
                                                                           street_staff, item):
    url = reverse("outreach:item_edit", args=[item.pk])
    mine = as_user(unit_user)
    stale_version = mine.get(url).context["form"]["version"].value()
    # meanwhile the sub-district changes the same item
    as_user(street_staff).post(url, _post(item, stale_version, planned_count=4))
    response = mine.post(url, _post(item, stale_version, planned_count=7))
    assert response.status_code == 409
    body = response.content.decode()
    conflict = body[body.index('id="conflict"'):]
    assert f'<a href="{url}">' in conflict[:conflict.index("</div>")]  # the reload link
    item.refresh_from_db()
    assert item.planned_count == 4  # the other change stands, mine did not overwrite it


def test_bad_input_is_shown_beside_the_field_and_nothing_changes(as_user, unit_user, item):
    response = as_user(unit_user).post(reverse("outreach:item_edit", args=[item.pk]),
                                       _post(item, 1, quarter=5, laws=""))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "quarter" in errors and "laws" in errors
    item.refresh_from_db()
    assert item.quarter == 1 and item.responsibility_list.version == 1


def test_an_item_of_an_approved_list_cannot_be_edited(as_user, unit_user, approved_list):
    item = approved_list.items.first()
    url = reverse("outreach:item_edit", args=[item.pk])
    client = as_user(unit_user)
    assert client.get(url).status_code == 403
    assert client.post(url, _post(item, approved_list.version, planned_count=9)).status_code == 403
    item.refresh_from_db()
    assert item.planned_count == 2
