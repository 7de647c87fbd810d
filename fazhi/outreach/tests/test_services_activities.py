from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from fazhi.core.conflicts import Conflict
from fazhi.outreach.models import Activity, ActivityPhoto, KeyDate
from fazhi.outreach.selectors.activities import attendance_of
from fazhi.outreach.services import activities as services

from .conftest import at, make_activity


def _data(**extra):
    values = {"kind": Activity.Kind.LECTURE_HALL, "title": "民法典讲座",
              "starts_at": at(2026, 6, 1, 9), "ends_at": at(2026, 6, 1, 11), "venue": "活动室"}
    values.update(extra)
    return values


def test_a_community_worker_creates_an_activity_in_their_community(worker, north):
    activity = services.activity_create(actor=worker, **_data(community=north))
    assert activity.code and len(activity.code) >= 12
    assert activity.opens_before == 60 and activity.closes_after == 120


def test_an_outsider_cannot_create_an_activity_in_another_community(outsider, north):
    with pytest.raises(PermissionDenied):
        services.activity_create(actor=outsider, **_data(community=north))
    assert not Activity.objects.exists()


def test_dates_out_of_order_are_refused_beside_the_end(street_staff):
    with pytest.raises(ValidationError) as exc:
        services.activity_create(actor=street_staff, **_data(ends_at=at(2026, 6, 1, 8)))
    assert exc.value.message_dict["ends_at"] == ["The end must be after the start."]
    assert not Activity.objects.exists()


def test_six_places_needs_its_target_and_theme_days_their_key_date(street_staff):
    with pytest.raises(ValidationError) as exc:
        services.activity_create(actor=street_staff, **_data(kind=Activity.Kind.SIX_PLACES))
    assert "place" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.activity_create(actor=street_staff, **_data(kind=Activity.Kind.THEME_DAY))
    assert "key_date" in exc.value.message_dict
    constitution = KeyDate.objects.get(month=12, day=4)
    services.activity_create(actor=street_staff, **_data(kind=Activity.Kind.THEME_DAY,
                                                         key_date=constitution))


def test_key_dates_are_seeded(db):
    assert [(k.month, k.day) for k in KeyDate.objects.all()] == [(4, 15), (6, 26), (12, 4)]


def test_only_justice_roles_create_correction_study(street_staff, street_admin):
    with pytest.raises(PermissionDenied):
        services.activity_create(actor=street_staff, **_data(kind=Activity.Kind.CORRECTION))
    services.activity_create(actor=street_admin, **_data(kind=Activity.Kind.CORRECTION))


def test_a_stale_edit_is_a_conflict_and_changes_nothing(street_staff):
    activity = services.activity_create(actor=street_staff, **_data())
    services.activity_update(actor=street_staff, activity=activity, expected_version=1,
                             title="新标题")
    stale = Activity.objects.get(pk=activity.pk)
    with pytest.raises(Conflict):
        services.activity_update(actor=street_staff, activity=stale, expected_version=1,
                                 title="旧页面")
    assert Activity.objects.get(pk=activity.pk).title == "新标题"


def test_an_edit_with_dates_out_of_order_keeps_the_saved_dates(street_staff):
    activity = services.activity_create(actor=street_staff, **_data())
    with pytest.raises(ValidationError):
        services.activity_update(actor=street_staff, activity=activity, expected_version=1,
                                 ends_at=at(2026, 5, 1))
    assert Activity.objects.get(pk=activity.pk).ends_at == at(2026, 6, 1, 11)


def _jpeg_with_gps(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (30.0, 35.0, 0.0), 3: "E", 4: (114.0, 17.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_resized_and_loses_its_location(street_staff, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)}}}
    activity = make_activity()
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get(0x8825)
    photo = services.photo_add(actor=street_staff, activity=activity, upload=io.BytesIO(raw),
                               size=len(raw))
    stored = Image.open(photo.image.open("rb"))
    assert (stored.width, stored.height) == (1600, 1067) == (photo.width, photo.height)
    assert not stored.getexif() and "exif" not in stored.info


def test_a_file_that_is_not_an_image_is_refused(street_staff):
    activity = make_activity()
    with pytest.raises(ValidationError) as exc:
        services.photo_add(actor=street_staff, activity=activity,
                           upload=io.BytesIO(b"MZ\x90\x00 not a photo"), size=16)
    assert exc.value.code == "photo_not_image"
    assert not ActivityPhoto.objects.exists()


def test_an_oversize_photo_is_refused(street_staff):
    activity = make_activity()
    with pytest.raises(ValidationError) as exc:
        services.photo_add(actor=street_staff, activity=activity, upload=io.BytesIO(b""),
                           size=9 * 1024 * 1024)
    assert exc.value.code == "photo_too_large" and "8 MB" in exc.value.messages[0]
    assert not ActivityPhoto.objects.exists()


def test_walk_ins_add_to_the_attendance(street_staff):
    activity = make_activity()
    services.walkin_add(actor=street_staff, activity=activity, count=12, note="老年居民")
    assert attendance_of(activity) == {"signins": 0, "walkins": 12, "total": 12}


def test_an_outsider_cannot_add_walk_ins(outsider, north):
    activity = make_activity(community=north)
    with pytest.raises(PermissionDenied):
        services.walkin_add(actor=outsider, activity=activity, count=3)
    assert attendance_of(activity)["total"] == 0


def test_a_key_date_that_does_not_exist_is_refused(street_staff):
    with pytest.raises(ValidationError) as exc:
        services.key_date_save(actor=street_staff, month=2, day=30, name="x")
    assert "day" in exc.value.message_dict
    services.key_date_save(actor=street_staff, month=11, day=9, name="消防宣传日", laws="消防法")
    assert KeyDate.objects.count() == 4
