"""What the staff home shows: the actor's own work queue, gathered from each capability.

Each app contributes a section through a function ``work_for(actor) -> dict | None`` that
returns data only (counts, rows of values); the app's ``<app>/_work.html`` words it and links
it. The home lists them in order, with the actor's unread notifications.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.roles import Role
from fazhi.inbox.selectors import unread_count_for


def _sections(actor: Any) -> list[tuple[str, dict[str, Any]]]:
    sections = []
    for app, provider in _providers():
        section = provider(actor)
        if section is not None:
            sections.append((app, section))
    return sections


def _providers() -> list:
    from fazhi.cases.selectors import work_for as cases_work
    from fazhi.org.selectors import work_for as org_work
    from fazhi.outreach.selectors.work import work_for as outreach_work
    from fazhi.voting.selectors import work_for as voting_work

    return [("cases", cases_work), ("org", org_work), ("outreach", outreach_work),
            ("voting", voting_work)]


def home_for(*, actor: Any) -> dict[str, Any]:
    """``administration``: the role's kind when it has no queue ("audit", "accounts")."""
    if actor.role == Role.AUDITOR:
        return {"sections": [], "administration": "audit", "unread": 0}
    if actor.role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        return {"sections": [], "administration": "accounts", "unread": 0}
    sections = _sections(actor)
    # Casework counts the unread along with its queues (one round trip); else count here.
    unread = next((data["unread"] for app, data in sections if app == "cases"), None)
    return {"sections": sections, "administration": "",
            "unread": unread_count_for(actor) if unread is None else unread}
