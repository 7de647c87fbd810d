"""Which Fazhi roles edit the portal, and in which Wagtail group.

- Editors (门户编辑) draft pages and submit them for review: sub-district staff and admins.
- Reviewers (门户审核) approve and publish (Wagtail's moderation workflow on the whole site):
  leaders and sub-district admins.
- Everybody else (community workers, mediators, lawyers, and the 三员 administrators, whose
  work is the platform itself) has no access to the editor.

The role is the only source: a user's portal groups follow it on each request to the editor
(``EditorGroupsMiddleware``), so a role change in accounts takes effect at the next click.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from fazhi.core.roles import Role

EDITORS = "门户编辑"
REVIEWERS = "门户审核"
PORTAL_GROUPS = (EDITORS, REVIEWERS)

GROUPS_OF_ROLE: dict[str, frozenset[str]] = {
    Role.STREET_ADMIN: frozenset({EDITORS, REVIEWERS}),
    Role.STREET_STAFF: frozenset({EDITORS}),
    Role.LEADER: frozenset({REVIEWERS}),
}


def portal_groups_of(user: Any) -> frozenset[str]:
    if not user.is_active:
        return frozenset()
    return GROUPS_OF_ROLE.get(user.role, frozenset())


@transaction.atomic
def editor_groups_sync(*, user: Any) -> bool:
    """Give ``user`` exactly the portal groups of their role; True when something changed.
    Groups that are not the portal's are left alone."""
    wanted = portal_groups_of(user)
    held = set(user.groups.filter(name__in=PORTAL_GROUPS).values_list("name", flat=True))
    if held == wanted:
        return False
    user.groups.remove(*Group.objects.filter(name__in=held - wanted))
    user.groups.add(*Group.objects.filter(name__in=wanted - held))
    return True
