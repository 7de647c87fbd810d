"""/api/v1/dutyreviews/: scoped scores, the weights, the panel's and a unit's sheets."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import client_for
from fazhi.dutyreviews.models import PanelMark, PeerMark, Review

pytestmark = pytest.mark.django_db


def _put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


def test_the_sub_district_reads_every_score_with_its_figures(review, units, street_staff):
    response = client_for(street_staff).get(f"/api/v1/dutyreviews/reviews/{review.pk}/scores")
    assert response.status_code == 200
    rows = {r["unit"]: r for r in response.json()}
    assert set(rows) == {"西马派出所", "人民法庭", "西马司法所"}
    police = rows["西马派出所"]
    assert (police["completion"], police["planned"], police["credited"], police["activities"],
            police["has_list"], police["total"], police["grade"]) == (
        "60.0", 5, 3, 4, True, "60.0", "pass")
    assert rows["西马司法所"]["has_list"] is False


def test_a_unit_member_reads_only_their_own_score_and_an_outsider_none(review, units,
                                                                       police_user, outsider):
    mine = client_for(police_user).get(f"/api/v1/dutyreviews/reviews/{review.pk}/scores")
    assert [r["unit_id"] for r in mine.json()] == [units.police.pk]
    other = client_for(outsider).get(f"/api/v1/dutyreviews/reviews/{review.pk}/scores")
    assert other.status_code == 404
    assert client_for(outsider).get("/api/v1/dutyreviews/reviews").json() == []


def test_weights_are_version_checked_and_must_add_up(review, street_admin, leader):
    url = f"/api/v1/dutyreviews/reviews/{review.pk}/weights"
    body = {"weight_completion": 50, "weight_rating": 30, "weight_peer": 20,
            "public_share": 50, "version": 1}
    assert _put(client_for(leader), url, body).status_code == 403
    response = _put(client_for(street_admin), url, {**body, "weight_peer": 30})
    assert response.status_code == 422 and "weight_peer" in response.content.decode()
    response = _put(client_for(street_admin), url, body)
    assert (response.status_code, response.json()["version"]) == (200, 2)
    stale = _put(client_for(street_admin), url, {**body, "weight_completion": 60,
                                                 "weight_rating": 20})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    review.refresh_from_db()
    assert (review.weight_completion, review.weight_rating) == (50, 30)


def test_a_panel_member_puts_a_sheet_and_a_stale_stamp_is_a_conflict(review, units, panelist,
                                                                     street_admin):
    url = f"/api/v1/dutyreviews/reviews/{review.pk}/panel-marks"
    response = _put(client_for(panelist), url, {"marks": [
        {"unit_id": units.court.pk, "score": "92.5"}], "stamp": "0:-"})
    assert response.status_code == 200 and response.json()["changed"] == 1
    stale = _put(client_for(panelist), url, {"marks": [
        {"unit_id": units.court.pk, "score": "10"}], "stamp": "0:-"})
    assert stale.status_code == 409
    assert _put(client_for(street_admin), url, {"marks": []}).status_code == 403
    assert list(PanelMark.objects.values_list("score", flat=True)) == [Decimal("92.5")]


def test_a_unit_marks_the_others_never_itself(review, units, police_user, worker):
    url = f"/api/v1/dutyreviews/reviews/{review.pk}/peer-marks"
    response = _put(client_for(police_user), url, {"marks": [
        {"unit_id": units.police.pk, "score": 100}]})
    assert response.status_code == 422
    assert f"unit_{units.police.pk}" in response.content.decode()
    response = _put(client_for(police_user), url, {"marks": [
        {"unit_id": units.court.pk, "score": 81}, {"unit_id": units.justice.pk, "score": None}]})
    assert response.status_code == 200 and response.json()["changed"] == 1
    assert _put(client_for(worker), url, {"marks": []}).status_code == 404
    assert list(PeerMark.objects.values_list("by_unit_id", "unit_id", "score")) == [
        (units.police.pk, units.court.pk, Decimal(81))]


@pytest.mark.parametrize("mark", [{"unit_id": 10**20, "score": 1}, {"unit_id": -1, "score": 1},
                                  {"unit_id": 1, "score": 101}, {"unit_id": 1, "score": -1},
                                  {"unit_id": 1, "score": "x" * 100_000},
                                  {"unit_id": 1, "score": 1e300}])
def test_hostile_peer_marks_are_refused_and_change_nothing(review, units, police_user, mark):
    url = f"/api/v1/dutyreviews/reviews/{review.pk}/peer-marks"
    response = _put(client_for(police_user), url, {"marks": [mark], "stamp": "x" * 10})
    assert 400 <= response.status_code < 500
    assert not PeerMark.objects.exists()
    assert Review.objects.get().version == 1


def test_a_sheet_of_too_many_marks_or_a_long_stamp_is_refused(review, units, panelist):
    url = f"/api/v1/dutyreviews/reviews/{review.pk}/panel-marks"
    many = [{"unit_id": units.court.pk, "score": 1}] * 201
    assert _put(client_for(panelist), url, {"marks": many}).status_code == 422
    assert _put(client_for(panelist), url, {"marks": [], "stamp": "s" * 81}).status_code == 422
    assert not PanelMark.objects.exists()
