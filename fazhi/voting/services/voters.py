"""Verifying a voter's mobile with an SMS code, and the signed pass that proves it afterwards.

The mobile is used to send the code and to compute the voter's keyed hash; it is never stored.
A code is six digits, kept as a keyed hash, valid ``CODE_MINUTES``, refused after
``CODE_TRIES`` wrong tries; a new code replaces the last. Sending is limited per mobile and per
address (core.ratelimit), so nobody can use the form to flood a phone or run up the SMS bill.

The pass is a cookie signed with the site's secret (django.core.signing), holding the
campaign and the voter's hash, valid ``PASS_HOURS``: voting needs no session look-up.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.crypto import lookup_hash
from fazhi.core.identity import normalise_mobile, validate_mobile
from fazhi.core.ratelimit import hit
from fazhi.core.senders import get_sender

from ..models import Campaign, Code

CODE_LENGTH = 6
CODE_MINUTES = 10
CODE_TRIES = 5
CODES_PER_MOBILE_HOUR = 5
CODE_INTERVAL_SECONDS = 60  # one code a minute per mobile
CODES_PER_ADDRESS_HOUR = 30
PASS_HOURS = 12
PASS_SALT = "fazhi.voting.pass"  # noqa: S105 (a signing namespace, not a secret)


class Throttled(ValidationError):
    """Too many requests of one kind: pages answer 429 with the message."""


def voter_digest(campaign: Campaign, mobile: str) -> str:
    """The voter's keyed hash: the campaign is part of the input, so one mobile gives unrelated
    hashes in two campaigns and never equals a ``mobile_hash`` of another app."""
    return lookup_hash(f"voting:{campaign.pk}:{normalise_mobile(mobile)}")


def address_key(ip: str) -> str:
    """Rate-limit keys carry a keyed hash of the address, not the address."""
    return lookup_hash(f"voting-ip:{ip}")[:24]


def _code_digest(voter: str, code: str) -> str:
    return lookup_hash(f"voting-code:{voter}:{code}")


def _mobile(mobile: str) -> str:
    number = normalise_mobile(mobile)
    try:
        validate_mobile(number)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from exc
    return number


def code_send(*, campaign: Campaign, mobile: str, ip: str,
              now: dt.datetime | None = None) -> None:
    """Send a new code to ``mobile``. One INSERT (no transaction held across the sending)."""
    now = now or timezone.now()
    number = _mobile(mobile)
    if now >= campaign.closes_at:
        raise ValidationError(_("Voting has closed."), code="closed")
    voter = voter_digest(campaign, number)
    if not hit(f"vote-code-ip:{address_key(ip)}", limit=CODES_PER_ADDRESS_HOUR,
               window_seconds=3600):
        raise Throttled(_("Too many codes were asked for from this network; try again in an "
                          "hour."), code="throttled")
    if (not hit(f"vote-code-gap:{voter[:32]}", limit=1, window_seconds=CODE_INTERVAL_SECONDS)
            or not hit(f"vote-code-hour:{voter[:32]}", limit=CODES_PER_MOBILE_HOUR,
                       window_seconds=3600)):
        raise Throttled(_("A code was sent to this mobile a moment ago; wait a minute before "
                          "asking for another."), code="throttled")
    code = f"{secrets.randbelow(10 ** CODE_LENGTH):0{CODE_LENGTH}d}"
    Code.objects.create(campaign=campaign, voter=voter, digest=_code_digest(voter, code),
                        created_at=now, expires_at=now + dt.timedelta(minutes=CODE_MINUTES))
    text = _("Your voting code for %(campaign)s is %(code)s, valid for %(minutes)d minutes. "
             "Never tell it to anyone.") % {"campaign": campaign.title[:30], "code": code,
                                           "minutes": CODE_MINUTES}
    get_sender().send(channel="sms", to=number, text=text)


def code_verify(*, campaign: Campaign, mobile: str, code: str,
                now: dt.datetime | None = None) -> str:
    """The voter's hash if ``code`` is the latest code sent to ``mobile`` and still good."""
    now = now or timezone.now()
    number = _mobile(mobile)
    code = (code or "").strip()
    if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
        raise ValidationError({"code": [_("The code is the 6 digits in the text message.")]})
    voter = voter_digest(campaign, number)
    latest = Code.objects.filter(campaign=campaign, voter=voter).order_by("-created_at",
                                                                          "-pk").first()
    if latest is None or latest.used_at is not None:
        raise ValidationError({"code": [_("Ask for a code first.")]})
    if latest.expires_at <= now:
        raise ValidationError({"code": [_("This code has expired; ask for a new one.")]})
    if latest.tries >= CODE_TRIES:
        raise ValidationError({"code": [_("Too many wrong codes; ask for a new one.")]})
    if not hmac.compare_digest(latest.digest, _code_digest(voter, code)):
        # Counted in the database (one conditional UPDATE), so parallel guesses share the cap.
        Code.objects.filter(pk=latest.pk, tries__lt=CODE_TRIES).update(tries=F("tries") + 1)
        left = CODE_TRIES - latest.tries - 1
        if left <= 0:
            raise ValidationError({"code": [_("Too many wrong codes; ask for a new one.")]})
        raise ValidationError({"code": [_("The code is not right; %(left)d tries left.")
                                        % {"left": left}]})
    used = Code.objects.filter(pk=latest.pk, used_at__isnull=True,
                               tries__lt=CODE_TRIES).update(used_at=now)
    if not used:
        raise ValidationError({"code": [_("Ask for a code first.")]})
    return voter


def pass_issue(*, campaign: Campaign, voter: str) -> str:
    return signing.dumps({"c": campaign.pk, "v": voter}, salt=PASS_SALT, compress=False)


def pass_read(*, campaign: Campaign, token: str | None) -> str | None:
    """The voter's hash from a pass for this campaign, or None (absent, forged, expired)."""
    if not token or len(token) > 400:
        return None
    try:
        data = signing.loads(token, salt=PASS_SALT, max_age=PASS_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != campaign.pk:
        return None
    voter = data.get("v")
    return voter if isinstance(voter, str) and len(voter) == 64 else None
