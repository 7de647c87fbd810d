"""Law popularisation's section of the staff home."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import is_reviewer
from ..models import Reminder, ResponsibilityList
from .lists import list_list_for


def work_for(actor: Any) -> dict[str, Any] | None:
    if is_reviewer(actor):
        waiting = list_list_for(actor=actor, status=ResponsibilityList.Status.SUBMITTED).exclude(
            unit_id=actor.unit_id or 0)
        rows = [{"title": f"{lst.unit.name} {lst.year}", "meta": _("submitted"),
                 "url": reverse("outreach:list_detail", args=[lst.pk])} for lst in waiting[:5]]
        return {"title": _("Responsibility lists to review"), "count": waiting.count(),
                "rows": rows, "url": reverse("outreach:lists") + "?status=submitted",
                "empty": _("No list is waiting for review.")}
    if not actor.unit_id:
        return None
    unread = Reminder.objects.filter(user=actor, read_at__isnull=True).select_related(
        "item__responsibility_list")
    rows = [{"title": r.text, "meta": r.month,
             "url": reverse("outreach:list_detail", args=[r.item.responsibility_list_id])}
            for r in unread[:5]]
    return {"title": _("Lagging responsibility-list items"), "count": unread.count(),
            "rows": rows, "url": reverse("outreach:lists"),
            "empty": _("No lagging item: well done.")}
