from __future__ import annotations

import shutil
import subprocess

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.core.crypto import decrypt, lookup_hash
from fazhi.outreach.models import Activity, SignIn
from fazhi.outreach.services import checkin as services

from .conftest import at, make_activity

MOBILE = "13812345678"
DURING = at(2026, 3, 10, 9, 30)


@pytest.fixture
def lecture(north):
    return make_activity(community=north)


@time_machine.travel(DURING, tick=False)
def test_a_sign_in_stores_the_mobile_encrypted_hashed_and_masked(lecture):
    signin, created = services.signin_create(activity=lecture, name="张三丰", mobile=MOBILE)
    assert created
    assert signin.mobile_masked == "138****5678" and signin.name_masked == "张**"
    assert signin.mobile_hash == lookup_hash(MOBILE) and MOBILE not in signin.mobile_enc
    assert decrypt(signin.mobile_enc) == MOBILE and decrypt(signin.name_enc) == "张三丰"


@time_machine.travel(DURING, tick=False)
def test_a_second_sign_in_with_the_same_mobile_is_recorded_once(lecture):
    first, _ = services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    again, created = services.signin_create(activity=lecture, name="张三", mobile="138 1234 5678")
    assert not created and again.pk == first.pk
    assert SignIn.objects.count() == 1


@time_machine.travel(DURING, tick=False)
def test_a_duplicate_is_refused_by_the_unique_constraint_not_a_look_up_first(lecture):
    first, _ = services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    with CaptureQueriesContext(connection) as queries:
        again, created = services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    statements = [q["sql"].split()[0] for q in queries.captured_queries
                  if "outreach_signin" in q["sql"]]
    # the INSERT comes first (a race cannot slip between a look-up and it), then the look-up
    assert statements == ["INSERT", "SELECT"]
    assert not created and again.pk == first.pk
    assert SignIn.objects.count() == 1


@time_machine.travel(DURING, tick=False)
def test_a_new_public_sign_in_costs_one_insert_and_no_look_ups(lecture):
    with CaptureQueriesContext(connection) as queries:
        _signin, created = services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    assert created
    assert [q["sql"].split()[0] for q in queries.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))] == ["INSERT"]


def test_a_repeat_after_the_window_still_says_already_signed_in(lecture):
    with time_machine.travel(DURING, tick=False):
        first, _ = services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    with time_machine.travel(at(2026, 3, 11), tick=False):
        again, created = services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    assert not created and again.pk == first.pk


@pytest.mark.parametrize("moment, code", [(at(2026, 3, 10, 7, 59), "too_early"),
                                          (at(2026, 3, 10, 13, 1), "too_late")])
def test_sign_in_outside_the_window_is_refused(lecture, moment, code):
    with time_machine.travel(moment, tick=False), pytest.raises(ValidationError) as exc:
        services.signin_create(activity=lecture, name="张三", mobile=MOBILE)
    assert exc.value.code == code
    assert not SignIn.objects.exists()


def test_the_window_edges_are_inclusive_and_configurable(north):
    activity = make_activity(community=north, opens_before=10, closes_after=0)
    services.signin_create(activity=activity, name="甲", mobile="13900000001",
                           now=at(2026, 3, 10, 8, 50))
    services.signin_create(activity=activity, name="乙", mobile="13900000002",
                           now=at(2026, 3, 10, 11, 0))
    with pytest.raises(ValidationError):
        services.signin_create(activity=activity, name="丙", mobile="13900000003",
                               now=at(2026, 3, 10, 8, 49))


@time_machine.travel(DURING, tick=False)
def test_an_invalid_mobile_is_refused_beside_the_field(lecture):
    with pytest.raises(ValidationError) as exc:
        services.signin_create(activity=lecture, name="张三", mobile="1381234567")
    assert "11 digits" in exc.value.message_dict["mobile"][0]
    assert not SignIn.objects.exists()


def test_staff_may_record_an_attendee_after_the_window(street_staff, lecture):
    _signin, created = services.signin_create(activity=lecture, name="李四", mobile=MOBILE,
                                              actor=street_staff, source=SignIn.Source.STAFF,
                                              now=at(2026, 3, 12))
    assert created
    assert Entry.objects.filter(object_type="outreach.signin", action="create").count() == 1


def test_an_outsider_cannot_record_attendees(outsider, lecture):
    with pytest.raises(PermissionDenied):
        services.signin_create(activity=lecture, name="李四", mobile=MOBILE, actor=outsider)
    assert not SignIn.objects.exists()


