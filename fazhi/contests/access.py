"""Who may do what with contests. Participants are anonymous (a verified mobile's keyed hash);
staff rights follow the role:

- the sub-district (administrator, staff) sets contests and rounds up and reads everything:
  the leaderboard with masked mobiles, participation, the suspicious log, the export;
- the leader reads the same (street-wide, read-only);
- every other role, and the administration roles, nothing here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.roles import ADMINISTRATION_ROLES, Role

ORGANISERS = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})
READERS = ORGANISERS | {Role.LEADER}


def _staff(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and actor.role not in ADMINISTRATION_ROLES


def may_organise(actor: Any) -> bool:
    return _staff(actor) and actor.role in ORGANISERS


def may_read(actor: Any) -> bool:
    return _staff(actor) and actor.role in READERS


def require_organiser(actor: Any) -> None:
    if not may_organise(actor):
        raise PermissionDenied


def require_contest_reader(actor: Any) -> None:
    if not may_read(actor):
        raise PermissionDenied
