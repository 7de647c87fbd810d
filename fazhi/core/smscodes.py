"""Verifying a mobile with an SMS code, and the signed pass that proves it afterwards: the rules
every public page that asks for a mobile follows (voting, contests, duty reviews).

The mobile is used to send the code and to compute a keyed hash (the *subject*); it is never
stored. A code is six digits, kept as a keyed hash, valid ``CODE_MINUTES``, refused after
``CODE_TRIES`` wrong tries; a new code replaces the last. Sending is limited per mobile and per
address (core.ratelimit), so nobody can use a form to flood a phone or run up the SMS bill.

Each app keeps its codes in a subclass of the abstract ``core.models.MobileCode`` with a foreign
key to what the code is for (a campaign, a contest, a review): ``code_send`` writes its row and
``code_verify`` checks the subject's latest one (``code_check``). The pass is a value signed with the site's secret (django.core.signing) holding a
scope (the campaign or contest id) and the subject, valid ``PASS_HOURS``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from .crypto import lookup_hash
from .identity import normalise_mobile, validate_mobile
from .models import MobileCode
from .ratelimit import hit
from .senders import get_sender

CODE_LENGTH = 6
CODE_MINUTES = 10
CODE_TRIES = 5
CODES_PER_MOBILE_HOUR = 5
CODE_INTERVAL_SECONDS = 60  # one code a minute per mobile
CODES_PER_ADDRESS_HOUR = 30
PASS_HOURS = 12


class Throttled(ValidationError):
    """Too many requests of one kind: pages answer 429 with the message."""


def address_key(ip: str, purpose: str) -> str:
    """Rate-limit keys carry a keyed hash of the address, not the address."""
    return lookup_hash(f"{purpose}-ip:{ip}")[:24]


def clean_mobile(mobile: str) -> str:
    """The normalised mobile, or a ValidationError on the ``mobile`` field."""
    number = normalise_mobile(mobile)
    try:
        validate_mobile(number)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from exc
    return number


def _digest(subject: str, code: str) -> str:
    return lookup_hash(f"sms-code:{subject}:{code}")


def code_new(*, prefix: str, subject: str, ip: str) -> tuple[str, str]:
    """A new code and its digest, after the sending limits (``Throttled`` past them).
    ``prefix`` names the app's rate-limit keys."""
    if not hit(f"{prefix}-code-ip:{address_key(ip, prefix)}", limit=CODES_PER_ADDRESS_HOUR,
               window_seconds=3600):
        raise Throttled(_("Too many codes were asked for from this network; try again in an "
                          "hour."), code="throttled")
    if (not hit(f"{prefix}-code-gap:{subject[:32]}", limit=1,
                window_seconds=CODE_INTERVAL_SECONDS)
            or not hit(f"{prefix}-code-hour:{subject[:32]}", limit=CODES_PER_MOBILE_HOUR,
                       window_seconds=3600)):
        raise Throttled(_("A code was sent to this mobile a moment ago; wait a minute before "
                          "asking for another."), code="throttled")
    code = f"{secrets.randbelow(10 ** CODE_LENGTH):0{CODE_LENGTH}d}"
    return code, _digest(subject, code)


def code_expiry(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(minutes=CODE_MINUTES)


def code_send(*, model: type[MobileCode], scope: dict[str, Any], prefix: str, subject: str,
              number: str, text: str, values: dict[str, Any], ip: str, now: dt.datetime) -> None:
    """Send ``number`` a new code for ``subject``, after the sending limits: its row written
    (one INSERT of ``model`` with ``scope``, e.g. ``{"campaign": campaign}``, no transaction
    held across the sending), then the text message, ``text`` (translated by the app) filled
    with ``values``, the ``code`` and its ``minutes``."""
    code, digest = code_new(prefix=prefix, subject=subject, ip=ip)
    model._default_manager.create(**scope, voter=subject, digest=digest, created_at=now,
                                  expires_at=code_expiry(now))
    get_sender().send(channel="sms", to=number,
                      text=text % {**values, "code": code, "minutes": CODE_MINUTES})


def code_verify(*, model: type[MobileCode], scope: dict[str, Any], subject: str, code: str,
                now: dt.datetime) -> None:
    """Accept ``code`` if it is the latest sent to ``subject`` in ``scope`` and still good."""
    latest = (model._default_manager.filter(**scope, voter=subject)
              .order_by("-created_at", "-pk").first())
    code_check(latest=latest, subject=subject, code=code, now=now)


def code_check(*, latest: Any, subject: str, code: str, now: dt.datetime) -> None:
    """Accept ``code`` if ``latest`` (the subject's newest code row, or None) is unused, in time,
    not tried too often and matches; it is then marked used. ValidationError on ``code``."""
    code = (code or "").strip()
    if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
        raise ValidationError({"code": [_("The code is the 6 digits in the text message.")]})
    if latest is None or latest.used_at is not None:
        raise ValidationError({"code": [_("Ask for a code first.")]})
    if latest.expires_at <= now:
        raise ValidationError({"code": [_("This code has expired; ask for a new one.")]})
    if latest.tries >= CODE_TRIES:
        raise ValidationError({"code": [_("Too many wrong codes; ask for a new one.")]})
    rows = type(latest)._default_manager.filter(pk=latest.pk)
    if not hmac.compare_digest(latest.digest, _digest(subject, code)):
        # Counted in the database (one conditional UPDATE), so parallel guesses share the cap.
        rows.filter(tries__lt=CODE_TRIES).update(tries=F("tries") + 1)
        left = CODE_TRIES - latest.tries - 1
        if left <= 0:
            raise ValidationError({"code": [_("Too many wrong codes; ask for a new one.")]})
        raise ValidationError({"code": [_("The code is not right; %(left)d tries left.")
                                        % {"left": left}]})
    if not rows.filter(used_at__isnull=True, tries__lt=CODE_TRIES).update(used_at=now):
        raise ValidationError({"code": [_("Ask for a code first.")]})


def pass_issue(*, salt: str, scope: int, subject: str, label: str = "") -> str:
    """A pass for ``subject`` in ``scope``; ``label`` is a short text shown back (a masked
    mobile), never a secret."""
    data = {"c": scope, "v": subject, **({"m": label[:20]} if label else {})}
    return signing.dumps(data, salt=salt, compress=False)


def pass_contents(*, salt: str, scope: int, token: str | None) -> tuple[str, str] | None:
    """(subject, label) from a pass for this scope, or None (absent, forged, expired,
    elsewhere)."""
    if not token or len(token) > 400:
        return None
    try:
        data = signing.loads(token, salt=salt, max_age=PASS_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != scope:
        return None
    subject, label = data.get("v"), data.get("m", "")
    if not (isinstance(subject, str) and len(subject) == 64 and isinstance(label, str)):
        return None
    return subject, label


def pass_read(*, salt: str, scope: int, token: str | None) -> str | None:
    """The subject from a pass for this scope, or None."""
    contents = pass_contents(salt=salt, scope=scope, token=token)
    return contents[0] if contents else None
