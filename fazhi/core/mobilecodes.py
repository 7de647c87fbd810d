"""Proving a mobile with an SMS code, and the signed pass that proves it afterwards, for the
public forms that take one answer per person (voting, the duty reviews' public rating).

The mobile is used to send the code and to compute the voter's keyed hash; it is never stored.
A code is six digits, kept as a keyed hash, valid ``CODE_MINUTES``, refused after
``CODE_TRIES`` wrong tries; a new code replaces the last. Sending is limited per mobile and per
address (core.ratelimit), so nobody can use a form to flood a phone or run up the SMS bill.
The caller sends the text (its own words, its own sender), after ``code_issue`` has counted
the limits and kept the code.

A ``Book`` says where one app keeps its codes: its model (a ``core.models.MobileCode``), the
row the codes belong to (``{"campaign": campaign}``), and a namespace that keeps its hashes
and rate-limit keys apart from every other app's.

The pass is a value signed with the site's secret (django.core.signing) holding the owner's id
and the voter's hash, valid ``PASS_HOURS``: no session look-up is needed to use it.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.crypto import lookup_hash
from fazhi.core.identity import normalise_mobile, validate_mobile
from fazhi.core.ratelimit import hit

CODE_LENGTH = 6
CODE_MINUTES = 10
CODE_TRIES = 5
CODES_PER_MOBILE_HOUR = 5
CODE_INTERVAL_SECONDS = 60  # one code a minute per mobile
CODES_PER_ADDRESS_HOUR = 30
PASS_HOURS = 12


class Throttled(ValidationError):
    """Too many requests of one kind: pages answer 429 with the message."""


@dataclass(frozen=True)
class Book:
    model: type[Model]  # a subclass of core.models.MobileCode
    owner: dict[str, Any]  # the foreign key the codes hang on, e.g. {"campaign": campaign}
    namespace: str  # "voting", "dutyreviews": part of every hash and key
    limit_prefix: str  # rate-limit keys: f"{limit_prefix}-code-ip:..."

    def voter(self, owner_pk: int, mobile: str) -> str:
        """The voter's keyed hash: the owner is part of the input, so one mobile gives
        unrelated hashes for two campaigns and never equals a ``mobile_hash`` of another
        app."""
        return lookup_hash(f"{self.namespace}:{owner_pk}:{normalise_mobile(mobile)}")

    def address_key(self, ip: str) -> str:
        """Rate-limit keys carry a keyed hash of the address, not the address."""
        return lookup_hash(f"{self.namespace}-ip:{ip}")[:24]

    def _digest(self, voter: str, code: str) -> str:
        return lookup_hash(f"{self.namespace}-code:{voter}:{code}")


def checked_mobile(mobile: str) -> str:
    """The mobile in its normal form, or a ValidationError on the ``mobile`` field."""
    number = normalise_mobile(mobile)
    try:
        validate_mobile(number)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from exc
    return number


def code_issue(*, book: Book, voter: str, ip: str, now: dt.datetime | None = None) -> str:
    """A new code for ``voter`` (kept as a hash, one INSERT): the caller texts it. Throttled
    past the limits per address and per mobile."""
    now = now or timezone.now()
    if not hit(f"{book.limit_prefix}-code-ip:{book.address_key(ip)}",
               limit=CODES_PER_ADDRESS_HOUR, window_seconds=3600):
        raise Throttled(_("Too many codes were asked for from this network; try again in an "
                          "hour."), code="throttled")
    if (not hit(f"{book.limit_prefix}-code-gap:{voter[:32]}", limit=1,
                window_seconds=CODE_INTERVAL_SECONDS)
            or not hit(f"{book.limit_prefix}-code-hour:{voter[:32]}",
                       limit=CODES_PER_MOBILE_HOUR, window_seconds=3600)):
        raise Throttled(_("A code was sent to this mobile a moment ago; wait a minute before "
                          "asking for another."), code="throttled")
    code = f"{secrets.randbelow(10 ** CODE_LENGTH):0{CODE_LENGTH}d}"
    book.model._default_manager.create(
        **book.owner, voter=voter, digest=book._digest(voter, code), created_at=now,
        expires_at=now + dt.timedelta(minutes=CODE_MINUTES))
    return code


def code_check(*, book: Book, voter: str, code: str, now: dt.datetime | None = None) -> None:
    """Accept ``code`` if it is the latest sent to ``voter`` and still good (then it is used
    up); otherwise a ValidationError on the ``code`` field says why."""
    now = now or timezone.now()
    code = (code or "").strip()
    if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
        raise ValidationError({"code": [_("The code is the 6 digits in the text message.")]})
    codes = book.model._default_manager.filter(**book.owner, voter=voter)
    latest: Any = codes.order_by("-created_at", "-pk").first()
    if latest is None or latest.used_at is not None:
        raise ValidationError({"code": [_("Ask for a code first.")]})
    if latest.expires_at <= now:
        raise ValidationError({"code": [_("This code has expired; ask for a new one.")]})
    if latest.tries >= CODE_TRIES:
        raise ValidationError({"code": [_("Too many wrong codes; ask for a new one.")]})
    if not hmac.compare_digest(latest.digest, book._digest(voter, code)):
        # Counted in the database (one conditional UPDATE), so parallel guesses share the cap.
        codes.filter(pk=latest.pk, tries__lt=CODE_TRIES).update(tries=F("tries") + 1)
        left = CODE_TRIES - latest.tries - 1
        if left <= 0:
            raise ValidationError({"code": [_("Too many wrong codes; ask for a new one.")]})
        raise ValidationError({"code": [_("The code is not right; %(left)d tries left.")
                                        % {"left": left}]})
    used = codes.filter(pk=latest.pk, used_at__isnull=True,
                        tries__lt=CODE_TRIES).update(used_at=now)
    if not used:
        raise ValidationError({"code": [_("Ask for a code first.")]})


def pass_issue(*, salt: str, owner_pk: int, voter: str) -> str:
    return signing.dumps({"c": owner_pk, "v": voter}, salt=salt, compress=False)


def pass_read(*, salt: str, owner_pk: int, token: str | None) -> str | None:
    """The voter's hash from a pass for this owner, or None (absent, forged, expired)."""
    if not token or len(token) > 400:
        return None
    try:
        data = signing.loads(token, salt=salt, max_age=PASS_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != owner_pk:
        return None
    voter = data.get("v")
    return voter if isinstance(voter, str) and len(voter) == 64 else None
