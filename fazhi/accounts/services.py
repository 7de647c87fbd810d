"""Every write about accounts: creating users, log-in bookkeeping, second factor, API tokens."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import time

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.crypto import decrypt, encrypt
from fazhi.core.identity import normalise_mobile, validate_mobile
from fazhi.core.personal import sealed_mobile
from fazhi.core.roles import Role

from .models import ApiToken, LoginFailure, User

TOTP_DIGITS = 6
TOTP_STEP = 30
ISSUER = "Fazhi"


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


def user_mobile_unmask(*, actor: User, user: User, ip: str = "") -> str:
    if actor.pk != user.pk and actor.role not in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        raise PermissionDenied
    audit_record(actor=actor, action="unmask", obj=user, detail="mobile", ip=ip)
    return decrypt(user.mobile_enc)


# --- log-in and lock-out --------------------------------------------------------------------
def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)


def login_locked_minutes(*, username: str, ip: str) -> int:
    """Minutes left of a lock on this username from this address; 0 when not locked."""
    failures = list(
        LoginFailure.objects.filter(username=username.strip().lower(), ip=ip or None,
                                    at__gte=_window_start())
        .order_by("-at").values_list("at", flat=True)[: settings.LOGIN_FAILURE_LIMIT]
    )
    if len(failures) < settings.LOGIN_FAILURE_LIMIT:
        return 0
    unlock_at = failures[0] + dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    seconds = (unlock_at - timezone.now()).total_seconds()
    return max(1, int(seconds // 60) + (1 if seconds % 60 else 0))


@transaction.atomic
def login_failed(*, username: str, ip: str) -> None:
    LoginFailure.objects.create(username=username.strip().lower()[:150], ip=ip or None)
    audit_record(actor=None, action="login_failed", object_type="accounts.user",
                 object_repr=username[:200], ip=ip, success=False)


@transaction.atomic
def login_succeeded(*, user: User, ip: str) -> None:
    LoginFailure.objects.filter(username=user.get_username().lower(), ip=ip or None).delete()
    audit_record(actor=user, action="login", obj=user, ip=ip)


@transaction.atomic
def login_unlock(*, actor: User, username: str, ip: str = "") -> int:
    if actor.role != Role.SECURITY_ADMIN:
        raise PermissionDenied
    deleted, _ = LoginFailure.objects.filter(username=username.strip().lower()).delete()
    audit_record(actor=actor, action="security", object_type="accounts.user",
                 object_repr=username, detail="unlocked", ip=ip)
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
    step = _matching_step(secret_b32, code)
    if step is None:
        raise ValidationError({"code": [_("That code is not correct. Enter the 6 digits your app shows now.")]})
    user.totp_secret_enc = encrypt(secret_b32)
    user.totp_confirmed_at = timezone.now()
    user.totp_last_step = step
    user.save(update_fields=["totp_secret_enc", "totp_confirmed_at", "totp_last_step"])
    audit_record(actor=user, action="security", obj=user, detail="two-factor enrolled", ip=ip)


@transaction.atomic
def totp_verify(*, user: User, code: str, ip: str = "") -> bool:
    locked = User.objects.select_for_update().get(pk=user.pk)
    step = _matching_step(decrypt(locked.totp_secret_enc), code)
    ok = step is not None and step > locked.totp_last_step  # a code works once
    if step is not None and ok:
        locked.totp_last_step = step
        locked.save(update_fields=["totp_last_step"])
    audit_record(actor=user, action="login", obj=user, detail="second factor", ip=ip, success=ok)
    return ok


@transaction.atomic
def totp_reset(*, actor: User, user: User, ip: str = "") -> None:
    if actor.role != Role.SECURITY_ADMIN:
        raise PermissionDenied
    user.totp_secret_enc = ""
    user.totp_confirmed_at = None
    user.totp_last_step = 0
    user.save(update_fields=["totp_secret_enc", "totp_confirmed_at", "totp_last_step"])
    audit_record(actor=actor, action="security", obj=user, detail="two-factor reset", ip=ip)


# --- API tokens -----------------------------------------------------------------------------
def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, ip: str = "") -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = "fz_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip() or _("API token"), prefix=raw[:10],
                     key_hash=_token_hash(raw))
    token.full_clean()
    token.save()
    audit_record(actor=user, action="security", obj=token, detail="API token created", ip=ip)
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int, ip: str = "") -> None:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="security", obj=token, detail="API token revoked", ip=ip)


def api_token_authenticate(raw: str) -> User | None:
    if not raw or not raw.startswith("fz_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

