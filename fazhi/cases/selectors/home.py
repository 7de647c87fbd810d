"""The casework section of the staff home.

Cheap on purpose (the home is every staff member's first page): one aggregate for the queue
counts, five rows fetched as plain values (no model instances, no joins), and the unread
count shared with the navigation's badge (see ``unread_count_for``).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.roles import ADMINISTRATION_ROLES

from ..access import APPROVER_ROLES
from ..models import State
from .cases import SOON, case_list_for, queue_counts
from .notifications import unread_count_for

ROWS = 5


def work_for(actor: Any) -> dict[str, Any] | None:
    if actor.role in ADMINISTRATION_ROLES:
        return None
    fallback = "community" if actor.community_id else "unassigned"
    approver = actor.role in APPROVER_ROLES
    counts = queue_counts(actor=actor, only=("mine", fallback, "due_soon", "overdue",
                                             *(("extension_pending",) if approver else ())))
    queue = "mine" if counts["mine"] else fallback
    now = timezone.now()
    states = dict(State.choices)
    found = (case_list_for(actor=actor, queue=queue).order_by("due_at", "-id")
             .values_list("pk", "number", "title", "state", "due_at")[:ROWS])
    rows = []
    for pk, number, title, state, due_at in found:
        meta = str(states.get(state, state))
        if due_at and due_at < now:
            meta = _("overdue") + " · " + meta
        elif due_at and due_at <= now + SOON:
            meta = _("due soon") + " · " + meta
        rows.append({"title": f"{number} {title}", "meta": meta,
                     "url": reverse("cases:detail", args=[pk])})
    unread = unread_count_for(actor)
    if unread:
        rows.insert(0, {"title": _("%(n)d unread notifications") % {"n": unread},
                        "meta": _("deadline reminders, assignments, supervision"),
                        "url": reverse("cases:notifications") + "?show=unread"})
    if counts.get("extension_pending"):
        rows.insert(0, {"title": _("%(n)d deadline extensions await your approval")
                        % {"n": counts["extension_pending"]},
                        "meta": _("approve or refuse on the case page"),
                        "url": reverse("cases:extensions")})
    title = {"mine": _("My cases"), "community": _("My community's cases"),
             "unassigned": _("Unassigned cases")}[queue]
    return {
        "title": _("%(title)s (due soon %(soon)d, overdue %(late)d)")
        % {"title": title, "soon": counts["due_soon"], "late": counts["overdue"]},
        "count": counts[queue],
        "rows": rows,
        "url": reverse("cases:list") + f"?queue={queue}",
        "empty": _("No open case waits for you."),
    }
