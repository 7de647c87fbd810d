"""The monthly reminder of lagging list items: an in-app notice plus a message (SMS sender)."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.crypto import decrypt
from fazhi.core.senders import get_sender

from ..models import Reminder, ResponsibilityList
from ..selectors.progress import progress_for_lists

logger = logging.getLogger("fazhi.outreach")


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the writers of each unit of its lagging items of this year's approved list, once
    per user, item and month (a second run in the same month sends nothing). Returns how many
    reminders were created."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    month = today.strftime("%Y-%m")
    lists = list(ResponsibilityList.objects.filter(
        year=today.year, status=ResponsibilityList.Status.APPROVED).select_related("unit"))
    users_by_unit: dict[int, list] = {}
    for user in get_user_model().objects.filter(unit__in=[lst.unit_id for lst in lists],
                                                is_active=True):
        if user.can_write and user.unit_id:
            users_by_unit.setdefault(user.unit_id, []).append(user)
    created = 0
    sender = get_sender()
    for progress in progress_for_lists(lists, now=now):
        for row in progress.lagging:
            text = _("%(unit)s %(year)d list item %(no)d (%(laws)s): %(done)d of %(planned)d "
                     "done, due by the end of Q%(quarter)d.") % {
                "unit": progress.lst.unit.name, "year": progress.lst.year,
                "no": row.item.position, "laws": row.item.laws[:60], "done": row.done,
                "planned": row.planned, "quarter": row.item.quarter}
            for user in users_by_unit.get(progress.lst.unit_id, []):
                try:
                    with transaction.atomic():  # one per reminder; the message after commit
                        Reminder.objects.create(user=user, item=row.item, month=month, text=text)
                        mobile = decrypt(user.mobile_enc)
                        if mobile:
                            transaction.on_commit(partial(_send, sender, user.pk, mobile, text))
                except IntegrityError:
                    continue  # already reminded this month
                created += 1
    return created


def _send(sender: Any, user_pk: int, mobile: str, text: str) -> None:
    try:
        sender.send(channel="sms", to=mobile, text=text)
    except Exception:  # a gateway failure must not lose the in-app notice
        logger.exception("reminder message to user %s failed", user_pk)


@transaction.atomic
def reminders_mark_read(*, user: Any, list_id: int | None = None,
                        ids: list[int] | None = None) -> int:
    """Mark the user's own reminders read: those of one list (opening the list reads its
    reminders, as opening a case notification reads it), or the given ids, or all."""
    query = Reminder.objects.filter(user=user, read_at__isnull=True)
    if list_id is not None:
        query = query.filter(item__responsibility_list_id=list_id)
    if ids is not None:
        query = query.filter(pk__in=ids)
    return query.update(read_at=timezone.now())
