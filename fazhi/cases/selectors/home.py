"""The casework section of the staff home (``cases/_work.html`` words it).

Cheap on purpose (the home is every staff member's first page): one aggregate for the queue
counts, five rows fetched as plain values (no model instances, no joins).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fazhi.core.roles import ADMINISTRATION_ROLES

from ..access import APPROVER_ROLES
from ..models import State
from .cases import SOON, case_list_for, queue_counts

ROWS = 5


def work_for(actor: Any) -> dict[str, Any] | None:
    """The queue the actor works first (their own, else their community's or the unassigned),
    its counts, and its five most urgent cases; approvers also get the pending extensions."""
    if actor.role in ADMINISTRATION_ROLES:
        return None
    fallback = "community" if actor.community_id else "unassigned"
    approver = actor.role in APPROVER_ROLES
    counts = queue_counts(actor=actor, only=("mine", fallback, "due_soon", "overdue", "unread",
                                             *(("extension_pending",) if approver else ())))
    queue = "mine" if counts["mine"] else fallback
    now = timezone.now()
    found = (case_list_for(actor=actor, queue=queue).order_by("due_at", "-id")
             .values_list("pk", "number", "title", "state", "due_at")[:ROWS])
    rows = [{"pk": pk, "number": number, "title": title, "state": State(state).label,
             "due": ("overdue" if due_at and due_at < now
                     else "soon" if due_at and due_at <= now + SOON else "")}
            for pk, number, title, state, due_at in found]
    return {"queue": queue, "count": counts[queue], "due_soon": counts["due_soon"],
            "overdue": counts["overdue"],
            "extension_pending": counts.get("extension_pending", 0), "rows": rows,
            # the home's unread line and badge, counted in the same round trip
            "unread": counts["unread"]}
