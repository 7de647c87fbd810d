"""A staff member's own in-app notifications (deadline reminders, assignments, supervision)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ..access import require_reader
from ..models import Notification


def notifications_for(*, actor: Any, unread_only: bool = False) -> QuerySet[Notification]:
    require_reader(actor)
    found = Notification.objects.filter(user=actor).select_related("case")
    return found.filter(read_at__isnull=True) if unread_only else found


def notification_get_for(*, actor: Any, pk: int) -> Notification:
    """One of the actor's own notifications; anyone else's is a 404."""
    found = notifications_for(actor=actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


_MEMO = "_fazhi_unread_notifications"


def unread_count_for(actor: Any) -> int:
    """The actor's unread count, counted once per user object.

    The navigation's badge and the home's casework section both show it; a request's user is
    loaded afresh for every request, so memoising on it shares one COUNT within a request and
    never carries a figure over to the next (the views that mark notifications read redirect).
    """
    if not getattr(actor, "is_authenticated", False):
        return 0
    unread = getattr(actor, _MEMO, None)
    if unread is None:
        unread = unread_queryset(actor).count()
        remember_unread(actor, unread)
    return unread


def unread_queryset(actor: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=actor, read_at__isnull=True)


def remember_unread(actor: Any, unread: int) -> None:
    """Keep an unread count counted elsewhere (``queue_counts`` brings it along with the
    queue tabs' counts) for the rest of this request."""
    setattr(actor, _MEMO, unread)
