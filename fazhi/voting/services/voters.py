"""Verifying a voter's mobile with an SMS code, and the signed pass that proves it afterwards:
the mechanism is ``core.mobilecodes`` (shared with the duty reviews' public rating); this
module says where voting keeps its codes, refuses codes for a closed campaign and writes the
text. The pass is a cookie holding the campaign and the voter's hash, valid ``PASS_HOURS``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fazhi.core import mobilecodes
from fazhi.core.mobilecodes import CODE_MINUTES, PASS_HOURS, Throttled, checked_mobile
from fazhi.core.senders import get_sender

from ..models import Campaign, Code

__all__ = ["PASS_HOURS", "Throttled", "address_key", "code_send", "code_verify", "pass_issue",
           "pass_read", "voter_digest"]

PASS_SALT = "fazhi.voting.pass"  # noqa: S105 (a signing namespace, not a secret)


def _book(campaign: Campaign | None = None) -> mobilecodes.Book:
    return mobilecodes.Book(model=Code, owner={"campaign": campaign}, namespace="voting",
                            limit_prefix="vote")


def voter_digest(campaign: Campaign, mobile: str) -> str:
    return _book(campaign).voter(campaign.pk, mobile)


def address_key(ip: str) -> str:
    return _book().address_key(ip)


def code_send(*, campaign: Campaign, mobile: str, ip: str,
              now: dt.datetime | None = None) -> None:
    """Send a new code to ``mobile``. One INSERT (no transaction held across the sending)."""
    from django.utils import timezone

    now = now or timezone.now()
    number = checked_mobile(mobile)
    if now >= campaign.closes_at:
        raise ValidationError(_("Voting has closed."), code="closed")
    book = _book(campaign)
    code = mobilecodes.code_issue(book=book, voter=book.voter(campaign.pk, number), ip=ip,
                                  now=now)
    text = _("Your voting code for %(campaign)s is %(code)s, valid for %(minutes)d minutes. "
             "Never tell it to anyone.") % {"campaign": campaign.title[:30], "code": code,
                                           "minutes": CODE_MINUTES}
    get_sender().send(channel="sms", to=number, text=text)


def code_verify(*, campaign: Campaign, mobile: str, code: str,
                now: dt.datetime | None = None) -> str:
    """The voter's hash if ``code`` is the latest code sent to ``mobile`` and still good."""
    number = checked_mobile(mobile)
    book = _book(campaign)
    voter = book.voter(campaign.pk, number)
    mobilecodes.code_check(book=book, voter=voter, code=code, now=now)
    return voter


def pass_issue(*, campaign: Campaign, voter: str) -> str:
    return mobilecodes.pass_issue(salt=PASS_SALT, owner_pk=campaign.pk, voter=voter)


def pass_read(*, campaign: Campaign, token: str | None) -> str | None:
    """The voter's hash from a pass for this campaign, or None (absent, forged, expired)."""
    return mobilecodes.pass_read(salt=PASS_SALT, owner_pk=campaign.pk, token=token)
