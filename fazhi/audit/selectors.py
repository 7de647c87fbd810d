from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from fazhi.core.periods import on_days
from fazhi.core.roles import Role

from .models import Entry


def entry_list_for(
    *,
    actor: Any,
    action: str = "",
    actor_name: str = "",
    object_type: str = "",
    success: bool | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Entry]:
    """The audit log, for auditors only (separation of duties: 等保 三员)."""
    if actor.role != Role.AUDITOR:
        raise PermissionDenied
    entries = Entry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor_name:
        entries = entries.filter(actor_name__icontains=actor_name)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if success is not None:
        entries = entries.filter(success=success)
    if since or until:
        entries = entries.filter(on_days("at", since, until))
    return entries
