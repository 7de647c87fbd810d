"""Verifying a voter's mobile with an SMS code, and the signed pass that proves it afterwards.

The rules (code length, expiry, tries, sending limits, the pass) are core.smscodes'; voting
adds the voter's keyed hash, its code rows and the text of the message. The pass is a cookie
holding the campaign and the voter's hash: voting needs no session look-up.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import smscodes
from fazhi.core.crypto import lookup_hash
from fazhi.core.identity import normalise_mobile
from fazhi.core.smscodes import (  # noqa: F401 (the names voting's callers read)
    CODE_LENGTH,
    CODE_MINUTES,
    CODE_TRIES,
    PASS_HOURS,
    Throttled,
)

from ..models import Campaign, Code

PASS_SALT = "fazhi.voting.pass"  # noqa: S105 (a signing namespace, not a secret)


def voter_digest(campaign: Campaign, mobile: str) -> str:
    """The voter's keyed hash: the campaign is part of the input, so one mobile gives unrelated
    hashes in two campaigns and never equals a ``mobile_hash`` of another app."""
    return lookup_hash(f"voting:{campaign.pk}:{normalise_mobile(mobile)}")


def address_key(ip: str) -> str:
    """Rate-limit keys carry a keyed hash of the address, not the address."""
    return smscodes.address_key(ip, "voting")


def code_send(*, campaign: Campaign, mobile: str, ip: str,
              now: dt.datetime | None = None) -> None:
    """Send a new code to ``mobile``. One INSERT (no transaction held across the sending)."""
    now = now or timezone.now()
    number = smscodes.clean_mobile(mobile)
    if now >= campaign.closes_at:
        raise ValidationError(_("Voting has closed."), code="closed")
    voter = voter_digest(campaign, number)
    smscodes.code_send(
        model=Code, scope={"campaign": campaign}, prefix="vote", subject=voter, number=number,
        text=_("Your voting code for %(campaign)s is %(code)s, valid for %(minutes)d minutes. "
               "Never tell it to anyone."),
        values={"campaign": campaign.title[:30]}, ip=ip, now=now)


def code_verify(*, campaign: Campaign, mobile: str, code: str,
                now: dt.datetime | None = None) -> str:
    """The voter's hash if ``code`` is the latest code sent to ``mobile`` and still good."""
    now = now or timezone.now()
    voter = voter_digest(campaign, smscodes.clean_mobile(mobile))
    smscodes.code_verify(model=Code, scope={"campaign": campaign}, subject=voter, code=code,
                         now=now)
    return voter


def pass_issue(*, campaign: Campaign, voter: str) -> str:
    return smscodes.pass_issue(salt=PASS_SALT, scope=campaign.pk, subject=voter)


def pass_read(*, campaign: Campaign, token: str | None) -> str | None:
    """The voter's hash from a pass for this campaign, or None (absent, forged, expired)."""
    return smscodes.pass_read(salt=PASS_SALT, scope=campaign.pk, token=token)
