"""The monthly reminder of lagging list items: a notification in the inbox plus a message
(SMS sender) after its commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.inbox import services as inbox

from ..models import ResponsibilityList
from ..selectors.progress import progress_for_lists


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the writers of each unit of its lagging items of this year's approved list, once
    per user, item and month (a second run in the same month sends nothing), one transaction
    per reminder. Returns how many reminders were created."""
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
    for progress in progress_for_lists(lists, now=now):
        for row in progress.lagging:
            text = _("%(unit)s %(year)d list item %(no)d (%(laws)s): %(done)d of %(planned)d "
                     "done, due by the end of Q%(quarter)d.") % {
                "unit": progress.lst.unit.name, "year": progress.lst.year,
                "no": row.item.position, "laws": row.item.laws[:60], "done": row.done,
                "planned": row.planned, "quarter": row.item.quarter}
            for user in users_by_unit.get(progress.lst.unit_id, []):
                with transaction.atomic():
                    created += inbox.notify(
                        user=user, topic=inbox.Topic.LIST, subject_id=progress.lst.pk,
                        key=f"list-item:{row.item.pk}:{month}", text=text, channel="sms")
    return created


def reminders_mark_read(*, user: Any, list_id: int) -> int:
    """Opening a list reads its reminders, as opening a case notification reads it."""
    return inbox.notifications_mark_read_about(actor=user, topic=inbox.Topic.LIST,
                                               subject_id=list_id)
