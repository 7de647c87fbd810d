"""API tokens: created once shown, stored only as a hash, revoked, and checked on each call."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record

from ..models import ApiToken, User


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, second_factor_passed: bool = False,
                     ip: str = "") -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored. A token skips the log-in,
    so whoever must pass a second factor (their role, or they enrolled one) gets one only from
    a session that passed it."""
    if user.uses_second_factor and not second_factor_passed:
        raise PermissionDenied
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

