"""Scoped reads of the organisation. A community worker sees their own community only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from fazhi.core.roles import ADMINISTRATION_ROLES, STREET_WIDE_ROLES

from .models import Region


def community_choices() -> list[tuple[str, str]]:
    return [
        (str(pk), name)
        for pk, name in Region.objects.filter(level=Region.Level.COMMUNITY)
        .order_by("name").values_list("pk", "name")
    ]


def community_scope(actor: Any, field: str = "community") -> Q:
    """A filter limiting rows to what the actor may see: everything for street-wide roles,
    their own community (plus rows tied to no community) for everyone else."""
    if actor.role in ADMINISTRATION_ROLES:
        raise PermissionDenied
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    if actor.community_id is None:
        return Q(**{f"{field}__isnull": True})
    return Q(**{f"{field}_id": actor.community_id}) | Q(**{f"{field}__isnull": True})


def communities_for(*, actor: Any) -> QuerySet[Region]:
    regions = Region.objects.filter(level=Region.Level.COMMUNITY)
    if actor.role in STREET_WIDE_ROLES:
        return regions
    return regions.filter(pk=actor.community_id)


def work_for(actor: Any) -> dict[str, Any] | None:
    """The organisation's contribution to the staff home: agreements ending within 60 days."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .models import Agreement

    today = timezone.localdate()
    soon = (
        Agreement.objects.filter(ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=60))
        .filter(community_scope(actor, "region") | Q(region__level=Region.Level.SUBDISTRICT))
        .order_by("ends_on")
    )
    rows = [
        {"title": a.title, "meta": _("ends %(date)s") % {"date": a.ends_on.isoformat()},
         "url": reverse("org:agreement_detail", args=[a.pk])}
        for a in soon[:5]
    ]
    return {
        "title": _("Agreements ending within 60 days"),
        "count": soon.count(),
        "rows": rows,
        "url": reverse("org:agreements"),
        "empty": _("No agreement ends in the next 60 days."),
    }
