"""Marking in-app notifications read (only one's own)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ..access import require_reader
from ..models import Notification


@transaction.atomic
def notification_mark_read(*, actor: Any, pk: int) -> Notification:
    """Mark one of the actor's own notifications read; anyone else's is a 404."""
    require_reader(actor)
    notification = Notification.objects.filter(user=actor, pk=pk).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Any) -> int:
    require_reader(actor)
    return (Notification.objects.filter(user=actor, read_at__isnull=True)
            .update(read_at=timezone.now()))
