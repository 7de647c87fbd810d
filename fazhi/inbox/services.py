"""Writing notifications (every app through ``notify``) and marking them read (one's own only).

``notify`` writes a notification once per user and key and, when asked, sends the same text
through the configured sender after the caller's transaction commits: a rolled-back write
sends nothing, and a slow gateway never holds the write lock. A reminder run calls it inside
one transaction per item, so a failure loses that item only.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from fazhi.core.crypto import decrypt
from fazhi.core.roles import require_reader
from fazhi.core.senders import get_sender

from .models import Notification

logger = logging.getLogger("fazhi.inbox")
Topic = Notification.Topic
TEXT_MAX = Notification._meta.get_field("text").max_length or 300


@transaction.atomic
def notify(*, user: Any, topic: str, subject_id: int, key: str, text: str,
           channel: str = "") -> bool:
    """Notify ``user`` once per ``key``; True when this call wrote it. ``channel`` also sends
    the text through the sender after commit: "sms" to the user's mobile (if any), "in_app" to
    the user's name."""
    if user is None:
        return False
    _row, created = Notification.objects.get_or_create(
        user=user, key=key,
        defaults={"topic": topic, "subject_id": subject_id, "text": text[:TEXT_MAX]})
    if created and channel:
        to = decrypt(user.mobile_enc) if channel == "sms" else user.get_username()
        if to:
            transaction.on_commit(partial(_send, channel, to, user.pk, text))
    return created


def _send(channel: str, to: str, user_pk: int, text: str) -> None:
    try:
        get_sender().send(channel=channel, to=to, text=text)
    except Exception:  # a gateway failure must not lose the in-app notification
        logger.exception("notification message to user %s failed", user_pk)


@transaction.atomic
def notification_mark_read(*, actor: Any, pk: int) -> Notification:
    """Mark one of the actor's own notifications read; anyone else's is a 404."""
    require_reader(actor)
    found = Notification.objects.filter(user=actor, pk=pk).first()
    if found is None:
        raise Http404
    if found.read_at is None:
        found.read_at = timezone.now()
        found.save(update_fields=["read_at"])
    return found


@transaction.atomic
def notifications_mark_all_read(*, actor: Any) -> int:
    require_reader(actor)
    return (Notification.objects.filter(user=actor, read_at__isnull=True)
            .update(read_at=timezone.now()))


@transaction.atomic
def notifications_mark_read_about(*, actor: Any, topic: str, subject_id: int) -> int:
    """Opening a record reads the actor's notifications about it (a responsibility list's
    reminders when the list is opened)."""
    if not getattr(actor, "is_authenticated", False):
        return 0
    return (Notification.objects.filter(user=actor, topic=topic, subject_id=subject_id,
                                        read_at__isnull=True)
            .update(read_at=timezone.now()))
