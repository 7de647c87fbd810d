"""Law popularisation's section of the staff home (``outreach/_work.html`` words it).

Cheap on purpose (the home is every staff member's first page): one query a section, five
rows as plain values, each carrying the section's total as a window count.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window

from fazhi.inbox.models import Notification
from fazhi.inbox.selectors import unread_for

from ..access import is_reviewer, list_scope
from ..models import ResponsibilityList

ROWS = 5


def work_for(actor: Any) -> dict[str, Any] | None:
    """A reviewer's lists waiting for review ("review"), or a unit member's unread reminders
    of lagging items ("reminders")."""
    if is_reviewer(actor):
        waiting = list(
            ResponsibilityList.objects.filter(list_scope(actor))
            .filter(status=ResponsibilityList.Status.SUBMITTED)
            .exclude(unit_id=actor.unit_id or 0).annotate(total=Window(Count("pk")))
            .order_by("-year", "unit__name", "pk")
            .values_list("pk", "unit__name", "year", "total")[:ROWS])
        return {"kind": "review", "count": waiting[0][3] if waiting else 0,
                "rows": [{"pk": pk, "unit": unit, "year": year}
                         for pk, unit, year, _total in waiting]}
    if not actor.unit_id:
        return None
    unread = list(unread_for(actor).filter(topic=Notification.Topic.LIST)
                  .annotate(total=Window(Count("pk")))
                  .values_list("subject_id", "text", "created_at", "total")[:ROWS])
    return {"kind": "reminders", "count": unread[0][3] if unread else 0,
            "rows": [{"list_id": lst, "text": text, "at": at}
                     for lst, text, at, _total in unread]}
