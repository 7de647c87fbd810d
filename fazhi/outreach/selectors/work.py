"""Law popularisation's section of the staff home.

Cheap on purpose (the home is every staff member's first page): five rows as plain values,
and a COUNT only when five came back (fewer rows are the count).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import is_reviewer, list_scope
from ..models import Reminder, ResponsibilityList

ROWS = 5


def _count(found: QuerySet[Any], rows: list[Any]) -> int:
    return found.count() if len(rows) >= ROWS else len(rows)


def work_for(actor: Any) -> dict[str, Any] | None:
    if is_reviewer(actor):
        waiting = (ResponsibilityList.objects.filter(list_scope(actor))
                   .filter(status=ResponsibilityList.Status.SUBMITTED)
                   .exclude(unit_id=actor.unit_id or 0))
        found = list(waiting.order_by("-year", "unit__name", "pk")
                     .values_list("pk", "unit__name", "year")[:ROWS])
        submitted = _("submitted")
        rows = [{"title": f"{unit} {year}", "meta": submitted,
                 "url": reverse("outreach:list_detail", args=[pk])} for pk, unit, year in found]
        return {"title": _("Responsibility lists to review"), "count": _count(waiting, found),
                "rows": rows, "url": reverse("outreach:lists") + "?status=submitted",
                "empty": _("No list is waiting for review.")}
    if not actor.unit_id:
        return None
    unread = Reminder.objects.filter(user=actor, read_at__isnull=True)
    found = list(unread.values_list("text", "month", "item__responsibility_list_id")[:ROWS])
    rows = [{"title": text, "meta": month, "url": reverse("outreach:list_detail", args=[lst])}
            for text, month, lst in found]
    return {"title": _("Lagging responsibility-list items"), "count": _count(unread, found),
            "rows": rows, "url": reverse("outreach:lists"),
            "empty": _("No lagging item: well done.")}
