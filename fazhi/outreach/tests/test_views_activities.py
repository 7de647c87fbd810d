from __future__ import annotations

import io

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from fazhi.outreach.models import Activity, ActivityPhoto, CommunityFeed, KeyDate, WalkIn

from .conftest import at, make_activity


def _post_data(**extra):
    data = {"kind": "lecture_hall", "title": "宪法进社区", "starts_at": "2026-06-01T09:00",
            "ends_at": "2026-06-01T11:00", "venue": "活动室", "planned_attendance": 50,
            "opens_before": 60, "closes_after": 120}
    data.update(extra)
    return data


def test_a_worker_creates_an_activity_from_the_form(as_user, worker, north):
    response = as_user(worker).post(reverse("outreach:activity_create"),
                                    _post_data(community=north.pk))
    activity = Activity.objects.get()
    assert response.status_code == 302 and activity.created_by == worker
    assert activity.starts_at == at(2026, 6, 1, 9)


def test_dates_out_of_order_show_an_error_beside_the_end_field(as_user, street_staff):
    page = as_user(street_staff).post(reverse("outreach:activity_create"),
                                      _post_data(ends_at="2026-06-01T08:00"))
    assert page.status_code == 400 and page.context["form"].errors["ends_at"]
    assert not Activity.objects.exists()


def test_an_outsider_cannot_create_in_another_community(as_user, outsider, north):
    page = as_user(outsider).post(reverse("outreach:activity_create"),
                                  _post_data(community=north.pk))
    assert page.status_code == 403
    assert not Activity.objects.exists()


def test_the_leader_reads_but_cannot_create(as_user, leader, north):
    activity = make_activity(community=north)
    client = as_user(leader)
    assert client.get(reverse("outreach:activity_detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("outreach:activity_create")).status_code == 403


def test_the_detail_is_scoped_to_the_community(as_user, worker, outsider, street_staff, north):
    activity = make_activity(community=north)
    url = reverse("outreach:activity_detail", args=[activity.pk])
    assert as_user(worker).get(url).status_code == 200
    assert as_user(street_staff).get(url).status_code == 200
    assert as_user(outsider).get(url).status_code == 404


def test_an_edit_saves_and_a_stale_edit_says_reload(as_user, worker, north):
    activity = make_activity(community=north)
    client = as_user(worker)
    url = reverse("outreach:activity_edit", args=[activity.pk])
    data = _post_data(community=north.pk, title="新", version=1)
    assert client.post(url, data).status_code == 302
    page = client.post(url, {**data, "title": "旧"})
    assert page.status_code == 400 and page.context["form"].non_field_errors()
    assert Activity.objects.get().title == "新"


def test_the_index_query_count_does_not_grow_with_the_page_size(as_user, street_staff, north):
    for n in range(60):
        make_activity(community=north, title=f"讲座{n}")
    client = as_user(street_staff)
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("outreach:activities"), {"per_page": per_page}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_the_index_hides_other_communities(as_user, outsider, north, south):
    make_activity(community=north)
    mine = make_activity(community=south)
    page = as_user(outsider).get(reverse("outreach:activities"))
    assert list(page.context["page"].object_list) == [mine]


def test_the_live_attendance_fragment_counts_walk_ins(as_user, worker, north):
    activity = make_activity(community=north)
    as_user(worker).post(reverse("outreach:walkin_add", args=[activity.pk]), {"count": 7})
    fragment = as_user(worker).get(reverse("outreach:attendance", args=[activity.pk]))
    assert fragment.context["attendance"]["total"] == 7
    assert 'hx-trigger="every 5s"' in fragment.content.decode()


def test_an_outsider_cannot_add_walk_ins(as_user, outsider, north):
    activity = make_activity(community=north)
    assert as_user(outsider).post(reverse("outreach:walkin_add", args=[activity.pk]),
                                  {"count": 7}).status_code == 404
    assert not WalkIn.objects.exists()


def test_a_non_image_upload_gets_a_message_beside_the_field(as_user, worker, north):
    activity = make_activity(community=north)
    page = as_user(worker).post(reverse("outreach:photo_upload", args=[activity.pk]),
                                {"image": SimpleUploadedFile("x.jpg", b"not an image")})
    assert page.status_code == 400 and page.context["photo_form"].errors["image"]
    assert not ActivityPhoto.objects.exists()


def test_a_photo_upload_is_served_only_inside_the_scope(as_user, worker, outsider, north,
                                                        settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)}}}
    activity = make_activity(community=north)
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(out, format="PNG")
    as_user(worker).post(reverse("outreach:photo_upload", args=[activity.pk]),
                         {"image": SimpleUploadedFile("x.png", out.getvalue())})
    photo = ActivityPhoto.objects.get()
    assert as_user(worker).get(reverse("outreach:photo", args=[photo.pk]))["Content-Type"] == "image/jpeg"
    assert as_user(outsider).get(reverse("outreach:photo", args=[photo.pk])).status_code == 404


