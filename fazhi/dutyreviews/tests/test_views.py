"""The staff pages and the public rating pages: who sees what, an outsider gets nothing and
changes nothing, a double submit makes one rating, hostile input is refused beside its field,
and lists cost the same queries for more units."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import client_for, make_user
from fazhi.core.roles import Role
from fazhi.dutyreviews.models import Code, PanelMark, PeerMark, PublicRating, Review
from fazhi.dutyreviews.services import marks
from fazhi.org.models import Unit

from .conftest import MOBILE

pytestmark = pytest.mark.django_db


def _units_shown(response) -> set[int]:
    return {int(x) for x in re.findall(r'data-unit="(\d+)"', response.content.decode())}


def _all(units) -> set[int]:
    return {units.police.pk, units.court.pk, units.justice.pk}


def test_the_sub_district_and_the_leader_read_every_score(review, units, street_admin,
                                                          street_staff, leader):
    for actor in (street_admin, street_staff, leader):
        response = client_for(actor).get(f"/duty/{review.pk}/")
        assert response.status_code == 200
        assert _units_shown(response) == _all(units)


def test_a_unit_member_reads_only_their_own_units_score(review, units, police_user):
    client = client_for(police_user)
    assert _units_shown(client.get(f"/duty/{review.pk}/")) == {units.police.pk}
    assert client.get(f"/duty/{review.pk}/units/{units.police.pk}/").status_code == 200
    assert client.get(f"/duty/{review.pk}/units/{units.court.pk}/").status_code == 404


def test_a_panel_member_reads_the_review_but_no_score(review, panelist):
    response = client_for(panelist).get(f"/duty/{review.pk}/")
    assert response.status_code == 200 and _units_shown(response) == set()
    assert f"/duty/{review.pk}/panel/" in response.content.decode()


@pytest.mark.parametrize("path", ["/duty/{pk}/", "/duty/{pk}/units/{unit}/", "/duty/{pk}/panel/",
                                  "/duty/{pk}/peer/", "/duty/{pk}/settings/"])
def test_an_outsider_reads_nothing_of_a_review(review, units, outsider, auditor, path):
    url = path.format(pk=review.pk, unit=units.police.pk)
    for actor in (outsider, auditor):
        assert client_for(actor).get(url).status_code in (403, 404)
    assert Client().get(url).status_code == 302  # to log in


def test_an_outsider_posts_nothing(review, units, outsider, worker):
    before = (PanelMark.objects.count(), PeerMark.objects.count(), Review.objects.get().version)
    for actor in (outsider, worker):
        client = client_for(actor)
        for path in ("panel", "peer", "settings"):
            response = client.post(f"/duty/{review.pk}/{path}/",
                                   {f"unit_{units.court.pk}": "50", "title": "hacked",
                                    "version": "1"})
            assert response.status_code in (403, 404)
        assert client.post("/duty/new/", {"year": "2027", "title": "x"}).status_code == 403
    assert (PanelMark.objects.count(), PeerMark.objects.count(),
            Review.objects.get().version) == before
    assert Review.objects.count() == 1


def test_the_review_index_lists_what_each_reads(review, street_staff, police_user, panelist,
                                                outsider):
    for actor, shown in ((street_staff, True), (police_user, True), (panelist, True),
                         (outsider, False)):
        page = client_for(actor).get("/duty/").content.decode()
        assert (f'data-review="{review.pk}"' in page) is shown


def test_a_manager_creates_a_review_and_bad_weights_stay_beside_the_field(units, street_admin,
                                                                          frozen):
    client = client_for(street_admin)
    data = {"year": "2025", "title": "2025年度评议", "weight_completion": "40",
            "weight_rating": "40", "weight_peer": "30", "public_share": "50",
            "rating_opens_at": "2025-12-01T09:00", "rating_closes_at": "2025-12-20T09:00"}
    response = client.post("/duty/new/", data)
    assert response.status_code == 400
    assert "必须合计为 100" in response.content.decode()
    assert not Review.objects.exists()
    response = client.post("/duty/new/", {**data, "weight_peer": "20"})
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/duty/{review.pk}/"
    assert review.units.count() == 3


def test_a_panel_member_saves_marks_and_a_stale_sheet_keeps_the_input(review, units, panelist):
    client = client_for(panelist)
    page = client.get(f"/duty/{review.pk}/panel/").content.decode()
    stamp = re.search(r'name="stamp" value="([^"]*)"', page).group(1)
    response = client.post(f"/duty/{review.pk}/panel/", {
        "stamp": stamp, f"unit_{units.court.pk}": "91", f"unit_{units.police.pk}": ""})
    assert response.status_code == 302
    assert list(PanelMark.objects.values_list("unit_id", "score")) == [(units.court.pk,
                                                                         Decimal(91))]
    response = client.post(f"/duty/{review.pk}/panel/", {
        "stamp": stamp, f"unit_{units.court.pk}": "20"})
    assert response.status_code == 400
    assert 'value="20"' in response.content.decode()
    assert PanelMark.objects.get().score == Decimal(91)


def test_a_unit_member_marks_the_others_and_cannot_post_its_own(review, units, police_user):
    client = client_for(police_user)
    page = client.get(f"/duty/{review.pk}/peer/").content.decode()
    assert f'name="unit_{units.police.pk}"' not in page
    assert f'name="unit_{units.court.pk}"' in page
    client.post(f"/duty/{review.pk}/peer/", {f"unit_{units.police.pk}": "100",
                                             f"unit_{units.court.pk}": "85"})
    assert list(PeerMark.objects.values_list("unit_id", "by_unit_id", "score")) == [
        (units.court.pk, units.police.pk, Decimal(85))]  # its own mark is not a field: ignored


@pytest.mark.parametrize("bad", ["101", "-5", "abc", "1e5", "NaN", "9" * 1000, "\x00"])
def test_hostile_marks_are_refused_beside_the_unit(review, units, panelist, bad):
    response = client_for(panelist).post(f"/duty/{review.pk}/panel/",
                                         {f"unit_{units.court.pk}": bad})
    assert response.status_code == 400
    assert not PanelMark.objects.exists()


def test_the_scores_page_costs_the_same_queries_for_more_units(review, units, street_admin,
                                                               subdistrict, panelist):
    client = client_for(street_admin)
    client.get(f"/duty/{review.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/duty/{review.pk}/")
    more = [Unit.objects.create(name=f"成员单位{i}", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                region=subdistrict, is_member_unit=True) for i in range(6)]
    review.units.add(*more)
    marks.panel_marks_save(actor=panelist, review=review, marks={u.pk: 80 for u in more})
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/duty/{review.pk}/")
    assert len(_units_shown(response)) == 9
    assert len(many) == len(few)


# --- the public side ---------------------------------------------------------------------

def _public() -> Client:
    return Client(REMOTE_ADDR="10.3.4.5")


def _verified(review, outbox, mobile=MOBILE) -> Client:
    client = _public()
    assert client.post(f"/rate/{review.pk}/verify/",
                       {"mobile": mobile, "action": "send"}).status_code == 200
    response = client.post(f"/rate/{review.pk}/verify/",
                           {"mobile": mobile, "code": outbox.last_code(), "action": "verify"})
    assert (response.status_code, response["Location"]) == (302, f"/rate/{review.pk}/")
    return client


def test_the_public_page_lists_the_units_and_asks_to_verify_first(review, units):
    response = _public().get(f"/rate/{review.pk}/")
    assert response.status_code == 200
    assert _units_shown(response) == _all(units)
    assert f"/rate/{review.pk}/verify/" in response.content.decode()
    assert 'name="level"' not in response.content.decode()


def test_a_resident_rates_once_and_a_double_submit_makes_one_rating(review, units, outbox):
    client = _verified(review, outbox)
    url = f"/rate/{review.pk}/units/{units.police.pk}/"
    first = client.post(url, {"level": "satisfied", "comment": "讲得好"})
    assert (first.status_code, first["Location"]) == (303, f"/rate/{review.pk}/#unit-"
                                                           f"{units.police.pk}")
    second = client.post(url, {"level": "unsatisfied"})
    assert second.status_code == 400
    assert list(PublicRating.objects.values_list("unit_id", "level", "comment")) == [
        (units.police.pk, "satisfied", "讲得好")]
    assert MOBILE not in str(list(PublicRating.objects.values()))
    assert MOBILE not in str(list(Code.objects.values()))


def test_a_rating_without_a_verified_mobile_is_sent_to_verify(review, units):
    response = _public().post(f"/rate/{review.pk}/units/{units.police.pk}/",
                              {"level": "satisfied"})
    assert (response.status_code, response["Location"]) == (302, f"/rate/{review.pk}/verify/")
    assert not PublicRating.objects.exists()


@pytest.mark.parametrize("data", [{"level": "excellent"}, {"level": ""},
                                  {"level": "satisfied", "comment": "长" * 201},
                                  {"level": "satisfied", "comment": "a\x00b"},
                                  {"level": "satisfied", "comment": "x" * 100_000}])
def test_hostile_ratings_are_refused(review, units, outbox, data):
    client = _verified(review, outbox)
    response = client.post(f"/rate/{review.pk}/units/{units.police.pk}/", data)
    assert response.status_code == 400
    assert not PublicRating.objects.exists()


def test_a_level_sent_a_thousand_times_makes_one_rating(review, units, outbox):
    client = _verified(review, outbox)
    client.post(f"/rate/{review.pk}/units/{units.police.pk}/",
                {"level": ["satisfied", "basic"] * 500})
    assert PublicRating.objects.count() == 1


def test_a_unit_outside_the_review_or_a_forged_pass_rates_nothing(review, units, outbox):
    client = _verified(review, outbox)
    stranger = Unit.objects.get(name="不是成员单位")
    refused = client.post(f"/rate/{review.pk}/units/{stranger.pk}/", {"level": "satisfied"})
    assert refused.status_code == 400
    assert "该单位不在本次评议之列。" in refused.content.decode()
    forged = _public()
    forged.cookies[f"fazhi_rate_{review.pk}"] = "x" * 60
    assert forged.post(f"/rate/{review.pk}/units/{units.police.pk}/",
                       {"level": "satisfied"}).status_code == 302
    assert not PublicRating.objects.exists()


def test_an_unpublished_review_is_not_found_on_the_portal(review, units, street_admin):
    Review.objects.filter(pk=review.pk).update(is_published=False)
    for path in ("", "verify/", f"units/{units.police.pk}/"):
        assert _public().get(f"/rate/{review.pk}/{path}").status_code in (404, 405)
    assert _public().post(f"/rate/{review.pk}/units/{units.police.pk}/",
                          {"level": "satisfied"}).status_code == 404


def test_a_wrong_code_stays_beside_the_field_and_a_bad_mobile_sends_nothing(review, outbox):
    client = _public()
    response = client.post(f"/rate/{review.pk}/verify/", {"mobile": "123", "action": "send"})
    assert response.status_code == 400 and outbox.sent == []
    client.post(f"/rate/{review.pk}/verify/", {"mobile": MOBILE, "action": "send"})
    wrong = "000000" if outbox.last_code() != "000000" else "111111"
    response = client.post(f"/rate/{review.pk}/verify/",
                           {"mobile": MOBILE, "code": wrong, "action": "verify"})
    assert response.status_code == 400
    assert f"fazhi_rate_{review.pk}" not in response.cookies


def test_codes_are_limited_per_mobile(review, outbox):
    client = _public()
    client.post(f"/rate/{review.pk}/verify/", {"mobile": MOBILE, "action": "send"})
    response = client.post(f"/rate/{review.pk}/verify/", {"mobile": MOBILE, "action": "send"})
    assert response.status_code == 429
    assert len(outbox.sent) == 1


def test_the_public_page_costs_the_same_queries_for_more_units(review, units, subdistrict):
    client = _public()
    client.get(f"/rate/{review.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/rate/{review.pk}/")
    review.units.add(*[Unit.objects.create(name=f"成员单位{i}", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                           region=subdistrict, is_member_unit=True)
                       for i in range(6)])
    with CaptureQueriesContext(connection) as many:
        client.get(f"/rate/{review.pk}/")
    assert len(many) == len(few)


def test_a_second_member_of_a_unit_who_is_not_a_writer_marks_nothing(review, units):
    reader = make_user("policeleader", Role.LEADER, unit_id=units.police.pk)
    assert client_for(reader).get(f"/duty/{review.pk}/peer/").status_code == 403
