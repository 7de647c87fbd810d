"""Writes of regions and units."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields

from ..access import STREET_WRITERS, require_edit, require_reader
from ..models import Region, Unit
from .records import _check_phone, _locked, _save, _snapshot

# --- regions -----------------------------------------------------------------------------------
_REGION_FIELDS = ["name", "level", "parent_id", "code", "address"]


def _require_street_writer(actor: Any) -> None:
    require_reader(actor)
    if actor.role not in STREET_WRITERS:
        raise PermissionDenied


@transaction.atomic
def region_create(*, actor: Any, name: str, level: str, code: str, parent: Region | None = None,
                  address: str = "", ip: str = "") -> Region:
    _require_street_writer(actor)
    region = Region(name=name.strip(), level=level, code=code.strip(), parent=parent,
                    address=address.strip())
    _save(region)
    audit_record(actor=actor, action="create", obj=region, ip=ip,
                 changes=changed_fields({}, _snapshot(region, _REGION_FIELDS)))
    return region


@transaction.atomic
def region_update(*, actor: Any, region: Region, expected_version: int, ip: str = "",
                  **data: Any) -> Region:
    _require_street_writer(actor)
    region = _locked(Region, region.pk, expected_version)
    before = _snapshot(region, _REGION_FIELDS)
    for field in ("name", "level", "code", "parent", "address"):
        if field in data:
            value = data[field]
            setattr(region, field, value.strip() if isinstance(value, str) else value)
    if region.parent_id == region.pk:
        raise ValidationError({"parent": [_("A region cannot be its own parent.")]})
    region.version += 1
    _save(region)
    audit_record(actor=actor, action="update", obj=region, ip=ip,
                 changes=changed_fields(before, _snapshot(region, _REGION_FIELDS)))
    return region


# --- units -------------------------------------------------------------------------------------
_UNIT_FIELDS = ["name", "kind", "region_id", "address", "contact_name", "contact_phone",
                "is_member_unit", "active"]


def _apply_unit(unit: Unit, data: dict[str, Any]) -> None:
    for field in ("name", "kind", "region", "address", "contact_name", "is_member_unit", "active"):
        if field in data:
            value = data[field]
            setattr(unit, field, value.strip() if isinstance(value, str) else value)
    if "contact_phone" in data:
        unit.contact_phone = _check_phone(data["contact_phone"])


@transaction.atomic
def unit_create(*, actor: Any, region: Region, ip: str = "", **data: Any) -> Unit:
    require_edit(actor, region.community_pk)
    unit = Unit(region=region)
    _apply_unit(unit, data)
    _save(unit)
    audit_record(actor=actor, action="create", obj=unit, ip=ip,
                 changes=changed_fields({}, _snapshot(unit, _UNIT_FIELDS)))
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, expected_version: int, ip: str = "",
                **data: Any) -> Unit:
    require_edit(actor, unit.region.community_pk)
    unit = _locked(Unit, unit.pk, expected_version)
    before = _snapshot(unit, _UNIT_FIELDS)
    _apply_unit(unit, data)
    require_edit(actor, unit.region.community_pk)  # may not move a unit out of one's scope
    unit.version += 1
    _save(unit)
    audit_record(actor=actor, action="update", obj=unit, ip=ip,
                 changes=changed_fields(before, _snapshot(unit, _UNIT_FIELDS)))
    return unit
