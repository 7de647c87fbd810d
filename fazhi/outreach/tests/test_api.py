from __future__ import annotations

import json

from fazhi.audit.models import Entry
from fazhi.outreach.models import Activity, ResponsibilityList, SignIn

from .conftest import add_item, make_activity

BASE = "/api/v1/outreach"


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _activity(**extra):
    data = {"kind": "lecture_hall", "title": "API 讲座", "starts_at": "2026-06-01T09:00:00+08:00",
            "ends_at": "2026-06-01T11:00:00+08:00", "venue": "活动室"}
    data.update(extra)
    return data


def test_a_worker_creates_and_lists_activities(as_user, worker, north):
    client = as_user(worker)
    created = _post(client, f"{BASE}/activities", _activity(community_id=north.pk))
    assert created.status_code == 201 and created.json()["code"]
    listed = client.get(f"{BASE}/activities").json()
    assert listed["count"] == 1 and listed["items"][0]["title"] == "API 讲座"


def test_dates_out_of_order_get_422_with_detail(as_user, street_staff):
    response = _post(as_user(street_staff), f"{BASE}/activities",
                     _activity(ends_at="2026-06-01T08:00:00+08:00"))
    assert response.status_code == 422 and "ends_at" in response.json()["detail"]
    assert not Activity.objects.exists()


def test_an_outsider_gets_403_creating_in_another_community_and_404_reading(as_user, outsider,
                                                                            north):
    client = as_user(outsider)
    assert _post(client, f"{BASE}/activities",
                 _activity(community_id=north.pk)).status_code == 403
    activity = make_activity(community=north)
    assert client.get(f"{BASE}/activities/{activity.pk}").status_code == 404
    assert _post(client, f"{BASE}/activities/{activity.pk}/signins",
                 {"name": "甲", "mobile": "13800000001"}).status_code == 404
    assert not SignIn.objects.exists()


def test_signing_in_through_the_api_is_idempotent(as_user, worker, north):
    activity = make_activity(community=north)
    client = as_user(worker)
    url = f"{BASE}/activities/{activity.pk}/signins"
    first = _post(client, url, {"name": "张三", "mobile": "13800000001"})
    again = _post(client, url, {"name": "张三", "mobile": "13800000001"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and again.json()["created"] is False
    assert first.json()["mobile_masked"] == "138****0001"
    assert SignIn.objects.count() == 1
    listed = client.get(url).json()
    assert listed["count"] == 1 and "13800000001" not in json.dumps(listed)
    assert client.get(f"{BASE}/activities/{activity.pk}/attendance").json()["total"] == 1


def test_an_invalid_mobile_gets_422(as_user, worker, north):
    activity = make_activity(community=north)
    response = _post(as_user(worker), f"{BASE}/activities/{activity.pk}/signins",
                     {"name": "张三", "mobile": "1380000"})
    assert response.status_code == 422 and "mobile" in response.json()["detail"]


def test_lists_submit_and_approve_with_a_stale_version_409(as_user, unit_user, street_staff,
                                                           draft_list):
    add_item(draft_list)
    unit = as_user(unit_user)
    assert unit.get(f"{BASE}/lists").json()[0]["planned"] == 2
    assert _post(unit, f"{BASE}/lists/{draft_list.pk}/submit",
                 {"version": 1}).status_code == 200
    staff = as_user(street_staff)
    assert _post(staff, f"{BASE}/lists/{draft_list.pk}/approve",
                 {"version": 1}).status_code == 409
    approved = _post(staff, f"{BASE}/lists/{draft_list.pk}/approve", {"version": 2})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    detail = staff.get(f"{BASE}/lists/{draft_list.pk}").json()
    assert detail["items"][0]["done_by_quarter"] == [0, 0, 0, 0]
    assert Entry.objects.filter(action="transition").count() == 2


def test_the_unit_cannot_approve_through_the_api(as_user, unit_user, draft_list):
    add_item(draft_list)
    client = as_user(unit_user)
    _post(client, f"{BASE}/lists/{draft_list.pk}/submit", {"version": 1})
    assert _post(client, f"{BASE}/lists/{draft_list.pk}/approve",
                 {"version": 2}).status_code == 403
    draft_list.refresh_from_db()
    assert draft_list.status == ResponsibilityList.Status.SUBMITTED


def test_an_outsider_gets_404_for_a_list(as_user, outsider, draft_list):
    assert as_user(outsider).get(f"{BASE}/lists/{draft_list.pk}").status_code == 404


def test_an_unknown_id_in_an_activity_body_is_a_422_naming_the_field(as_user, street_staff):
    client = as_user(street_staff)
    for field in ["community_id", "unit_id", "key_date_id"]:
        for pk in [99999999999999999999, 424242]:
            response = _post(client, f"{BASE}/activities", _activity(**{field: pk}))
            assert response.status_code == 422
            assert field in str(response.json()["detail"])
    assert not Activity.objects.exists()
