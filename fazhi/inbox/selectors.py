"""A user's own notifications: never anyone else's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fazhi.core.roles import require_reader

from .models import Notification


def notifications_for(*, actor: Any, unread_only: bool = False) -> QuerySet[Notification]:
    require_reader(actor)
    found = Notification.objects.filter(user=actor)
    return found.filter(read_at__isnull=True) if unread_only else found


def unread_for(actor: Any) -> QuerySet[Notification]:
    """The actor's unread notifications (none for a visitor): count it, or send it to
    ``core.counting`` with other counts of the page."""
    if not getattr(actor, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=actor, read_at__isnull=True)


def unread_count_for(actor: Any) -> int:
    return unread_for(actor).count()