# --- the public page ------------------------------------------------------------------------
@time_machine.travel(DURING, tick=False)
def test_the_public_page_signs_in_once_and_says_already_signed_in(client, lecture, north):
    url = reverse("outreach:checkin", args=[lecture.code])
    page = client.get(url)
    assert page.status_code == 200 and 'id="privacy"' in page.content.decode()
    data = {"name": "王五", "mobile": MOBILE, "community": north.pk}
    assert client.post(url, data).status_code == 201
    repeat = client.post(url, data)
    assert repeat.status_code == 200 and repeat.context["created"] is False
    assert SignIn.objects.filter(activity=lecture).count() == 1
    assert SignIn.objects.get().community == north


@time_machine.travel(at(2026, 3, 11), tick=False)
def test_the_public_page_refuses_a_late_sign_in_with_a_message(client, lecture):
    url = reverse("outreach:checkin", args=[lecture.code])
    page = client.post(url, {"name": "王五", "mobile": MOBILE})
    assert page.status_code == 400 and page.context["window_error"]
    assert not SignIn.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_the_public_page_shows_a_bad_mobile_beside_the_field(client, lecture):
    page = client.post(reverse("outreach:checkin", args=[lecture.code]),
                       {"name": "王五", "mobile": "12345"})
    assert page.status_code == 400 and page.context["form"].errors["mobile"]
    assert not SignIn.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_the_public_page_is_rate_limited(client, lecture, monkeypatch):
    monkeypatch.setattr(Activity, "SIGNINS_PER_ADDRESS_FLOOR", 2)
    url = reverse("outreach:checkin", args=[lecture.code])
    for n in range(2):
        client.post(url, {"name": "王五", "mobile": f"1391234567{n}"})
    assert client.post(url, {"name": "王五", "mobile": "13912345679"}).status_code == 429
    assert SignIn.objects.count() == 2


@pytest.mark.parametrize(("planned", "limit"), [(0, 300), (150, 300), (201, 301), (1000, 1500)])
def test_the_limit_per_address_grows_with_the_planned_attendance(planned, limit):
    assert Activity(planned_attendance=planned).signins_per_address == limit


@time_machine.travel(DURING, tick=False)
def test_a_large_lecture_behind_one_address_is_admitted_past_the_floor(client, north):
    from fazhi.core.models import RateCounter

    big = make_activity(community=north, planned_attendance=400)
    small = make_activity(community=north)
    for activity in (big, small):  # 300 already signed in from this address, each activity
        window = int(DURING.timestamp()) // 600 * 600
        RateCounter.objects.create(key=f"checkin:{activity.pk}:127.0.0.1", window_start=window,
                                   count=300, expires_at=DURING)
    post = {"name": "王五", "mobile": "13912345670"}
    assert client.post(reverse("outreach:checkin", args=[big.code]), post).status_code == 201
    assert client.post(reverse("outreach:checkin", args=[small.code]), post).status_code == 429
    assert list(SignIn.objects.values_list("activity", flat=True)) == [big.pk]


def test_correction_study_has_no_public_sign_in_page(client, db):
    activity = make_activity(kind=Activity.Kind.CORRECTION)
    assert client.get(reverse("outreach:checkin", args=[activity.code])).status_code == 404
    assert client.get(reverse("outreach:checkin", args=["nonsense"])).status_code == 404


# --- QR, poster, export ---------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools not installed")
def test_the_qr_png_decodes_to_the_absolute_sign_in_url(as_user, street_staff, lecture, tmp_path):
    response = as_user(street_staff).get(reverse("outreach:qr_png", args=[lecture.pk]))
    assert response["Content-Type"] == "image/png"
    path = tmp_path / "qr.png"
    path.write_bytes(response.content)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert decoded == f"http://testserver/checkin/{lecture.code}/"


