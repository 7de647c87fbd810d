"""The list actions of the registry (outreach/actions.py) through the list page and the API:
the same answer for a permitted user, a refused one and a stale version."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from fazhi.outreach.actions import LIST_ACTIONS
from fazhi.outreach.models import ResponsibilityList

from .conftest import add_item

pytestmark = pytest.mark.django_db

S = ResponsibilityList.Status
API = "/api/v1/outreach/lists"


def _page(client, lst, action, data):
    if action == "submit":
        return client.post(reverse("outreach:list_submit", args=[lst.pk]), data)
    return client.post(reverse("outreach:list_decide", args=[lst.pk]),
                       {**data, "decision": action})


def _api(client, lst, action, data):
    return client.post(f"{API}/{lst.pk}/{action}", data, content_type="application/json")


def _list(police, status):
    lst = ResponsibilityList.objects.create(unit=police, year=2026 if status else 2027)
    add_item(lst)
    return lst


def _submitted(unit_user, lst):
    from fazhi.outreach.services.lists import list_submit

    return list_submit(actor=unit_user, lst=lst, expected_version=lst.version)


def test_the_table_names_every_list_action():
    assert [a.name for a in LIST_ACTIONS] == ["submit", "approve", "return"]


def _two(police, unit_user, action):
    lists = [_list(police, status) for status in (True, False)]
    return lists if action == "submit" else [_submitted(unit_user, lst) for lst in lists]


@pytest.mark.parametrize("action", ["submit", "approve", "return"])
def test_a_permitted_user_and_a_stale_version_get_the_same_answer_both_ways(
        action, as_user, unit_user, street_staff, police):
    client = as_user(unit_user if action == "submit" else street_staff)
    by_page, by_api = _two(police, unit_user, action)
    comment = {"comment": "请补充第三季度安排"}
    stale_page = _page(client, by_page, action, {"version": 99, **comment})
    stale_api = _api(client, by_api, action, {"version": 99, **comment})
    assert (stale_page.status_code, stale_api.status_code) == (409, 409)
    assert escape(stale_api.json()["detail"]) in stale_page.content.decode()
    page = _page(client, by_page, action, {"version": by_page.version, **comment})
    api = _api(client, by_api, action, {"version": by_api.version, **comment})
    assert (page.status_code, api.status_code) == (302, 200)
    by_page.refresh_from_db()
    by_api.refresh_from_db()
    expected = {"submit": S.SUBMITTED, "approve": S.APPROVED, "return": S.RETURNED}[action]
    assert (by_page.status, by_api.status) == (expected, expected)


@pytest.mark.parametrize("action", ["approve", "return"])
def test_the_unit_itself_is_refused_a_review_both_ways(action, as_user, unit_user, police):
    by_page, by_api = _two(police, unit_user, action)
    client = as_user(unit_user)
    page = _page(client, by_page, action, {"version": by_page.version, "comment": "自己批"})
    api = _api(client, by_api, action, {"version": by_api.version, "comment": "自己批"})
    assert (page.status_code, api.status_code) == (403, 403)
    by_page.refresh_from_db()
    by_api.refresh_from_db()
    assert (by_page.status, by_api.status) == (S.SUBMITTED, S.SUBMITTED)


def test_a_list_not_submitted_cannot_be_approved_either_way(as_user, street_staff, police):
    by_page, by_api = _two(police, None, "submit")
    client = as_user(street_staff)
    page = _page(client, by_page, "approve", {"version": by_page.version})
    api = _api(client, by_api, "approve", {"version": by_api.version})
    assert (page.status_code, api.status_code) == (409, 409)
    assert escape(api.json()["detail"]) in page.content.decode()
