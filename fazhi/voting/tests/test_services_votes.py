"""Casting votes: once a day, the cap, the window, other campaigns' candidates, limits, bursts."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from fazhi.voting.models import Vote
from fazhi.voting.services.voters import Throttled, voter_digest
from fazhi.voting.services.votes import network_of, vote_cast, vote_day

from .conftest import MOBILE, NOW

pytestmark = pytest.mark.django_db


def _cast(campaign, candidate, *, voter="a" * 64, device="dev1", ip="10.1.2.3", now=NOW):
    return vote_cast(campaign=campaign, candidate_id=candidate.pk, voter=voter, device=device,
                     ip=ip, now=now)


def test_a_vote_is_counted_on_the_beijing_day(campaign, candidates):
    cast = _cast(campaign, candidates["li"], now=dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC))
    assert cast.held is False
    vote = Vote.objects.get()
    assert (vote.status, vote.day, vote.network) == ("counted", dt.date(2026, 12, 1),
                                                     "10.1.2.0/24")


def test_a_second_vote_for_the_same_candidate_that_day_is_refused(campaign, candidates):
    _cast(campaign, candidates["li"])
    with pytest.raises(ValidationError) as refused:
        _cast(campaign, candidates["li"], now=NOW + dt.timedelta(hours=5))
    assert refused.value.messages == ["今天已为该候选人投过票，明天可以再投。"]
    assert list(Vote.objects.values_list("pick", flat=True)) == [1]


def test_the_next_beijing_day_allows_another_vote(campaign, candidates):
    _cast(campaign, candidates["li"])
    _cast(campaign, candidates["li"], now=NOW + dt.timedelta(hours=6))  # 00:00 next day
    assert sorted(Vote.objects.values_list("day", flat=True)) == [dt.date(2026, 11, 30),
                                                                  dt.date(2026, 12, 1)]


def test_the_cap_of_picks_per_category_refuses_the_third(campaign, candidates):
    _cast(campaign, candidates["li"])
    _cast(campaign, candidates["wang"])
    with pytest.raises(ValidationError) as refused:
        _cast(campaign, candidates["zhao"])
    assert refused.value.messages == ["您今天已在该类别投了 2 位候选人，已达上限。"]
    assert Vote.objects.filter(candidate=candidates["zhao"]).count() == 0
    _cast(campaign, candidates["team"])  # another category has its own picks
    assert Vote.objects.count() == 3


def test_another_campaigns_candidate_is_refused(campaign, candidates, other_campaign):
    stranger = other_campaign.candidates.get()
    with pytest.raises(ValidationError) as refused:
        vote_cast(campaign=campaign, candidate_id=stranger.pk, voter="a" * 64, device="d",
                  ip="10.0.0.1", now=NOW)
    assert refused.value.messages == ["该候选人不在本次评选中。"]
    assert Vote.objects.count() == 0


@pytest.mark.parametrize(("when", "message"), [
    (NOW - dt.timedelta(days=4), "投票尚未开始，开始时间：2026-11-27 18:00。"),
    (NOW + dt.timedelta(days=7), "投票已于 2026-12-07 18:00 结束。"),
])
def test_outside_the_window_nothing_is_cast(campaign, candidates, when, message):
    with pytest.raises(ValidationError) as refused:
        _cast(campaign, candidates["li"], now=when)
    assert refused.value.messages == [message]
    assert Vote.objects.count() == 0


def test_the_address_limit_refuses_past_the_days_votes(campaign, candidates):
    campaign.votes_per_address = 2
    for i, key in enumerate(("li", "wang")):
        _cast(campaign, candidates[key], voter=str(i) * 64, device=f"d{i}")
    with pytest.raises(Throttled):
        _cast(campaign, candidates["zhao"], voter="9" * 64, device="d9")
    assert Vote.objects.count() == 2


def test_the_device_limit_refuses_past_the_days_votes(campaign, candidates):
    campaign.votes_per_device = 1
    _cast(campaign, candidates["li"], voter="1" * 64, ip="10.0.0.1")
    with pytest.raises(Throttled):
        _cast(campaign, candidates["wang"], voter="2" * 64, ip="10.9.9.9")
    assert Vote.objects.count() == 1


def test_a_burst_from_one_network_is_held_not_counted(campaign, candidates):
    campaign.burst_per_network = 3
    for i in range(5):
        _cast(campaign, candidates["li"], voter=f"{i}" * 64, device=f"d{i}", ip=f"10.7.7.{i}")
    statuses = list(Vote.objects.order_by("pk").values_list("status", "reason"))
    assert statuses == [("counted", ""), ("counted", ""), ("counted", ""),
                        ("held", "network_burst"), ("held", "network_burst")]
    # Another network is not held.
    assert _cast(campaign, candidates["li"], voter="x" * 64, device="dx", ip="10.7.8.1").held \
        is False


def test_a_burst_from_one_device_is_held(campaign, candidates):
    campaign.burst_per_device = 1
    _cast(campaign, candidates["li"], voter="1" * 64, ip="10.0.0.1")
    assert _cast(campaign, candidates["wang"], voter="2" * 64, ip="10.0.1.1").held is True
    assert Vote.objects.get(voter="2" * 64).reason == "device_burst"


def test_networks_are_ipv4_slash_24_and_ipv6_slash_64():
    assert network_of("203.0.113.77") == "203.0.113.0/24"
    assert network_of("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert network_of("::ffff:10.1.2.3") == "10.1.2.0/24"
    assert network_of("not an address") == ""


def test_the_voter_hash_depends_on_the_campaign_and_is_not_the_mobile(campaign, other_campaign):
    one, two = voter_digest(campaign, MOBILE), voter_digest(other_campaign, MOBILE)
    assert len(one) == 64 and one != two and MOBILE not in one
    assert voter_digest(campaign, "139 1234 5678") == one


def test_vote_day_is_beijings():
    assert vote_day(dt.datetime(2026, 11, 30, 15, 59, tzinfo=dt.UTC)) == dt.date(2026, 11, 30)
    assert vote_day(dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submits_make_one_vote(campaign, candidates):
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("threads need a file database")
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def submit() -> None:
        from django.db import connection as own

        barrier.wait()
        try:
            _cast(campaign, candidates["li"])
            outcomes.append("cast")
        except ValidationError:
            outcomes.append("refused")
        finally:
            own.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["cast"] + ["refused"] * 5
    assert list(Vote.objects.values_list("pick", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_of_one_voter_in_a_category_take_the_picks_once(campaign, candidates):
    """Three candidates of 个人 at once, a cap of two: two votes, picks 1 and 2, one refusal."""
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("threads need a file database")
    outcomes: list[str] = []
    barrier = threading.Barrier(3)

    def submit(candidate) -> None:
        from django.db import connection as own

        barrier.wait()
        try:
            _cast(campaign, candidate)
            outcomes.append("cast")
        except ValidationError as exc:
            outcomes.append(exc.code or "")
        finally:
            own.close()

    threads = [threading.Thread(target=submit, args=(candidates[k],))
               for k in ("li", "wang", "zhao")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["cap", "cast", "cast"]
    assert sorted(Vote.objects.values_list("pick", flat=True)) == [1, 2]


def test_the_migration_numbers_the_votes_already_cast_oldest_first(campaign, candidates):
    """0003 gives each voter's votes in a category on a day picks 1, 2, ... by time."""
    import importlib

    from django.apps import apps

    numbered = importlib.import_module("fazhi.voting.migrations.0003_vote_pick_numbered")
    rows = [("li", "a", 0, 30), ("wang", "a", 1, 10), ("team", "a", 2, 20), ("li", "b", 3, 5)]
    for name, voter, old_pick, minutes in rows:
        candidate = candidates[name]
        Vote.objects.create(campaign=campaign, candidate=candidate, category=candidate.category,
                            voter=voter * 64, day=NOW.date(), pick=50 + old_pick,
                            cast_at=NOW + dt.timedelta(minutes=minutes))
    numbered.number_picks(apps, None)
    picks = {(v.candidate_id, v.voter[0]): v.pick for v in Vote.objects.all()}
    assert picks == {(candidates["wang"].pk, "a"): 1, (candidates["li"].pk, "a"): 2,
                     (candidates["team"].pk, "a"): 1, (candidates["li"].pk, "b"): 1}
