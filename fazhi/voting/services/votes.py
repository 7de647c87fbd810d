"""Casting a vote: the window, the candidate, the limits, held bursts, once a day, the cap.

Order of the checks, cheapest and least revealing first: the window; the candidate belongs to
the campaign; the per-address and per-device limits of the day (refused, 429); the bursts of the
minute (many votes from one network, an IPv4 /24 or IPv6 /64, or from one device: the vote is
kept but *held*, not counted until a reviewer accepts it); then one INSERT ... SELECT that is
the vote and decides the rest in the database, atomic on its own:

1. it reads the campaign and the candidate as they are now: published, open at this moment,
   the candidate in this campaign (its category as it is now); the caller's copy of the
   campaign (a process's ballot) may be old, the vote never counts on it;
2. it takes the voter's next pick of the category for the day (``pick``, one more than the
   highest) only while that is within the cap, so no row back means a refusal, which is then
   read and worded (closed, not published, cap reached);
3. the unique constraint (campaign, candidate, voter, day) refuses a second vote for the same
   candidate, also when two servers race or a form is sent twice; the one on (campaign, voter,
   day, category, pick) refuses two concurrent votes the same pick, and the later one takes
   the next (or hears the cap).

One statement, no BEGIN/COMMIT around it: on SQLite the write lock is held only while the
statement runs, never while a thread waits for Python's GIL between statements.

Tallies are counted from the votes (selectors.tally_of): no counter in any process to lose.
"""

from __future__ import annotations

import contextlib
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

from ..models import Campaign, Candidate, Vote
from .voters import Throttled, address_key

DAY_ZONE = ZoneInfo("Asia/Shanghai")
DAY_SECONDS = 24 * 3600
BURST_SECONDS = 60
MOST_PICKS = 100  # the most picks_per_category allows


@dataclass(frozen=True)
class Cast:
    pk: int  # the vote's
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


def _limits(campaign: Campaign, *, ip: str, network: str, device: str) -> str:
    """Refuse past the day's limits; the reason to hold this vote ("" to count it)."""
    if not hit(f"vote-ip:{campaign.pk}:{address_key(ip)}", limit=campaign.votes_per_address,
               window_seconds=DAY_SECONDS):
        raise Throttled(_("This network has cast as many votes as it may today; try again "
                          "tomorrow."), code="throttled")
    if not hit(f"vote-dev:{campaign.pk}:{device}", limit=campaign.votes_per_device,
               window_seconds=DAY_SECONDS):
        raise Throttled(_("This phone has cast as many votes as it may today; try again "
                          "tomorrow."), code="throttled")
    network_ok = hit(f"vote-net:{campaign.pk}:{network}",
                     limit=campaign.burst_per_network, window_seconds=BURST_SECONDS)
    device_ok = hit(f"vote-burst:{campaign.pk}:{device}", limit=campaign.burst_per_device,
                    window_seconds=BURST_SECONDS)
    if not network_ok:
        return Vote.Reason.NETWORK_BURST
    return "" if device_ok else Vote.Reason.DEVICE_BURST


_INSERT = (
    "INSERT INTO {vote} (campaign_id, candidate_id, category_id, voter, day, cast_at, status, "
    "reason, network, device, pick) "
    "SELECT n.campaign_id, n.candidate_id, n.category_id, %s, %s, %s, %s, %s, %s, %s, n.pick "
    "FROM (SELECT c.id AS campaign_id, k.id AS candidate_id, k.category_id AS category_id, "
    "c.picks_per_category AS cap, COALESCE((SELECT MAX(v.pick) FROM {vote} v "
    "WHERE v.campaign_id = c.id AND v.voter = %s AND v.day = %s "
    "AND v.category_id = k.category_id), 0) + 1 AS pick "
    "FROM {campaign} c INNER JOIN {candidate} k ON k.campaign_id = c.id "
    "WHERE c.id = %s AND k.id = %s AND c.is_published AND c.opens_at <= %s "
    "AND c.closes_at > %s) n "
    "WHERE n.pick <= n.cap RETURNING id"
)


