"""Residents' ratings on the portal: a mobile proved by an SMS code (core.smscodes, as
voting and contests do it), then one rating per unit per review from that mobile.

Checks, cheapest first: the review is published and its window open; the unit is reviewed;
the address's limit of the day (refused, 429); then one INSERT whose unique constraint
(review, unit, voter) makes a double submit, or two servers racing, one rating. Ratings are
anonymous, so they are not audited (the count is the record); the comment is kept as typed,
within its limit, and never shown publicly.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import smscodes
from fazhi.core.crypto import lookup_hash
from fazhi.core.http import network_of
from fazhi.core.ratelimit import hit
from fazhi.core.smscodes import Throttled, clean_mobile

from ..models import Code, PublicRating, Review
from ..selectors import rating_state, unit_ids_of

PASS_SALT = "fazhi.dutyreviews.pass"  # noqa: S105 (a signing namespace, not a secret)
RATINGS_PER_ADDRESS_DAY = 300
DAY_SECONDS = 24 * 3600

__all__ = ["Throttled", "code_send", "code_verify", "pass_issue", "pass_read", "rating_submit",
           "voter_digest"]


def voter_digest(review: Review, mobile: str) -> str:
    """The rater's keyed hash: the review is part of the input, so one mobile gives unrelated
    hashes in two reviews and never equals another app's hash of it."""
    return lookup_hash(f"dutyreviews:{review.pk}:{clean_mobile(mobile)}")


def _open(review: Review, now: dt.datetime) -> None:
    state = rating_state(review, now)
    if state == "not_open":
        raise ValidationError(_("The public rating has not opened yet."), code="not_open")
    if state == "closed":
        raise ValidationError(_("The public rating has closed."), code="closed")


def code_send(*, review: Review, mobile: str, ip: str, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    number = clean_mobile(mobile)
    _open(review, now)
    voter = voter_digest(review, number)
    smscodes.code_send(
        model=Code, scope={"review": review}, prefix="duty", subject=voter, number=number,
        text=_("Your code to rate the units in %(review)s is %(code)s, valid for %(minutes)d "
               "minutes. Never tell it to anyone."),
        values={"review": review.title[:30]}, ip=ip, now=now)


def code_verify(*, review: Review, mobile: str, code: str,
                now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    voter = voter_digest(review, mobile)
    smscodes.code_verify(model=Code, scope={"review": review}, subject=voter, code=code, now=now)
    return voter


def pass_issue(*, review: Review, voter: str) -> str:
    return smscodes.pass_issue(salt=PASS_SALT, scope=review.pk, subject=voter)


def pass_read(*, review: Review, token: str | None) -> str | None:
    return smscodes.pass_read(salt=PASS_SALT, scope=review.pk, token=token)


def rating_submit(*, review: Review, unit_id: int, voter: str, level: str, comment: str = "",
                  ip: str = "", now: dt.datetime | None = None) -> PublicRating:
    """Record ``voter``'s rating of the unit; ValidationError (or Throttled) says why not."""
    now = now or timezone.now()
    if not review.is_published:
        raise ValidationError(_("This review is not open to the public."), code="unpublished")
    _open(review, now)
    if unit_id not in unit_ids_of(review):
        raise ValidationError(_("This unit is not in this review."), code="unit")
    rating = PublicRating(review=review, unit_id=unit_id, voter=voter, level=level,
                          comment=(comment or "").strip(), network=network_of(ip),
                          created_at=now)
    rating.full_clean(validate_constraints=False)
    if not hit(f"duty-rate-ip:{review.pk}:{smscodes.address_key(ip, "duty")}",
               limit=RATINGS_PER_ADDRESS_DAY, window_seconds=DAY_SECONDS):
        raise Throttled(_("This network has sent as many ratings as it may today; try again "
                          "tomorrow."), code="throttled")
    try:
        with transaction.atomic():
            rating.save(force_insert=True)
    except IntegrityError:
        raise ValidationError(_("You have already rated this unit in this review; each mobile "
                                "rates each unit once."), code="rated") from None
    return rating
