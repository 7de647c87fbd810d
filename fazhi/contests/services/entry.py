"""A participant's mobile verified by an SMS code (core.smscodes' rules, the same as voting's),
and the signed pass that proves it for ``PASS_HOURS``. The mobile is never stored: the contest
keeps a keyed hash (the contest is part of its input); the pass carries a masked copy, which
the participant's row keeps for the organiser's lists (``Participant.mobile_masked``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import smscodes
from fazhi.core.crypto import lookup_hash
from fazhi.core.masking import mask_mobile

from ..models import Code, Contest

PASS_SALT = "fazhi.contests.pass"  # noqa: S105 (a signing namespace, not a secret)


def mobile_digest(contest: Contest, number: str) -> str:
    return lookup_hash(f"contests:{contest.pk}:{number}")


def code_send(*, contest: Contest, mobile: str, ip: str, now: dt.datetime | None = None) -> str:
    """Send a new code to ``mobile``; the masked mobile. One INSERT, then the message."""
    now = now or timezone.now()
    number = smscodes.clean_mobile(mobile)
    if not contest.is_published:
        raise ValidationError(_("This contest is not open."), code="closed")
    subject = mobile_digest(contest, number)
    smscodes.code_send(
        model=Code, scope={"contest": contest}, prefix="contest", subject=subject, number=number,
        text=_("Your code for the contest %(contest)s is %(code)s, valid for %(minutes)d "
               "minutes. Never tell it to anyone."),
        values={"contest": contest.title[:30]}, ip=ip, now=now)
    return mask_mobile(number)


def code_verify(*, contest: Contest, mobile: str, code: str,
                now: dt.datetime | None = None) -> str:
    """The pass of ``mobile`` if ``code`` is the latest code sent to it and still good."""
    now = now or timezone.now()
    number = smscodes.clean_mobile(mobile)
    subject = mobile_digest(contest, number)
    smscodes.code_verify(model=Code, scope={"contest": contest}, subject=subject, code=code,
                         now=now)
    return smscodes.pass_issue(salt=PASS_SALT, scope=contest.pk, subject=subject,
                               label=mask_mobile(number))


def pass_read(*, contest: Contest, token: str | None) -> tuple[str, str] | None:
    """(mobile hash, masked mobile) from a pass for this contest, or None."""
    return smscodes.pass_contents(salt=PASS_SALT, scope=contest.pk, token=token)
