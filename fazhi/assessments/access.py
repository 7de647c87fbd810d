"""Who may do what in the model-community assessment.

- Reading: signed-in record readers (core.roles.require_reader); street-wide roles read every
  community's assessments, everyone else only their own community's (org.community_scope).
- The indicator tree and the cycles: the sub-district administrator.
- A self-assessment: the community workers of that community.
- Review, returning items and concluding: the sub-district administrator and staff.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from fazhi.core.roles import Role, require_reader
from fazhi.org.selectors import community_scope

TREE_EDITORS = frozenset({Role.STREET_ADMIN})
REVIEWERS = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF})


def assessment_scope(actor: Any, prefix: str = "") -> Q:
    """Assessments the actor may read (an assessment always has a community)."""
    p = f"{prefix}__" if prefix else ""
    scope = community_scope(actor, f"{p}community")
    return scope & Q(**{f"{p}community__isnull": False})


def is_tree_editor(actor: Any) -> bool:
    return getattr(actor, "is_authenticated", False) and actor.role in TREE_EDITORS


def is_reviewer(actor: Any) -> bool:
    return getattr(actor, "is_authenticated", False) and actor.role in REVIEWERS


def may_self_assess(actor: Any, community_id: int | None) -> bool:
    return (getattr(actor, "is_authenticated", False)
            and actor.role == Role.COMMUNITY_WORKER and community_id is not None
            and actor.community_id == community_id)


def require_tree_editor(actor: Any) -> None:
    require_reader(actor)
    if not is_tree_editor(actor):
        raise PermissionDenied


def require_reviewer(actor: Any) -> None:
    require_reader(actor)
    if not is_reviewer(actor):
        raise PermissionDenied


def require_self_assessor(actor: Any, community_id: int | None) -> None:
    require_reader(actor)
    if not may_self_assess(actor, community_id):
        raise PermissionDenied