@time_machine.travel(at(2026, 3, 1), tick=False)
def test_the_month_calendar_shows_activities_and_key_dates(as_user, worker, north):
    make_activity(community=north, title="三月讲座")
    page = as_user(worker).get(reverse("outreach:calendar"), {"year": 2026, "month": 4})
    days = [d for week in page.context["weeks"] for d in week if d["in_month"]]
    assert [k.name for d in days for k in d["key_dates"]] == ["全民国家安全教育日"]
    march = as_user(worker).get(reverse("outreach:calendar"))
    assert "三月讲座" in march.content.decode()


@time_machine.travel(at(2026, 3, 1), tick=False)
def test_the_community_feed_is_public_rfc5545_and_stable(client, as_user, worker, north, south):
    make_activity(community=north, title="讲座; 宪法, 民法典")
    make_activity(community=south, title="高雄社区活动")
    make_activity(title="街道大讲堂")
    make_activity(kind=Activity.Kind.CORRECTION, title="矫正学习")
    page = as_user(worker).get(reverse("outreach:feeds"))
    url = page.context["rows"][0]["url"]
    first = client.get(url)
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    body = first.content.decode()
    assert "SUMMARY:法治大讲堂: 讲座\\; 宪法\\, 民法典" in body
    assert "街道大讲堂" in body and "高雄社区活动" not in body and "矫正学习" not in body
    assert body.count("BEGIN:VEVENT") == 2 + KeyDate.objects.count()
    assert client.get(url).content == first.content


def test_rotating_the_feed_retires_the_old_address(client, as_user, worker, north):
    as_user(worker).get(reverse("outreach:feeds"))
    old = CommunityFeed.objects.get(community=north).token
    as_user(worker).post(reverse("outreach:feed_rotate", args=[north.pk]))
    assert client.get(reverse("outreach:feed", args=[old])).status_code == 404
    new = CommunityFeed.objects.get(community=north).token
    assert client.get(reverse("outreach:feed", args=[new])).status_code == 200


def test_an_outsider_cannot_rotate_another_communitys_feed(as_user, outsider, worker, north):
    as_user(worker).get(reverse("outreach:feeds"))
    old = CommunityFeed.objects.get(community=north).token
    assert as_user(outsider).post(reverse("outreach:feed_rotate", args=[north.pk])).status_code == 404
    assert CommunityFeed.objects.get(community=north).token == old


def test_the_sub_district_adds_a_key_date_and_a_worker_cannot(as_user, street_staff, worker):
    data = {"month": 11, "day": 9, "name": "消防宣传日", "laws": "消防法", "active": "on"}
    assert as_user(worker).post(reverse("outreach:key_dates"), data).status_code == 403
    assert as_user(street_staff).post(reverse("outreach:key_dates"), data).status_code == 302
    page = as_user(street_staff).post(reverse("outreach:key_dates"), {**data, "day": 31})
    assert page.status_code == 400 and page.context["form"].errors
    assert KeyDate.objects.count() == 4
