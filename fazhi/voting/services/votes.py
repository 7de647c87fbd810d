"""Casting a vote: the window, the candidate, the limits, held bursts, once a day, the cap.

Order of the checks, cheapest and least revealing first: the window; the candidate belongs to
the campaign; the per-address and per-device limits of the day (refused, 429); the bursts of the
minute (many votes from one network, an IPv4 /24 or IPv6 /64, or from one device: the vote is
kept but *held*, not counted until a reviewer accepts it); then one short transaction:

1. INSERT the vote; the unique constraint (campaign, candidate, voter, day) refuses a second
   one, also when two servers race or a form is sent twice;
2. raise the voter's picks of the category for the day by one, in one conditional upsert
   (``... DO UPDATE SET count = count + 1 WHERE count < cap RETURNING count``): no row back
   means the cap is reached, and the transaction (the vote with it) is rolled back.

Tallies are counted from the votes (selectors.tally_of): no counter in any process to lose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fazhi.core.crypto import lookup_hash
from fazhi.core.http import network_of
from fazhi.core.ratelimit import hit

from ..models import Campaign, Candidate, Picks, Vote
from .voters import Throttled, address_key

DAY_ZONE = ZoneInfo("Asia/Shanghai")
DAY_SECONDS = 24 * 3600
BURST_SECONDS = 60


@dataclass(frozen=True)
class Cast:
    vote: Vote
    held: bool


def vote_day(now: dt.datetime) -> dt.date:
    """The voting day: a calendar day in Beijing time, whatever the server's zone."""
    return now.astimezone(DAY_ZONE).date()


def device_digest(token: str) -> str:
    return lookup_hash(f"voting-device:{token}")[:16] if token else ""


def check_window(campaign: Campaign, now: dt.datetime) -> None:
    local = {"time": ""}
    if now < campaign.opens_at:
        local["time"] = date_format(timezone.localtime(campaign.opens_at), "Y-m-d H:i")
        raise ValidationError(_("Voting has not opened yet; it opens at %(time)s.") % local,
                              code="not_open")
    if now >= campaign.closes_at:
        local["time"] = date_format(timezone.localtime(campaign.closes_at), "Y-m-d H:i")
        raise ValidationError(_("Voting closed at %(time)s.") % local, code="closed")


def _limits(campaign: Campaign, *, ip: str, device: str) -> str:
    """Refuse past the day's limits; the reason to hold this vote ("" to count it)."""
    if not hit(f"vote-ip:{campaign.pk}:{address_key(ip)}", limit=campaign.votes_per_address,
               window_seconds=DAY_SECONDS):
        raise Throttled(_("This network has cast as many votes as it may today; try again "
                          "tomorrow."), code="throttled")
    if not hit(f"vote-dev:{campaign.pk}:{device}", limit=campaign.votes_per_device,
               window_seconds=DAY_SECONDS):
        raise Throttled(_("This phone has cast as many votes as it may today; try again "
                          "tomorrow."), code="throttled")
    network_ok = hit(f"vote-net:{campaign.pk}:{network_of(ip)}",
                     limit=campaign.burst_per_network, window_seconds=BURST_SECONDS)
    device_ok = hit(f"vote-burst:{campaign.pk}:{device}", limit=campaign.burst_per_device,
                    window_seconds=BURST_SECONDS)
    if not network_ok:
        return Vote.Reason.NETWORK_BURST
    return "" if device_ok else Vote.Reason.DEVICE_BURST


_PICK = ("INSERT INTO {t} (campaign_id, category_id, voter, day, count) "
         "VALUES (%s, %s, %s, %s, 1) ON CONFLICT (campaign_id, category_id, voter, day) "
         "DO UPDATE SET count = {t}.count + 1 WHERE {t}.count < %s RETURNING count")


_INSERT = ("INSERT INTO {t} (campaign_id, candidate_id, category_id, voter, day, cast_at, status, "
           "reason, network, device) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id")


def _insert(vote: Vote) -> None:
    """``vote.save(force_insert=True)`` as one plain statement: Django's insert compiler costs
    more Python than the rest of the vote's writes together (bench_voting's hot path)."""
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(_INSERT.format(t=ops.quote_name(Vote._meta.db_table)), [
            vote.campaign_id, vote.candidate_id, vote.category_id, vote.voter,
            ops.adapt_datefield_value(vote.day), ops.adapt_datetimefield_value(vote.cast_at),
            vote.status, vote.reason, vote.network, vote.device])
        (vote.pk,) = cursor.fetchone()
    vote._state.adding = False
    vote._state.db = connection.alias


def _take_pick(vote: Vote, cap: int) -> bool:
    table = connection.ops.quote_name(Picks._meta.db_table)
    day = connection.ops.adapt_datefield_value(vote.day)
    with connection.cursor() as cursor:
        cursor.execute(_PICK.format(t=table),
                       [vote.campaign_id, vote.category_id, vote.voter, day, cap])
        return cursor.fetchone() is not None


class _CapReached(Exception):
    pass


def vote_cast(*, campaign: Campaign, candidate_id: int, voter: str, device: str, ip: str,
              now: dt.datetime | None = None,
              candidates: dict[int, int] | None = None) -> Cast:
    """Cast ``voter``'s vote for the candidate; ValidationError (or Throttled) says why not.
    ``candidates`` (candidate id -> category id, the campaign's ballot.Ballot) saves the
    look-up; without it the candidate is read from the database."""
    now = now or timezone.now()
    check_window(campaign, now)
    if candidates is not None:
        category_id = candidates.get(candidate_id)
    else:
        category_id = (Candidate.objects.filter(campaign=campaign, pk=candidate_id)
                       .values_list("category_id", flat=True).first())
    if category_id is None:
        raise ValidationError(_("This candidate is not in this campaign."), code="candidate")
    reason = _limits(campaign, ip=ip, device=device)
    vote = Vote(campaign=campaign, candidate_id=candidate_id, category_id=category_id,
                voter=voter, day=vote_day(now), cast_at=now, network=network_of(ip),
                device=device, status=Vote.Status.HELD if reason else Vote.Status.COUNTED,
                reason=reason)
    try:
        with transaction.atomic():
            _insert(vote)
            if not _take_pick(vote, campaign.picks_per_category):
                raise _CapReached
    except IntegrityError:
        raise ValidationError(_("You have already voted for this candidate today; you can "
                                "vote again tomorrow."), code="voted_today") from None
    except _CapReached:
        raise ValidationError(
            _("You have voted for %(n)d candidates of this category today, the most allowed.")
            % {"n": campaign.picks_per_category}, code="cap") from None
    return Cast(vote=vote, held=bool(reason))

