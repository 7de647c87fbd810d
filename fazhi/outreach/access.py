"""Who may read and change law-popularisation records (used by services and selectors).

- Street-wide roles read everything; a community worker reads the activities of their community
  and the street-wide ones; a member of a unit reads its unit's lists and activities.
- Study records of people under community correction are read only by justice-office roles
  (``user.sees_justice_records``): never on community or public pages or feeds.
- The sub-district (administrator, staff) reviews lists; a unit's own writers and the
  sub-district edit them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fazhi.core.roles import STREET_WIDE_ROLES, Role, require_reader
from fazhi.org.selectors import community_scope

from .models import Activity, ResponsibilityList

REVIEWER_ROLES = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})


def is_reviewer(actor: Any) -> bool:
    return getattr(actor, "role", None) in REVIEWER_ROLES


def may_review_list(actor: Any, lst: ResponsibilityList) -> bool:
    """The sub-district reviews and supervises a list, never the unit itself."""
    return is_reviewer(actor) and actor.unit_id != lst.unit_id


def list_scope(actor: Any) -> Q:
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    if actor.unit_id:
        return Q(unit_id=actor.unit_id)
    return Q(pk__in=[])


def may_edit_list(actor: Any, lst: ResponsibilityList) -> bool:
    if not getattr(actor, "can_write", False):
        return False
    return is_reviewer(actor) or (actor.unit_id is not None and actor.unit_id == lst.unit_id)


def activity_scope(actor: Any, prefix: str = "") -> Q:
    require_reader(actor)
    p = f"{prefix}__" if prefix else ""
    scope = community_scope(actor, f"{p}community")
    if actor.unit_id and actor.role not in STREET_WIDE_ROLES:
        scope |= Q(**{f"{p}unit_id": actor.unit_id})
    if not actor.sees_justice_records:
        scope &= ~Q(**{f"{p}kind__in": Activity.RESTRICTED_KINDS})
    return scope


def may_see_activity(actor: Any, activity: Activity) -> bool:
    return not activity.restricted or bool(getattr(actor, "sees_justice_records", False))


def may_edit_activity(actor: Any, activity: Activity) -> bool:
    if not getattr(actor, "can_write", False) or not may_see_activity(actor, activity):
        return False
    if actor.role in REVIEWER_ROLES:
        return True
    if activity.unit_id and actor.unit_id == activity.unit_id:
        return True
    return activity.community_id is not None and activity.community_id == actor.community_id


def may_create_activity(actor: Any, *, kind: str, community_id: int | None,
                        unit_id: int | None) -> bool:
    probe = Activity(kind=kind, community_id=community_id, unit_id=unit_id)
    return may_edit_activity(actor, probe)
