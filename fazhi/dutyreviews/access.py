"""Who may do what with duty reviews. Residents who rate are anonymous (a verified mobile's
keyed hash); staff rights follow the role and the review:

- sub-district admin and staff set reviews up and read every unit's score;
- the leader reads every unit's score (read-only);
- a member of a reviewed unit (a writer whose account names the unit) marks the *other* units
  for their unit and reads their own unit's score and figures;
- a panel member (any staff account named on the review) enters their own marks;
- every other role, and the administration roles, nothing here.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.roles import ADMINISTRATION_ROLES, Role

MANAGERS = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})
SCORE_READERS = MANAGERS | {Role.LEADER}


def is_staff_account(actor: Any) -> bool:
    return (bool(getattr(actor, "is_authenticated", False))
            and getattr(actor, "role", None) not in ADMINISTRATION_ROLES)


def may_manage(actor: Any) -> bool:
    return is_staff_account(actor) and actor.role in MANAGERS


def reads_every_score(actor: Any) -> bool:
    return is_staff_account(actor) and actor.role in SCORE_READERS


def member_unit_of(actor: Any, unit_ids: set[int]) -> int | None:
    """The reviewed unit the actor marks for (their own), or None."""
    if not is_staff_account(actor) or not getattr(actor, "can_write", False):
        return None
    unit_id = getattr(actor, "unit_id", None)
    return unit_id if unit_id in unit_ids else None
