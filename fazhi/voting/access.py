"""Who may do what with voting. Voters are anonymous (known by a verified mobile's keyed hash);
staff rights follow the role:

- sub-district admin and staff set campaigns up, review held votes and read results;
- the leader reads results (read-only);
- a campaign's jury members (any signed-in staff account named on it) enter their own marks;
- every other role, and the administration roles, nothing here.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.roles import ADMINISTRATION_ROLES, Role

MANAGERS = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})
RESULT_READERS = MANAGERS | {Role.LEADER}


def _staff(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and actor.role not in ADMINISTRATION_ROLES


def may_manage(actor: Any) -> bool:
    """Set campaigns up and review held votes."""
    return _staff(actor) and actor.role in MANAGERS


def may_read_results(actor: Any) -> bool:
    return _staff(actor) and actor.role in RESULT_READERS


def is_juror(actor: Any, campaign: Any) -> bool:
    return _staff(actor) and campaign.jurors.filter(pk=actor.pk).exists()