def _insert(*, campaign_id: int, candidate_id: int, voter: str, day: dt.date, now: dt.datetime,
            status: str, reason: str, network: str, device: str) -> int | None:
    """The vote's one statement (module docstring); its id, or None when the database refused
    it (not published, not open, not this campaign's candidate, the cap reached)."""
    ops = connection.ops
    sql = _INSERT.format(vote=ops.quote_name(Vote._meta.db_table),
                         campaign=ops.quote_name(Campaign._meta.db_table),
                         candidate=ops.quote_name(Candidate._meta.db_table))
    day_value, now_value = ops.adapt_datefield_value(day), ops.adapt_datetimefield_value(now)
    params = [voter, day_value, now_value, status, reason, network, device, voter, day_value,
              campaign_id, candidate_id, now_value, now_value]
    with _alone_or_savepoint(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _alone_or_savepoint() -> contextlib.AbstractContextManager[object]:
    """A savepoint when a transaction is open (a caller's atomic block, a test), so a refused
    INSERT leaves it usable on PostgreSQL; alone, the statement is atomic by itself."""
    return transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()


def _refusal(campaign: Campaign, candidate_id: int, now: dt.datetime) -> ValidationError:
    """Why the database took no vote, read as things are now."""
    fresh = Campaign.objects.filter(pk=campaign.pk, is_published=True).first()
    if fresh is None:
        return ValidationError(_("This vote is not open to the public."), code="unpublished")
    try:
        check_window(fresh, now)
    except ValidationError as exc:
        return exc
    if not Candidate.objects.filter(campaign=fresh, pk=candidate_id).exists():
        return ValidationError(_("This candidate is not in this campaign."), code="candidate")
    return ValidationError(
        _("You have voted for %(n)d candidates of this category today, the most allowed.")
        % {"n": fresh.picks_per_category}, code="cap")


def vote_cast(*, campaign: Campaign, candidate_id: int, voter: str, device: str, ip: str,
              now: dt.datetime | None = None,
              candidates: dict[int, int] | None = None) -> Cast:
    """Cast ``voter``'s vote for the candidate; ValidationError (or Throttled) says why not.
    ``campaign`` and ``candidates`` (candidate id -> category id) may be a process's kept
    ballot (ballot.Ballot): they decide only the early refusals and the limits; the INSERT
    reads the campaign and the candidate again. Without ``candidates`` the candidate is read
    from the database."""
    now = now or timezone.now()
    check_window(campaign, now)
    if candidates is not None:
        category_id = candidates.get(candidate_id)
    else:
        category_id = (Candidate.objects.filter(campaign=campaign, pk=candidate_id)
                       .values_list("category_id", flat=True).first())
    if category_id is None:
        raise ValidationError(_("This candidate is not in this campaign."), code="candidate")
    day, network = vote_day(now), network_of(ip)
    reason = _limits(campaign, ip=ip, network=network, device=device)
    status = Vote.Status.HELD if reason else Vote.Status.COUNTED
    # Each pass either takes a vote, refuses it, or lost the same pick to a concurrent vote of
    # this voter (PostgreSQL; SQLite runs writes one at a time) and tries the next pick.
    for _attempt in range(MOST_PICKS + 1):
        try:
            pk = _insert(campaign_id=campaign.pk, candidate_id=candidate_id, voter=voter,
                         day=day, now=now, status=status, reason=reason, network=network,
                         device=device)
        except IntegrityError:
            if Vote.objects.filter(campaign_id=campaign.pk, candidate_id=candidate_id,
                                   voter=voter, day=day).exists():
                raise ValidationError(_("You have already voted for this candidate today; you "
                                        "can vote again tomorrow."), code="voted_today") from None
            continue
        if pk is None:
            raise _refusal(campaign, candidate_id, now)
        return Cast(pk=pk, held=bool(reason))
    raise _refusal(campaign, candidate_id, now)
