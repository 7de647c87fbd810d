"""Every write about accounts: creating users, log-in bookkeeping, second factor; API tokens
are in ``tokens`` (re-exported here)."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import math
import secrets
import time
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fazhi.audit.services import audit_record
from fazhi.core.crypto import decrypt, encrypt, lookup_hash
from fazhi.core.identity import normalise_mobile, validate_mobile
from fazhi.core.masking import mask_mobile
from fazhi.core.personal import sealed_mobile
from fazhi.core.roles import Role

from ..models import LoginFailure, User
from ..selectors import login_text, user_for_login

TOTP_DIGITS = 6
TOTP_STEP = 30
ISSUER = "Fazhi"
logger = logging.getLogger("fazhi.security")


# --- users -------------------------------------------------------------------------------------
def _set_mobile(user: User, mobile: str) -> None:
    mobile = normalise_mobile(mobile)
    if mobile:
        validate_mobile(mobile)
    for column, value in sealed_mobile(mobile).items():
        setattr(user, column, value)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    mobile: str = "",
    community_id: int | None = None,
    unit_id: int | None = None,
    person_id: int | None = None,
    check_password: bool = True,
) -> User:
    if actor is not None and actor.role != Role.SYSTEM_ADMIN:
        raise PermissionDenied
    user = User(
        username=username.strip(),
        role=role,
        display_name=display_name,
        community_id=community_id,
        unit_id=unit_id,
        person_id=person_id,
        is_staff=role == Role.SYSTEM_ADMIN,
    )
    errors: dict[str, list[str]] = {}
    try:
        _set_mobile(user, mobile)
    except ValidationError as exc:
        errors["mobile"] = exc.messages
    if mobile and User.objects.filter(mobile_hash=user.mobile_hash).exists():
        errors.setdefault("mobile", []).append(_("Another account already uses this mobile number."))
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=actor, action="create", obj=user,
                 changes={"role": role, "community_id": community_id, "unit_id": unit_id})
    return user


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str, ip: str = "") -> None:
    if not user.check_password(old_password):
        raise ValidationError({"old_password": [_("The current password is not correct.")]})
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages}) from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="security", obj=user, detail="password changed", ip=ip)


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool, ip: str = "") -> User:
    if actor.role not in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN) or actor.pk == user.pk:
        raise PermissionDenied
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="security", obj=user, changes={"is_active": active}, ip=ip)
    return user


# --- log-in and lock-out --------------------------------------------------------------------
# The rule (docs/security.md): LOGIN_FAILURE_LIMIT failed passwords within
# LOGIN_LOCK_MINUTES lock the account they name from that address (text that names no account:
# that text from that address), until LOGIN_LOCK_MINUTES after the last failure. As many wrong
# second-factor codes lock the account's second factor from every address.
def _since() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)


def _minutes_left(failures: QuerySet[LoginFailure]) -> int:
    """Minutes until the lock that these failures make ends; 0 when they make none."""
    limit = settings.LOGIN_FAILURE_LIMIT
    times = list(failures.filter(at__gte=_since()).order_by("-at")
                 .values_list("at", flat=True)[:limit])
    if len(times) < limit:
        return 0
    # Unlocked when the oldest of these leaves the window: fewer than the limit remain.
    unlock_at = times[-1] + dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    seconds = (unlock_at - timezone.now()).total_seconds()
    return max(0, math.ceil(seconds / 60))


def _failure_key(text: str) -> str:
    """How a failure for text naming no account is stored: a mobile number only as its keyed
    hash (no personal data in clear), anything else as typed (normalised)."""
    if len(text) == 11 and text.isascii() and text.isdigit():
        return "mobile:" + lookup_hash(text)[:40]
    return text[:150]


def _password_failures(*, user: User | None, text: str, ip: str) -> QuerySet[LoginFailure]:
    failures = LoginFailure.objects.filter(stage=LoginFailure.Stage.PASSWORD, ip=ip or None)
    if user is not None:
        return failures.filter(user=user)
    return failures.filter(user=None, username=_failure_key(text))


def _audit_target(user: User | None, text: str) -> dict[str, Any]:
    if user is not None:
        return {"obj": user, "object_repr": user.get_username()}
    shown = mask_mobile(text) if _failure_key(text).startswith("mobile:") else text
    return {"object_type": "accounts.user", "object_repr": shown[:200]}


@dataclass(frozen=True)
class LoginAttempt:
    """One try at the log-in form, counted before its password is checked."""

    user: User | None  # the account the typed text names, if any
    text: str  # the typed text, normalised
    ip: str
    locked_minutes: int  # > 0: refused without checking the password


@transaction.atomic
def login_attempt_start(*, typed: str, ip: str) -> LoginAttempt:
    """Count a try before its password is checked: it is stored as a failure at once and
    forgiven by ``login_succeeded``. Tries running at the same time thus each see the others
    (the account's row is locked meanwhile), and no burst gets past the limit. A try refused
    by the lock is audited and not counted, so the lock ends LOGIN_LOCK_MINUTES after the
    failure that made it."""
    text = login_text(typed)
    user = user_for_login(typed)
    if user is not None:
        user = User.objects.select_for_update().get(pk=user.pk)
    failures = _password_failures(user=user, text=text, ip=ip)
    minutes = _minutes_left(failures)
    if minutes:
        audit_record(actor=None, action="login_failed", ip=ip, success=False,
                     detail="refused: locked", **_audit_target(user, text))
        logger.warning("log-in refused while locked: %s from %s",
                       _audit_target(user, text)["object_repr"], ip)
        return LoginAttempt(user=user, text=text, ip=ip, locked_minutes=minutes)
    LoginFailure.objects.create(user=user, username=user.get_username() if user else
                                _failure_key(text), ip=ip or None)
    return LoginAttempt(user=user, text=text, ip=ip, locked_minutes=0)


@transaction.atomic
def login_failed(*, attempt: LoginAttempt) -> None:
    """The password (or the account) was wrong: the try stays counted; audit it, and the lock
    it completes."""
    target = _audit_target(attempt.user, attempt.text)
    audit_record(actor=None, action="login_failed", ip=attempt.ip, success=False,
                 detail="password", **target)
    failures = _password_failures(user=attempt.user, text=attempt.text, ip=attempt.ip)
    if failures.filter(at__gte=_since()).count() == settings.LOGIN_FAILURE_LIMIT:
        audit_record(actor=None, action="security", ip=attempt.ip, success=False,
                     detail=f"log-in locked for {settings.LOGIN_LOCK_MINUTES} minutes", **target)
        logger.warning("log-in locked: %s from %s", target["object_repr"], attempt.ip)


@transaction.atomic
def login_succeeded(*, user: User, ip: str) -> None:
    LoginFailure.objects.filter(user=user, stage=LoginFailure.Stage.PASSWORD,
                                ip=ip or None).delete()
    audit_record(actor=user, action="login", obj=user, ip=ip)


@transaction.atomic
def login_unlock(*, actor: User, user: User, ip: str = "") -> int:
    """End every lock on the account: passwords from any address and the second factor."""
    if actor.role != Role.SECURITY_ADMIN:
        raise PermissionDenied
    deleted, _ = LoginFailure.objects.filter(user=user).delete()
    audit_record(actor=actor, action="security", obj=user, object_repr=user.get_username(),
                 detail="unlocked", ip=ip)
    return deleted


# --- second factor (TOTP, RFC 6238) ---------------------------------------------------------
def _totp(secret: bytes) -> TOTP:
    # SHA-1 is what RFC 6238 and every authenticator app use for TOTP; HMAC-SHA1 is not broken.
    return TOTP(secret, TOTP_DIGITS, SHA1(), TOTP_STEP, enforce_key_length=False)  # noqa: S303


def totp_secret_new() -> str:
    """A new base32 secret for enrolment (kept in the session until confirmed)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _secret_bytes(secret_b32: str) -> bytes:
    padded = secret_b32 + "=" * (-len(secret_b32) % 8)
    return base64.b32decode(padded)


def totp_uri(*, user: User, secret_b32: str) -> str:
    return _totp(_secret_bytes(secret_b32)).get_provisioning_uri(user.get_username(), ISSUER)


def totp_code(*, secret_b32: str, at: float | None = None) -> str:
    """The current code (used by tests and the demo to log in as an administrator)."""
    return _totp(_secret_bytes(secret_b32)).generate(at if at is not None else time.time()).decode()


def _matching_step(secret_b32: str, code: str) -> int | None:
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == TOTP_DIGITS):
        return None
    totp = _totp(_secret_bytes(secret_b32))
    now = time.time()
    for drift in (0, -1, 1):
        at = int(now) + drift * TOTP_STEP
        try:
            totp.verify(code.encode(), int(at))
        except InvalidToken:
            continue
        return int(at // TOTP_STEP)
    return None


@transaction.atomic
def totp_enrol(*, user: User, secret_b32: str, code: str, ip: str = "") -> None:
    """Enrol a first authenticator. Replacing one needs the security administrator's reset
    (``totp_reset``): otherwise a password alone would enrol a new one and skip the factor."""
    if User.objects.select_for_update().get(pk=user.pk).totp_confirmed_at is not None:
        raise PermissionDenied
    step = _matching_step(secret_b32, code)
    if step is None:
        raise ValidationError({"code": [_("That code is not correct. Enter the 6 digits your app shows now.")]})
    user.totp_secret_enc = encrypt(secret_b32)
    user.totp_confirmed_at = timezone.now()
    user.totp_last_step = step
    user.save(update_fields=["totp_secret_enc", "totp_confirmed_at", "totp_last_step"])
    audit_record(actor=user, action="security", obj=user, detail="two-factor enrolled", ip=ip)


def totp_locked_minutes(*, user: User) -> int:
    """Minutes left of a lock on the account's second factor; 0 when not locked."""
    return _minutes_left(LoginFailure.objects.filter(user=user,
                                                     stage=LoginFailure.Stage.SECOND_FACTOR))


def totp_verify(*, user: User, code: str, ip: str = "") -> None:
    """Check a log-in code; raise ValidationError on "code" (code "locked" or "invalid") when it
    is refused. A code works once (``totp_last_step``), and LOGIN_FAILURE_LIMIT wrong codes
    within LOGIN_LOCK_MINUTES lock the second factor, from every address, until
    LOGIN_LOCK_MINUTES after the last one; the right code is refused meanwhile."""
    refusal = _totp_check(user=user, code=code, ip=ip)
    if refusal is not None:
        raise ValidationError({"code": [refusal]})


@transaction.atomic
def _totp_check(*, user: User, code: str, ip: str) -> ValidationError | None:
    """The check, its failure row and its audit entries, committed together; the caller raises
    afterwards so that they are kept."""
    locked = User.objects.select_for_update().get(pk=user.pk)  # one try at a time per account
    failures = LoginFailure.objects.filter(user=locked, stage=LoginFailure.Stage.SECOND_FACTOR)
    minutes = _minutes_left(failures)
    if minutes:
        audit_record(actor=user, action="login_failed", obj=user, ip=ip, success=False,
                     detail="second factor refused: locked")
        logger.warning("second factor refused while locked: %s from %s",
                       user.get_username(), ip)
        return ValidationError(
            ngettext("Too many wrong codes. Try again in %(minutes)d minute or ask the "
                     "security administrator.",
                     "Too many wrong codes. Try again in %(minutes)d minutes or ask the "
                     "security administrator.", minutes) % {"minutes": minutes},
            code="locked")
    secret = decrypt(locked.totp_secret_enc)  # none before enrolment: no code is right
    step = _matching_step(secret, code) if secret else None
    if step is not None and step > locked.totp_last_step:  # a code works once
        locked.totp_last_step = step
        locked.save(update_fields=["totp_last_step"])
        failures.delete()
        audit_record(actor=user, action="login", obj=user, detail="second factor", ip=ip)
        return None
    LoginFailure.objects.create(user=locked, stage=LoginFailure.Stage.SECOND_FACTOR,
                                username=locked.get_username(), ip=ip or None)
    audit_record(actor=user, action="login_failed", obj=user, ip=ip, success=False,
                 detail="second factor: code already used" if step is not None
                 else "second factor")
    if _minutes_left(failures):
        audit_record(actor=user, action="security", obj=user, ip=ip, success=False,
                     detail=f"second factor locked for {settings.LOGIN_LOCK_MINUTES} minutes")
        logger.warning("second factor locked: %s from %s", user.get_username(), ip)
    return ValidationError(_("That code is not correct or was already used. Wait for the next one."),
                           code="invalid")


@transaction.atomic
def totp_reset(*, actor: User, user: User, ip: str = "") -> None:
    if actor.role != Role.SECURITY_ADMIN:
        raise PermissionDenied
    user.totp_secret_enc = ""
    user.totp_confirmed_at = None
    user.totp_last_step = 0
    user.save(update_fields=["totp_secret_enc", "totp_confirmed_at", "totp_last_step"])
    audit_record(actor=actor, action="security", obj=user, detail="two-factor reset", ip=ip)


from .tokens import api_token_authenticate as api_token_authenticate  # noqa: E402
from .tokens import api_token_create as api_token_create  # noqa: E402
from .tokens import api_token_revoke as api_token_revoke  # noqa: E402
