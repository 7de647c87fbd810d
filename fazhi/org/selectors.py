"""Scoped reads of the organisation. A community worker sees their own community (plus the
street-level rows that belong to no community); street-wide roles see everything;
administration roles see nothing (403). Getters answer 404 outside the actor's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Window
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fazhi.core.crypto import lookup_hash
from fazhi.core.identity import normalise_id_number, normalise_mobile
from fazhi.core.roles import ADMINISTRATION_ROLES, STREET_WIDE_ROLES, require_reader

from .access import may_edit, region_scope
from .models import Agreement, DutySlot, Person, Region, Unit

ENDING_SOON_DAYS = 60


def communities_for(*, actor: Any = None) -> QuerySet[Region]:
    """The communities by name: those ``actor`` works in (every one for street-wide roles), or
    every one when no actor is named (the public forms, account administration, list filters).
    Every community list and choice of the platform is read here."""
    regions = Region.objects.filter(level=Region.Level.COMMUNITY).order_by("name", "pk")
    if actor is None or actor.role in STREET_WIDE_ROLES:
        return regions
    return regions.filter(pk=actor.community_id)


def community_choices(*, actor: Any = None) -> list[tuple[str, str]]:
    """``communities_for`` as (id, name) choices for a form."""
    return [(str(pk), name) for pk, name in communities_for(actor=actor).values_list("pk", "name")]


def community_scope(actor: Any, field: str = "community") -> Q:
    """A filter limiting rows to what the actor may see: everything for street-wide roles,
    their own community (plus rows tied to no community) for everyone else."""
    require_reader(actor)
    if actor.role in STREET_WIDE_ROLES:
        return Q()
    if actor.community_id is None:
        return Q(**{f"{field}__isnull": True})
    return Q(**{f"{field}_id": actor.community_id}) | Q(**{f"{field}__isnull": True})


def work_for(actor: Any) -> dict[str, Any] | None:
    """The organisation's contribution to the staff home (``org/_work.html`` words it):
    agreements ending within 60 days.

    One query: five rows as plain values, each carrying the total as a window count.
    """
    if actor.role in ADMINISTRATION_ROLES:
        return None
    today = timezone.localdate()
    found = list(
        Agreement.objects.filter(region_scope(actor), ends_on__gte=today,
                                 ends_on__lte=today + dt.timedelta(days=ENDING_SOON_DAYS))
        .annotate(total=Window(Count("pk"))).order_by("ends_on", "id")
        .values_list("pk", "title", "ends_on", "total")[:5])
    rows = [{"pk": pk, "title": title, "ends_on": ends_on}
            for pk, title, ends_on, _total in found]
    return {"count": found[0][3] if found else 0, "rows": rows}


# --- regions -----------------------------------------------------------------------------------
def region_list_for(*, actor: Any, level: str = "", q: str = "") -> QuerySet[Region]:
    regions = (Region.objects.filter(region_scope(actor, prefix=""))
               .select_related("parent").annotate(unit_count=Count("units", distinct=True)))
    if level:
        regions = regions.filter(level=level)
    if q:
        regions = regions.filter(name__icontains=q.strip())
    return regions.order_by("level", "parent__name", "name")


def region_get_for(*, actor: Any, pk: int) -> Region:
    return get_object_or_404(Region.objects.filter(region_scope(actor, prefix=""))
                             .select_related("parent"), pk=pk)


def region_choices(*, actor: Any, levels: tuple[str, ...] = (),
                   editable: bool = False) -> QuerySet[Region]:
    """Regions to offer in a form; ``editable`` keeps those the actor may file records under."""
    regions = Region.objects.filter(region_scope(actor, prefix=""))
    if editable and not may_edit(actor, None):
        # A reader files nothing; a community writer files under their community and its
        # grids (never `parent_id=None`, the district, for someone without a community).
        if not getattr(actor, "can_write", False) or actor.community_id is None:
            return Region.objects.none()
        regions = regions.filter(Q(pk=actor.community_id) | Q(parent_id=actor.community_id))
    if levels:
        regions = regions.filter(level__in=levels)
    return regions.select_related("parent").order_by("level", "name")


# --- units -------------------------------------------------------------------------------------
def unit_list_for(*, actor: Any, kind: str = "", region: int | None = None,
                  q: str = "") -> QuerySet[Unit]:
    units = Unit.objects.filter(region_scope(actor)).select_related("region")
    if kind:
        units = units.filter(kind=kind)
    if region:
        units = units.filter(Q(region_id=region) | Q(region__parent_id=region))
    if q:
        units = units.filter(name__icontains=q.strip())
    return units.order_by("kind", "name", "id")


def unit_get_for(*, actor: Any, pk: int) -> Unit:
    return get_object_or_404(Unit.objects.filter(region_scope(actor)).select_related("region"),
                             pk=pk)


def unit_choices(*, actor: Any, kind: str = "") -> QuerySet[Unit]:
    units = Unit.objects.filter(region_scope(actor)).only("id", "name", "kind")
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("name")


# --- people ------------------------------------------------------------------------------------
def _person_search(people: QuerySet[Person], q: str) -> QuerySet[Person]:
    """Name contains q; an ID number or a mobile number is matched exactly by its keyed hash."""
    q = q.strip()
    number = normalise_id_number(q)
    if len(number) in (15, 18) and number[:-1].isdigit():
        return people.filter(id_hash=lookup_hash(number))
    mobile = normalise_mobile(q)
    if len(mobile) == 11 and mobile.isdigit():
        return people.filter(mobile_hash=lookup_hash(mobile))
    return people.filter(name__icontains=q)


def person_list_for(*, actor: Any, kind: str = "", community: int | None = None,
                    unit: int | None = None, q: str = "",
                    active: bool | None = None) -> QuerySet[Person]:
    people = Person.objects.filter(community_scope(actor)).select_related("unit", "community")
    if kind:
        people = people.filter(kind=kind)
    if community:
        people = people.filter(community_id=community)
    if unit:
        people = people.filter(unit_id=unit)
    if active is not None:
        people = people.filter(active=active)
    if q:
        people = _person_search(people, q)
    return people.defer("id_enc", "mobile_enc", "note").order_by("name", "id")


def person_get_for(*, actor: Any, pk: int) -> Person:
    slots = DutySlot.objects.select_related("community").order_by("weekday", "start")
    return get_object_or_404(
        Person.objects.filter(community_scope(actor)).select_related("unit", "community")
        .prefetch_related(Prefetch("duty_slots", queryset=slots)), pk=pk)


def duty_slot_get_for(*, actor: Any, pk: int) -> DutySlot:
    return get_object_or_404(DutySlot.objects.filter(community_scope(actor, "person__community"))
                             .select_related("person"), pk=pk)


# --- agreements --------------------------------------------------------------------------------
def agreement_list_for(*, actor: Any, kind: str = "", q: str = "", ending_within: int | None = None,
                       unit: int | None = None, today: dt.date | None = None,
                       in_force_since: dt.date | None = None,
                       in_force_until: dt.date | None = None, region: int | None = None
                       ) -> QuerySet[Agreement]:
    agreements = (Agreement.objects.filter(region_scope(actor)).select_related("region")
                  .prefetch_related(Prefetch("parties", queryset=Unit.objects.only("id", "name"))))
    if kind:
        agreements = agreements.filter(kind=kind)
    if q:
        agreements = agreements.filter(title__icontains=q.strip())
    if unit:
        agreements = agreements.filter(parties=unit)
    if in_force_since:
        agreements = agreements.filter(ends_on__gte=in_force_since)
    if in_force_until:
        agreements = agreements.filter(starts_on__lte=in_force_until)
    if region:
        agreements = agreements.filter(region_id=region)
    if ending_within is not None:
        today = today or timezone.localdate()
        agreements = agreements.filter(ends_on__gte=today,
                                       ends_on__lte=today + dt.timedelta(days=ending_within))
        return agreements.order_by("ends_on", "id")
    return agreements.order_by("-signed_on", "id")


def agreement_get_for(*, actor: Any, pk: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.filter(region_scope(actor)).select_related("region")
        .prefetch_related("parties"), pk=pk)


# --- what the actor may do (for showing or hiding buttons) -------------------------------------
def can_edit(*, actor: Any, obj: Region | Unit | Person | Agreement | None = None,
             community_id: int | None = None) -> bool:
    if isinstance(obj, Region):
        return may_edit(actor, None)
    if isinstance(obj, Unit | Agreement):
        community_id = obj.region.community_pk
    elif isinstance(obj, Person):
        community_id = obj.community_id
    return may_edit(actor, community_id)


def may_edit_street(actor: Any) -> bool:
    return may_edit(actor, None)


def mediation_committee_name(region: Region | None) -> str:
    """The people's mediation committee that signs for ``region`` (a community, else the
    sub-district): its unit's name in the register, found up the region tree; failing that,
    the name such a committee bears by law (人民调解法 art. 8): the region's name and
    "人民调解委员会"."""
    place = region
    while place is not None:
        unit = (Unit.objects.filter(region=place, kind=Unit.Kind.MEDIATION_COMMITTEE,
                                    active=True).order_by("pk").values_list("name", flat=True)
                .first())
        if unit:
            return unit
        place = place.parent
    if region is None:
        region = Region.objects.filter(level=Region.Level.SUBDISTRICT).order_by("pk").first()
    return f"{region.name}人民调解委员会" if region is not None else "人民调解委员会"
