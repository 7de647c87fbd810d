"""/api/v1/voting/: the public tally, the staff's held votes, review and results."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from fazhi.audit.models import Entry
from fazhi.voting.models import Vote

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _vote(campaign, candidate, voter: str, status="counted"):
    return Vote.objects.create(campaign=campaign, candidate=candidate,
                               category=candidate.category, voter=voter, day=NOW.date(),
                               cast_at=NOW + dt.timedelta(seconds=len(voter)), status=status,
                               reason="network_burst" if status == "held" else "", pick=1)


def test_the_public_tally_counts_counted_votes_only(campaign, candidates):
    _vote(campaign, candidates["li"], "a")
    _vote(campaign, candidates["li"], "b")
    _vote(campaign, candidates["wang"], "c", "held")
    response = Client().get(f"/api/v1/voting/campaigns/{campaign.pk}/tally")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    person = body["categories"][0]
    assert [(c["name"], c["votes"]) for c in person["candidates"]] == [
        ("李律师", 2), ("王调解员", 0), ("赵网格员", 0)]


def test_an_unpublished_or_unknown_campaign_has_no_tally(campaign):
    campaign.is_published = False
    campaign.save()
    assert Client().get(f"/api/v1/voting/campaigns/{campaign.pk}/tally").status_code == 404
    assert Client().get("/api/v1/voting/campaigns/99999999999999999999/tally").status_code \
        == 422


def test_staff_list_and_review_held_votes_through_the_api(campaign, candidates, street_staff,
                                                          as_user):
    held = _vote(campaign, candidates["li"], "held-1", "held")
    _vote(campaign, candidates["li"], "ok-1")
    client = as_user(street_staff)
    listed = client.get(f"/api/v1/voting/campaigns/{campaign.pk}/held").json()
    assert [(row["id"], row["reason"], row["voter"]) for row in listed["items"]] == [
        (held.pk, "network_burst", "held-1")]
    response = client.post(f"/api/v1/voting/campaigns/{campaign.pk}/review",
                           json.dumps({"decision": "accept", "vote_ids": [held.pk]}),
                           content_type="application/json")
    assert (response.status_code, response.json()) == (200, {"decided": 1})
    assert Vote.objects.get(pk=held.pk).status == "counted"
    assert Entry.objects.filter(action="vote_accept").count() == 1


@pytest.mark.parametrize("payload", [
    {"decision": "count them all", "vote_ids": [1]},
    {"decision": "accept", "vote_ids": []},
    {"decision": "accept", "vote_ids": list(range(1, 502))},
    {"decision": "accept", "vote_ids": [2**70]},
])
def test_bad_review_input_is_a_422_and_changes_nothing(campaign, candidates, street_staff,
                                                       as_user, payload):
    held = _vote(campaign, candidates["li"], "held-1", "held")
    response = as_user(street_staff).post(f"/api/v1/voting/campaigns/{campaign.pk}/review",
                                          json.dumps(payload), content_type="application/json")
    assert response.status_code == 422
    assert Vote.objects.get(pk=held.pk).status == "held"


def test_a_community_worker_may_not_review_or_read_results(campaign, candidates, worker,
                                                           as_user):
    held = _vote(campaign, candidates["li"], "held-1", "held")
    client = as_user(worker)
    assert client.get(f"/api/v1/voting/campaigns/{campaign.pk}/held").status_code == 404
    response = client.post(f"/api/v1/voting/campaigns/{campaign.pk}/review",
                           json.dumps({"decision": "accept", "vote_ids": [held.pk]}),
                           content_type="application/json")
    assert response.status_code == 404
    assert client.get(f"/api/v1/voting/campaigns/{campaign.pk}/results").status_code == 404
    assert Vote.objects.get(pk=held.pk).status == "held"


def test_the_leader_reads_results_but_may_not_review(campaign, candidates, leader, as_user):
    _vote(campaign, candidates["li"], "a")
    held = _vote(campaign, candidates["li"], "held-1", "held")
    client = as_user(leader)
    rows = client.get(f"/api/v1/voting/campaigns/{campaign.pk}/results").json()
    assert [(r["candidate"], r["votes"], r["held"], r["final"]) for r in rows][:1] == [
        ("李律师", 1, 1, "50.00")]
    response = client.post(f"/api/v1/voting/campaigns/{campaign.pk}/review",
                           json.dumps({"decision": "accept", "vote_ids": [held.pk]}),
                           content_type="application/json")
    assert response.status_code == 403
    assert Vote.objects.get(pk=held.pk).status == "held"
