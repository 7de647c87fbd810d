"""Who may read and who may change organisation records (used by services and selectors).

- Street-wide roles (sub-district admin, staff, leader) read everything; community roles read
  their own community's rows plus the street-level rows that belong to no community.
- Administration roles (system, security, audit) do not read organisation records at all.
- Writers change rows of their scope only: a community worker may register the people of their
  community but not edit the justice office; the leader never writes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from fazhi.core.roles import STREET_WIDE_ROLES, Role, require_reader

from .models import Region

STREET_LEVELS = (Region.Level.DISTRICT, Region.Level.SUBDISTRICT)
# Roles that maintain the organisation itself (regions, street-level units and agreements).
STREET_WRITERS = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})


def region_scope(actor: Any, prefix: str = "region") -> Q:
    """Rows tied to a region (a unit's seat, an agreement's region, a region itself when
    ``prefix`` is empty) that the actor may read."""
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    p = f"{prefix}__" if prefix else ""
    street = Q(**{f"{p}level__in": STREET_LEVELS})
    if actor.community_id is None:
        return street
    own = Q(**{f"{p}pk": actor.community_id}) | Q(**{f"{p}parent_id": actor.community_id})
    return street | own


def may_edit(actor: Any, community_id: int | None) -> bool:
    """May the actor change a row that belongs to ``community_id`` (None: street level)?"""
    if not getattr(actor, "can_write", False):
        return False
    if actor.role in STREET_WRITERS:
        return True
    return community_id is not None and community_id == actor.community_id


def require_edit(actor: Any, community_id: int | None) -> None:
    require_reader(actor)
    if not may_edit(actor, community_id):
        raise PermissionDenied
