"""Who may run exams and whose papers one may read (used by services and selectors).

- The sub-district (administrator, staff) runs banks, imports questions, sets and publishes
  exams, and reads every paper and rate.
- A leader reads every paper and rate (street-wide, read-only).
- A community worker with a unit is that unit's exam staff: they read their unit's papers and
  rates and get the reminders when the unit lags.
- Every candidate reads their own papers; nobody else's.
- Administration roles (system, security, audit) and anonymous visitors read none.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from fazhi.core.roles import STREET_WIDE_ROLES, Role, require_reader

ORGANISER_ROLES = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})


def is_organiser(actor: Any) -> bool:
    return getattr(actor, "is_authenticated", False) and actor.role in ORGANISER_ROLES


def require_organiser(actor: Any) -> None:
    if not is_organiser(actor):
        raise PermissionDenied


def is_unit_staff(actor: Any) -> bool:
    return actor.role == Role.COMMUNITY_WORKER and actor.unit_id is not None


def attempt_scope(actor: Any, prefix: str = "") -> Q:
    """The papers ``actor`` may read (``prefix`` reaches the attempt from another model)."""
    require_reader(actor)
    p = f"{prefix}__" if prefix else ""
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    scope = Q(**{f"{p}user_id": actor.pk})
    if is_unit_staff(actor):
        scope |= Q(**{f"{p}enrolment__unit_id": actor.unit_id})
    return scope


def enrolment_scope(actor: Any) -> Q:
    """The enrolments (rates) ``actor`` may read."""
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    if is_unit_staff(actor):
        return Q(unit_id=actor.unit_id)
    return Q(user_id=actor.pk)
