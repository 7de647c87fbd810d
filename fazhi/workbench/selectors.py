"""What the staff home shows: the actor's own work queue, gathered from each capability.

Each app contributes a section through a function ``work_for(actor) -> dict | None``; the home
lists them in order. A section has a title, a count, a few rows and a link to the full queue.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fazhi.core.roles import Role


def _sections(actor: Any) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for provider in _providers():
        section = provider(actor)
        if section is not None:
            sections.append(section)
    return sections


def _providers() -> list:
    from fazhi.cases.selectors import work_for as cases_work
    from fazhi.org.selectors import work_for as org_work
    from fazhi.outreach.selectors.work import work_for as outreach_work
    from fazhi.voting.selectors import work_for as voting_work

    return [cases_work, org_work, outreach_work, voting_work]


def home_for(*, actor: Any) -> dict[str, Any]:
    if actor.role == Role.AUDITOR:
        return {"sections": [], "admin_hint": _("Your role reads the audit log only.")}
    if actor.role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        return {"sections": [], "admin_hint": _("Your role manages accounts and security, not casework.")}
    return {"sections": _sections(actor), "admin_hint": ""}
