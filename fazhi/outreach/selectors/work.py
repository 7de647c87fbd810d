"""Law popularisation's section of the staff home.

Cheap on purpose (the home is every staff member's first page): one query a section, five
rows as plain values, each carrying the section's total as a window count.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import is_reviewer, list_scope
from ..models import Reminder, ResponsibilityList

ROWS = 5


def work_for(actor: Any) -> dict[str, Any] | None:
    if is_reviewer(actor):
        waiting = list(
            ResponsibilityList.objects.filter(list_scope(actor))
            .filter(status=ResponsibilityList.Status.SUBMITTED)
            .exclude(unit_id=actor.unit_id or 0).annotate(total=Window(Count("pk")))
            .order_by("-year", "unit__name", "pk")
            .values_list("pk", "unit__name", "year", "total")[:ROWS])
        submitted = _("submitted")
        rows = [{"title": f"{unit} {year}", "meta": submitted,
                 "url": reverse("outreach:list_detail", args=[pk])}
                for pk, unit, year, _total in waiting]
        return {"title": _("Responsibility lists to review"),
                "count": waiting[0][3] if waiting else 0,
                "rows": rows, "url": reverse("outreach:lists") + "?status=submitted",
                "empty": _("No list is waiting for review.")}
    if not actor.unit_id:
        return None
    unread = list(Reminder.objects.filter(user=actor, read_at__isnull=True)
                  .annotate(total=Window(Count("pk")))
                  .values_list("text", "month", "item__responsibility_list_id", "total")[:ROWS])
    rows = [{"title": text, "meta": month, "url": reverse("outreach:list_detail", args=[lst])}
            for text, month, lst, _total in unread]
    return {"title": _("Lagging responsibility-list items"),
            "count": unread[0][3] if unread else 0,
            "rows": rows, "url": reverse("outreach:lists"),
            "empty": _("No lagging item: well done.")}
