"""/api/v1/contests/: the public leaderboard, the organiser's reads and writes, refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import client_for
from fazhi.contests.models import Contest, Round
from fazhi.contests.services import playing

from .conftest import MOBILE, start

pytestmark = pytest.mark.django_db
API = "/api/v1/contests"


def _handed_in(contest, round_, north, mobile=MOBILE, **extra):
    paper = start(contest, round_, mobile=mobile, community_id=north.pk, **extra)
    return playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                                      expected_version=paper.version)


def test_the_public_leaderboard_is_masked(contest, round_, north):
    _handed_in(contest, round_, north, name="王小明")
    rows = Client().get(f"{API}/{contest.pk}/rounds/{round_.pk}/leaderboard").json()
    assert rows == [{"rank": 1, "name": "王**", "mobile": "139****5678",
                     "community": "江汉北路社区", "score": 0, "seconds": 0.0}]


def test_a_round_of_another_contest_is_not_found(contest, round_, bank):
    other = Contest.objects.create(title="另一竞赛", bank=bank, is_published=True)
    assert Client().get(f"{API}/{other.pk}/rounds/{round_.pk}/leaderboard").status_code == 404


def test_the_organiser_reads_results_participation_and_the_log(contest, round_, north,
                                                               street_staff, leader):
    paper = _handed_in(contest, round_, north)
    for actor in (street_staff, leader):
        client = client_for(actor)
        results = client.get(f"{API}/{contest.pk}/rounds/{round_.pk}/results").json()
        assert [r["id"] for r in results["items"]] == [paper.pk]
        assert results["items"][0]["mobile_masked"] == "139****5678"
        assert client.get(f"{API}/{contest.pk}/participation?by=community").json() == [
            {"name": "江汉北路社区", "started": 1, "handed_in": 1}]
        assert client.get(f"{API}/{contest.pk}/suspicions").json()["count"] == 0
        assert [c["id"] for c in client.get(f"{API}/").json()["items"]] == [contest.pk]


@pytest.mark.parametrize("persona", ["worker", "outsider", "mediator", "auditor"])
def test_outsiders_are_refused_every_staff_operation(request, contest, round_, bank, persona):
    client = client_for(request.getfixturevalue(persona))
    for path in ("/", f"/{contest.pk}/rounds", f"/{contest.pk}/rounds/{round_.pk}/results",
                 f"/{contest.pk}/participation", f"/{contest.pk}/suspicions"):
        assert client.get(API + path).status_code == 403, path
    assert client.post(f"{API}/", {"title": "x", "bank_id": bank.pk},
                       content_type="application/json").status_code == 403
    assert client.post(f"{API}/{contest.pk}/rounds", {
        "name": "x", "opens_at": "2026-11-30T10:00:00+08:00",
        "closes_at": "2026-12-01T10:00:00+08:00"}, content_type="application/json"
    ).status_code == 403
    assert Contest.objects.count() == 1 and Round.objects.count() == 1


def test_the_organiser_creates_a_contest_and_a_round(bank, street_staff, clock):
    client = client_for(street_staff)
    made = client.post(f"{API}/", {"title": "民法典竞赛", "bank_id": bank.pk,
                                   "is_published": True}, content_type="application/json")
    assert made.status_code == 201
    contest_id = made.json()["id"]
    added = client.post(f"{API}/{contest_id}/rounds", {
        "name": "初赛", "opens_at": "2026-11-30T10:00:00+08:00",
        "closes_at": "2026-12-01T10:00:00+08:00", "single_count": 5, "true_false_count": 5},
        content_type="application/json")
    assert added.status_code == 201 and added.json()["seconds"] == 600


@pytest.mark.parametrize("body", [
    {"name": "x", "opens_at": "2026-11-30T10:00:00+08:00", "closes_at": "2026-11-29T10:00:00+08:00"},
    {"name": "x" * 61, "opens_at": "2026-11-30T10:00:00+08:00",
     "closes_at": "2026-12-01T10:00:00+08:00"},
    {"name": "x", "opens_at": "2026-11-30T10:00:00+08:00",
     "closes_at": "2026-12-01T10:00:00+08:00", "single_count": 50},
    {"name": "x", "opens_at": "9999-11-30T10:00:00+08:00",
     "closes_at": "9999-12-01T10:00:00+08:00"},
    {"name": "x", "opens_at": "2026-11-30T10:00:00+08:00",
     "closes_at": "2026-12-01T10:00:00+08:00", "seconds": 10**12},
])
def test_bad_rounds_are_refused_with_422(contest, street_staff, body):
    response = client_for(street_staff).post(f"{API}/{contest.pk}/rounds", body,
                                             content_type="application/json")
    assert response.status_code == 422
    assert not Round.objects.exists()


def test_a_bank_the_organiser_cannot_see_is_not_found(street_staff):
    response = client_for(street_staff).post(f"{API}/", {"title": "x", "bank_id": 999999},
                                             content_type="application/json")
    assert response.status_code == 404
