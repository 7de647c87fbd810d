"""Writes of people (with encrypted, hashed and masked personal data) and duty slots."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.crypto import decrypt
from fazhi.core.identity import (
    normalise_id_number,
    normalise_mobile,
    validate_id_number,
    validate_mobile,
)
from fazhi.core.personal import sealed_id_number, sealed_mobile

from ..access import region_scope, require_edit, require_reader
from ..models import DutySlot, Person, Region, Unit
from ..selectors import community_scope
from .records import DuplicatePerson, _locked, _save, _snapshot, require_visible

# --- people ------------------------------------------------------------------------------------
_PERSON_FIELDS = ["name", "kind", "unit_id", "community_id", "title", "certificate_no", "note",
                  "active"]


def _apply_person(actor: Any, person: Person, data: dict[str, Any]) -> None:
    require_visible(Unit.objects.filter(region_scope(actor)), data.get("unit"), "unit")
    errors: dict[str, list[ValidationError]] = {}
    for field in ("name", "kind", "unit", "community", "title", "certificate_no", "note",
                  "active"):
        if field in data:
            value = data[field]
            setattr(person, field, value.strip() if isinstance(value, str) else value)
    if "id_number" in data:
        number = normalise_id_number(data["id_number"])
        try:
            if number:
                validate_id_number(number)
        except ValidationError as exc:
            errors["id_number"] = exc.error_list
        else:
            for column, value in sealed_id_number(number).items():
                setattr(person, column, value)
    if "mobile" in data:
        mobile = normalise_mobile(data["mobile"])
        try:
            if mobile:
                validate_mobile(mobile)
        except ValidationError as exc:
            errors["mobile"] = exc.error_list
        else:
            for column, value in sealed_mobile(mobile).items():
                setattr(person, column, value)
    if errors:
        raise ValidationError(errors)
    if person.id_hash:
        twin = Person.objects.filter(id_hash=person.id_hash).exclude(pk=person.pk).first()
        if twin is not None:
            raise DuplicatePerson(twin)


def person_secret_columns(*, id_number: str = "", mobile: str = "") -> dict[str, str]:
    """The stored columns of already-validated personal data (used by bulk loaders)."""
    number, phone = normalise_id_number(id_number), normalise_mobile(mobile)
    return {**sealed_id_number(number), **sealed_mobile(phone)}


def _person_snapshot(person: Person) -> dict[str, Any]:
    snap = _snapshot(person, _PERSON_FIELDS)
    snap["id_number"] = person.id_hash  # redacted in the log: only "[changed]" is kept
    snap["mobile"] = person.mobile_hash
    return snap


@transaction.atomic
def person_create(*, actor: Any, ip: str = "", **data: Any) -> Person:
    community = data.get("community")
    require_edit(actor, community.pk if community else None)
    person = Person()
    _apply_person(actor, person, data)
    _save(person)
    audit_record(actor=actor, action="create", obj=person, ip=ip,
                 changes=changed_fields({}, _person_snapshot(person)))
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, expected_version: int, ip: str = "",
                  **data: Any) -> Person:
    require_edit(actor, person.community_id)
    person = _locked(Person, person.pk, expected_version)
    before = _person_snapshot(person)
    _apply_person(actor, person, data)
    require_edit(actor, person.community_id)
    person.version += 1
    _save(person)
    audit_record(actor=actor, action="update", obj=person, ip=ip,
                 changes=changed_fields(before, _person_snapshot(person)))
    return person


UNMASKABLE = {"id_number": "id_enc", "mobile": "mobile_enc"}


def person_unmask(*, actor: Any, person: Person, field: str, ip: str = "") -> str:
    """The full value of a personal-data field, for roles that may see it; always audited,
    refusals too (so no transaction here: the refusal's record must survive the 403)."""
    require_reader(actor)
    require_visible(Person.objects.filter(community_scope(actor)), person)
    if field not in UNMASKABLE:
        raise ValidationError({"field": [_("Unknown field.")]})
    if not actor.can_unmask:
        audit_record(actor=actor, action="unmask", obj=person, detail=field, ip=ip,
                     success=False)
        raise PermissionDenied
    audit_record(actor=actor, action="unmask", obj=person, detail=field, ip=ip)
    return decrypt(getattr(person, UNMASKABLE[field]))


def person_viewed(*, actor: Any, person: Person, ip: str = "") -> None:
    """Opening a person's record shows personal data (masked): the view is audited."""
    require_visible(Person.objects.filter(community_scope(actor)), person)
    audit_record(actor=actor, action="view", obj=person, ip=ip)


def people_export(*, actor: Any, count: int, fmt: str, query: str, ip: str = "") -> None:
    require_reader(actor)
    audit_record(actor=actor, action="export", object_type="org.person",
                 object_repr=f"people {fmt} ({count})", detail=query[:300], ip=ip)


# --- duty slots --------------------------------------------------------------------------------
@transaction.atomic
def duty_slot_create(*, actor: Any, person: Person, community: Region, weekday: int,
                     start: dt.time, end: dt.time, ip: str = "") -> DutySlot:
    require_edit(actor, community.pk)
    require_visible(Person.objects.filter(community_scope(actor)), person, "person")
    if end <= start:
        raise ValidationError({"end": [_("The end time must be after the start time.")]})
    clash = DutySlot.objects.filter(person=person, weekday=weekday, start__lt=end, end__gt=start)
    if clash.exists():
        raise ValidationError({"start": [_("This overlaps another duty slot of this person.")]})
    slot = DutySlot(person=person, community=community, weekday=weekday, start=start, end=end)
    _save(slot)
    audit_record(actor=actor, action="create", obj=slot, ip=ip,
                 changes={"weekday": weekday, "start": start.isoformat(), "end": end.isoformat(),
                          "community_id": community.pk})
    return slot


@transaction.atomic
def duty_slot_delete(*, actor: Any, slot: DutySlot, ip: str = "") -> None:
    require_edit(actor, slot.community_id)
    audit_record(actor=actor, action="delete", obj=slot, ip=ip)
    slot.delete()
