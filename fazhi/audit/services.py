"""Writing to the audit log. Every service that changes data calls audit_record in its own
transaction, so the record and the change commit or fail together."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .models import Entry

RETENTION_DAYS = 180
_REDACTED = {"password", "id_number", "mobile", "secret", "token", "key_hash", "id_enc", "mobile_enc"}


def _redact(changes: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if any(part in field for part in _REDACTED):
            clean[field] = "[changed]"
        else:
            clean[field] = value if isinstance(value, (str, int, float, bool, type(None), list)) else str(value)
    return clean


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    ip: str | None = None,
    success: bool = True,
    detail: str = "",
) -> Entry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return Entry.objects.create(
        actor_id=actor.pk if authenticated else None,
        actor_name=(actor.get_username() if authenticated else "")[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=_redact(changes or {}),
        ip=ip or None,
        success=success,
        detail=detail[:300],
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value differs."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


@transaction.atomic
def entries_export(*, actor: Any, query: str, ip: str = "") -> None:
    """Exporting the log is itself logged."""
    audit_record(actor=actor, action="export", object_type="audit.entry",
                 object_repr="audit log CSV", detail=query[:300], ip=ip)


def audit_prune(*, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Delete records older than the given age; refuses anything under the legal minimum."""
    if older_than_days < RETENTION_DAYS:
        raise ValueError(
            f"audit records must be kept at least {RETENTION_DAYS} days; refusing {older_than_days}"
        )
    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    deleted, _ = Entry.objects.filter(at__lt=cutoff).delete()
    return deleted