def test_the_qr_svg_and_poster_render(as_user, worker, lecture):
    client = as_user(worker)
    svg = client.get(reverse("outreach:qr_svg", args=[lecture.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    poster = client.get(reverse("outreach:poster", args=[lecture.pk]))
    assert poster.status_code == 200 and "@page { size: A4" in poster.content.decode()
    assert lecture.code in poster.content.decode()


def test_an_outsider_gets_no_qr_or_poster(as_user, outsider, lecture):
    client = as_user(outsider)
    assert client.get(reverse("outreach:qr_png", args=[lecture.pk])).status_code == 404
    assert client.get(reverse("outreach:poster", args=[lecture.pk])).status_code == 404


def test_the_attendee_export_is_masked_and_audited(as_user, worker, lecture):
    import io

    from openpyxl import load_workbook

    services.signin_create(activity=lecture, name="张三丰", mobile=MOBILE, now=DURING)
    response = as_user(worker).get(reverse("outreach:signins_export", args=[lecture.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [sheet.cell(2, 2).value, sheet.cell(2, 3).value] == ["张**", "138****5678"]
    assert MOBILE.encode() not in response.content
    assert Entry.objects.filter(action="export", object_id=str(lecture.pk)).count() == 1


def test_an_outsider_cannot_export_attendees(as_user, outsider, lecture):
    assert as_user(outsider).get(
        reverse("outreach:signins_export", args=[lecture.pk])).status_code == 404
    assert not Entry.objects.filter(action="export").exists()


def test_staff_record_an_attendee_from_the_detail_page(as_user, worker, lecture):
    as_user(worker).post(reverse("outreach:signin_record", args=[lecture.pk]),
                         {"name": "赵六", "mobile": MOBILE})
    assert SignIn.objects.get().source == SignIn.Source.STAFF


# --- the burst's hot path outside any transaction (as under the server) ----------------------
@pytest.mark.django_db(transaction=True)
@time_machine.travel(DURING, tick=False)
def test_an_autocommit_sign_in_stores_the_same_row_as_the_orm_would(north):
    from fazhi.outreach.selectors.activities import activity_for_checkin

    lecture = make_activity(community=north)
    loaded = activity_for_checkin(code=lecture.code)
    assert loaded.starts_at == lecture.starts_at and loaded.checkin_opens == lecture.checkin_opens
    assert loaded.starts_at.tzinfo is not None
    with CaptureQueriesContext(connection) as queries:
        signin, created = services.signin_create(activity=loaded, name="张三丰", mobile=MOBILE,
                                                 community_id=north.pk)
    assert created and signin.pk and not signin._state.adding
    assert [q["sql"].split()[0] for q in queries.captured_queries].count("INSERT") == 1
    stored = SignIn.objects.get(pk=signin.pk)
    assert stored.created_at == DURING and stored.community == north
    assert decrypt(stored.name_enc) == "张三丰" and stored.mobile_hash == lookup_hash(MOBILE)
    assert stored.source == SignIn.Source.QR and stored.mobile_masked == "138****5678"
    again, created = services.signin_create(activity=loaded, name="张三丰", mobile=MOBILE)
    assert not created and again.pk == signin.pk and SignIn.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_sign_in_page_of_an_unknown_or_restricted_activity_is_a_404(client, north):
    from django.http import Http404

    from fazhi.outreach.selectors.activities import activity_for_checkin

    restricted = make_activity(kind=Activity.Kind.CORRECTION)
    for code in (restricted.code, "nonsense"):
        with pytest.raises(Http404):
            activity_for_checkin(code=code)


def test_the_sign_in_page_keeps_its_activity_briefly_and_forgets_it_on_an_edit(
        worker, north, django_assert_num_queries):
    from fazhi.outreach.selectors.activities import activity_for_checkin
    from fazhi.outreach.services.activities import activity_update

    lecture = make_activity(community=north)
    first = activity_for_checkin(code=lecture.code)
    with django_assert_num_queries(0):  # the burst's next phones: from this process's memory
        again = activity_for_checkin(code=lecture.code)
        assert again.signins_per_address == 300  # what the page reads: no deferred field
    assert again.pk == first.pk and again.starts_at == lecture.starts_at
    activity_update(actor=worker, activity=lecture, expected_version=lecture.version,
                    starts_at=at(2026, 3, 10, 14), ends_at=at(2026, 3, 10, 16))
    assert activity_for_checkin(code=lecture.code).starts_at == at(2026, 3, 10, 14)


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize("community", ["abc", "999999"])
def test_the_public_page_refuses_an_unknown_community_beside_the_field(client, lecture,
                                                                       community):
    page = client.post(reverse("outreach:checkin", args=[lecture.code]),
                       {"name": "王五", "mobile": MOBILE, "community": community})
    assert page.status_code == 400 and page.context["form"].errors["community"]
    assert not SignIn.objects.exists()


def test_an_edit_made_elsewhere_reaches_the_sign_in_page_after_ten_seconds(north):
    """Another app server's edit does not clear this process's memory: the page keeps the
    activity for CHECKIN_CACHE_SECONDS (ten), then reads it again."""
    from fazhi.outreach.selectors.activities import activity_for_checkin

    with time_machine.travel(DURING, tick=False) as traveller:
        lecture = make_activity(community=north)
        title = lecture.title
        assert activity_for_checkin(code=lecture.code).title == title
        Activity.objects.filter(pk=lecture.pk).update(title="改名的讲座")
        traveller.shift(9)
        assert activity_for_checkin(code=lecture.code).title == title
        traveller.shift(2)
        assert activity_for_checkin(code=lecture.code).title == "改名的讲座"
