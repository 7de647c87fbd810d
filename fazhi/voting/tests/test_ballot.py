"""The ballot a process keeps (voting.ballot) never decides a vote on old facts: after staff
change a campaign, the very next vote follows the change, in this process too.

Each test first casts a vote, so this process keeps the ballot; then the campaign changes the
way another server's request would change it (a plain UPDATE that this process's ballot is not
told of, or the set-up service); then the next vote is cast at once, without waiting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F

from fazhi.voting.ballot import _KEPT, ballot_of
from fazhi.voting.models import Campaign, Candidate, Category, Vote
from fazhi.voting.services import setup

from .conftest import NOW
from .test_views_public import _client, _verified

pytestmark = pytest.mark.django_db


def _voting(campaign, candidates, outbox):
    """A verified voter who has cast one vote (for 李律师): the ballot is now kept."""
    client = _verified(_client(), campaign, outbox)
    response = client.post(f"/vote/{campaign.pk}/cast/", {"candidate": candidates["li"].pk})
    assert response.status_code == 303
    assert campaign.pk in _KEPT
    return client


def _cast(client, campaign, candidate):
    return client.post(f"/vote/{campaign.pk}/cast/", {"candidate": candidate.pk})


def test_the_ballot_is_read_once_and_kept(frozen, campaign, candidates, outbox,
                                          django_assert_num_queries):
    _voting(campaign, candidates, outbox)
    with django_assert_num_queries(0):
        kept = ballot_of(campaign.pk)
    assert kept is not None and kept.candidates[candidates["team"].pk] == \
        candidates["team"].category_id


def test_a_campaign_closed_elsewhere_refuses_the_next_vote_at_once(frozen, campaign, candidates,
                                                                   outbox):
    client = _voting(campaign, candidates, outbox)
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=NOW - dt.timedelta(minutes=1),
                                                   version=F("version") + 1)
    response = _cast(client, campaign, candidates["wang"])
    assert response.status_code == 400
    assert "投票已于 2026-11-30 17:59 结束。" in response.content.decode()
    assert Vote.objects.count() == 1


def test_a_campaign_closed_by_the_set_up_service_refuses_the_next_vote(frozen, campaign,
                                                                       candidates, outbox,
                                                                       street_staff):
    client = _voting(campaign, candidates, outbox)
    setup.campaign_update(actor=street_staff, campaign=campaign, expected_version=1,
                          closes_at=NOW)
    response = _cast(client, campaign, candidates["wang"])
    assert response.status_code == 400
    assert "投票已于 2026-11-30 18:00 结束。" in response.content.decode()
    assert Vote.objects.count() == 1


def test_a_campaign_unpublished_elsewhere_is_not_found_at_once(frozen, campaign, candidates,
                                                               outbox):
    client = _voting(campaign, candidates, outbox)
    Campaign.objects.filter(pk=campaign.pk).update(is_published=False)
    assert _cast(client, campaign, candidates["wang"]).status_code == 404
    assert Vote.objects.count() == 1
    assert campaign.pk not in _KEPT


def test_a_campaign_reopened_elsewhere_takes_votes_at_once(time_machine, campaign, candidates,
                                                           outbox):
    time_machine.move_to(NOW, tick=False)
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=NOW + dt.timedelta(hours=1))
    client = _voting(campaign, candidates, outbox)
    time_machine.move_to(NOW + dt.timedelta(hours=2), tick=False)
    assert _cast(client, campaign, candidates["wang"]).status_code == 400  # closed, as kept
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=NOW + dt.timedelta(days=1))
    assert _cast(client, campaign, candidates["wang"]).status_code == 303
    assert Vote.objects.count() == 2


def test_a_candidate_added_elsewhere_can_be_voted_for_at_once(frozen, campaign, candidates,
                                                              outbox):
    client = _voting(campaign, candidates, outbox)
    newcomer = Candidate.objects.create(campaign=campaign, category=candidates["team"].category,
                                        name="新候选人")
    assert _cast(client, campaign, newcomer).status_code == 303
    assert Vote.objects.filter(candidate=newcomer).count() == 1


def test_a_candidate_moved_to_another_category_counts_there_at_once(frozen, campaign,
                                                                    candidates, outbox):
    client = _voting(campaign, candidates, outbox)  # 李律师, 个人: one pick of two
    elsewhere = Category.objects.create(campaign=campaign, name="新类别")
    Candidate.objects.filter(pk=candidates["wang"].pk).update(category=elsewhere)
    assert _cast(client, campaign, candidates["wang"]).status_code == 303
    assert Vote.objects.get(candidate=candidates["wang"]).category_id == elsewhere.pk
    assert _cast(client, campaign, candidates["zhao"]).status_code == 303  # 个人: second pick


def test_a_cap_lowered_elsewhere_holds_at_the_next_vote(frozen, campaign, candidates, outbox):
    client = _voting(campaign, candidates, outbox)  # one pick of 个人 taken
    Campaign.objects.filter(pk=campaign.pk).update(picks_per_category=1)
    response = _cast(client, campaign, candidates["wang"])
    assert response.status_code == 400
    assert "您今天已在该类别投了 1 位候选人，已达上限。" in response.content.decode()
    assert Vote.objects.count() == 1


def test_a_stale_campaign_given_to_the_service_is_refused_by_the_database(frozen, campaign,
                                                                          candidates):
    from django.core.exceptions import ValidationError

    from fazhi.voting.services.votes import vote_cast

    Campaign.objects.filter(pk=campaign.pk).update(closes_at=NOW - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:  # ``campaign`` still says it is open
        vote_cast(campaign=campaign, candidate_id=candidates["li"].pk, voter="a" * 64,
                  device="dev1", ip="10.1.2.3", now=NOW)
    assert refused.value.code == "closed"
    assert Vote.objects.count() == 0
