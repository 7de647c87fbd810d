"""The roles of Fazhi and what each may see. A leaf: every app may import it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STREET_ADMIN = "street_admin", _("Sub-district administrator")
    STREET_STAFF = "street_staff", _("Sub-district staff")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    MEDIATOR = "mediator", _("Mediator")
    LAWYER = "lawyer", _("Resident lawyer")
    LEADER = "leader", _("Leader (read-only)")
    AUDITOR = "auditor", _("Audit administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")


# Roles that must log in with a second factor (等保 2.0: administrators).
SECOND_FACTOR_ROLES = frozenset(
    {Role.STREET_ADMIN, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}
)
# Roles that read records of every community.
STREET_WIDE_ROLES = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF, Role.LEADER})
# Roles that may change organisation and casework records.
WRITER_ROLES = frozenset(
    {Role.STREET_ADMIN, Role.STREET_STAFF, Role.COMMUNITY_WORKER, Role.MEDIATOR, Role.LAWYER}
)
# Roles that may see personal data unmasked (always audited).
UNMASK_ROLES = frozenset({Role.STREET_ADMIN, Role.STREET_STAFF, Role.COMMUNITY_WORKER})
# Roles whose work is the platform itself, not its records.
ADMINISTRATION_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR})
# Roles that see the records of the justice office (community correction, etc.).
JUSTICE_ROLES = frozenset({Role.STREET_ADMIN, Role.LEADER})


def require_reader(actor: Any) -> None:
    """Records (cases, organisation, outreach, ...) are read by signed-in roles other than the
    administration roles; everyone else is refused here, before any scope is computed."""
    if not getattr(actor, "is_authenticated", False) or actor.role in ADMINISTRATION_ROLES:
        raise PermissionDenied
