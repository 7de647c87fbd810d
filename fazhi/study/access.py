"""Who reads whose study credit and who runs the study.

- The sub-district (administrator, staff) runs it: materials, each year's rule, every unit's
  rates (the exams' organisers: one rule, ``fazhi.exams.selectors.is_organiser``).
- A leader reads every unit's rates and every cadre's score (street-wide, read-only).
- A unit's organiser (a community worker with a unit, as in exams) reads their unit's rates
  and its cadres' credit and scores.
- Every cadre reads their own credit and score; nobody else's.
- Administration roles and anonymous visitors read none (``require_reader``).
- The weekly 学法半小时 records are outreach's study sessions, read and written under
  outreach's rules (``fazhi.outreach.selectors.study``, ``fazhi.outreach.services.study``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from fazhi.core.roles import STREET_WIDE_ROLES, require_reader
from fazhi.exams.selectors import is_organiser, is_unit_staff

__all__ = ["credit_scope", "is_organiser", "require_organiser", "unit_scope"]


def require_organiser(actor: Any) -> None:
    if not is_organiser(actor):
        raise PermissionDenied


def credit_scope(actor: Any) -> Q:
    """The people (users) whose credit and score ``actor`` may read."""
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    if is_unit_staff(actor):
        return Q(pk=actor.pk) | Q(unit_id=actor.unit_id)
    return Q(pk=actor.pk)


def unit_scope(actor: Any) -> Q:
    """The units whose rates ``actor`` may read; a cadre without a unit role reads none."""
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    if is_unit_staff(actor):
        return Q(pk=actor.unit_id)
    raise PermissionDenied
