"""Who may read and who may change a case (used by services and selectors alike).

- Street-wide roles (sub-district admin, staff, leader) read every case; community roles
  (worker, mediator, lawyer) read their community's cases, cases without a community, and the
  cases they handle or act as agent in. Administration roles read no casework.
- Writers change the cases they may read; the leader only reads.
- A case is taken (handled, or acted for as agent) by an active writer who would read it by
  community: a street-wide writer, one of the case's community, anyone for a case of none
  (``case_takers``). Taking a case grants reading it, so every service that names a handler
  or an agent checks this.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core.roles import STREET_WIDE_ROLES, WRITER_ROLES, Role, require_reader

# Who may approve an extension of a statutory deadline (the head of the body).
APPROVER_ROLES = frozenset({Role.STREET_ADMIN, Role.LEADER})
# Who may supervise (督办) and escalate.
SUPERVISOR_ROLES = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF, Role.LEADER})


def case_scope(actor: Any, prefix: str = "") -> Q:
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    p = f"{prefix}__" if prefix else ""
    from .models import AgencyMode

    acting = AgencyMode.objects.filter(agent_id=actor.pk).values("case_id")
    mine = Q(**{f"{p}handler": actor.pk}) | Q(**{f"{p}pk__in": acting})
    if actor.community_id is None:
        return Q(**{f"{p}community__isnull": True}) | mine
    return (Q(**{f"{p}community": actor.community_id}) | Q(**{f"{p}community__isnull": True})
            | mine)


def may_write(actor: Any) -> bool:
    return bool(getattr(actor, "can_write", False))


def require_writer(actor: Any) -> None:
    require_reader(actor)
    if not may_write(actor):
        raise PermissionDenied


def handlers_q(case: Any) -> Q:
    """The accounts that may take ``case`` as handler or agent: active writers who read it
    without being its handler, i.e. street-wide writers, and community writers of its
    community (any community's for a case without one). The handler picker offers these and
    the assignment services refuse anyone else, whoever calls them."""
    mine = Q(role__in=WRITER_ROLES & STREET_WIDE_ROLES)
    if case.community_id is None:
        mine |= Q(role__in=WRITER_ROLES)
    else:
        mine |= Q(role__in=WRITER_ROLES, community_id=case.community_id)
    return Q(is_active=True) & mine


def may_handle(user: Any, case: Any) -> bool:
    return type(user).objects.filter(handlers_q(case), pk=user.pk).exists()


def require_taker(user: Any, case: Any, field: str) -> None:
    """One refusal, in one wording, for a handler or an agent who may not take the case."""
    if user is not None and not may_handle(user, case):
        raise ValidationError({field: _(
            "This person cannot take this case: choose someone of its community or the "
            "sub-district.")})
