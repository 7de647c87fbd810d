"""Every write about the organisation. Each checks the actor, validates, saves and writes its
audit entry in one transaction; updates take ``expected_version`` and refuse stale edits."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.crypto import decrypt, encrypt, lookup_hash
from fazhi.core.identity import (
    normalise_id_number,
    normalise_mobile,
    validate_id_number,
    validate_mobile,
)
from fazhi.core.masking import mask_id_number, mask_mobile

from .access import STREET_WRITERS, require_edit, require_reader
from .models import Agreement, DutySlot, Person, Region, Unit

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,5})?$")


class Conflict(Exception):
    """Someone else saved the record after the actor loaded it."""

    def __init__(self, obj: models.Model) -> None:
        super().__init__("stale version")
        self.obj = obj
        self.current_version = getattr(obj, "version", None)


class DuplicatePerson(ValidationError):
    """A person with this ID number is already registered: point to them, never create a twin."""

    def __init__(self, existing: Person) -> None:
        super().__init__({"id_number": [
            _("A person with this ID number is already registered.")]})
        self.existing_id = existing.pk
        self.existing_name = existing.name


# --- helpers -----------------------------------------------------------------------------------
def _locked(model: type[models.Model], pk: int, expected_version: int) -> Any:
    obj = model._default_manager.select_for_update().get(pk=pk)
    if obj.version != expected_version:  # type: ignore[attr-defined]
        raise Conflict(obj)
    return obj


def _snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.isoformat() if isinstance(value, dt.date | dt.time) else value
    return out


def _save(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:  # a double submit racing past full_clean's unique check
        raise ValidationError(_("This record already exists.")) from exc


def _check_phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    mobile = normalise_mobile(value)
    if mobile.isdigit() and len(mobile) == 11 and mobile.startswith("1"):
        try:
            validate_mobile(mobile)
        except ValidationError as exc:
            raise ValidationError({"contact_phone": exc.messages}) from exc
        return mobile
    if not _LANDLINE.match(value):
        raise ValidationError({"contact_phone": [_(
            "Enter an 11-digit mobile number or a landline such as 027-82812345.")]})
    return value


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


# --- people ------------------------------------------------------------------------------------
_PERSON_FIELDS = ["name", "kind", "unit_id", "community_id", "title", "certificate_no", "note",
                  "active"]


def _apply_person(person: Person, data: dict[str, Any]) -> None:
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
            person.id_enc = encrypt(number)
            person.id_hash = lookup_hash(number)
            person.id_masked = mask_id_number(number)
    if "mobile" in data:
        mobile = normalise_mobile(data["mobile"])
        try:
            if mobile:
                validate_mobile(mobile)
        except ValidationError as exc:
            errors["mobile"] = exc.error_list
        else:
            person.mobile_enc = encrypt(mobile)
            person.mobile_hash = lookup_hash(mobile)
            person.mobile_masked = mask_mobile(mobile)
    if errors:
        raise ValidationError(errors)
    if person.id_hash:
        twin = Person.objects.filter(id_hash=person.id_hash).exclude(pk=person.pk).first()
        if twin is not None:
            raise DuplicatePerson(twin)


def person_secret_columns(*, id_number: str = "", mobile: str = "") -> dict[str, str]:
    """The stored columns of already-validated personal data (used by bulk loaders)."""
    number, phone = normalise_id_number(id_number), normalise_mobile(mobile)
    return {"id_enc": encrypt(number), "id_hash": lookup_hash(number),
            "id_masked": mask_id_number(number), "mobile_enc": encrypt(phone),
            "mobile_hash": lookup_hash(phone), "mobile_masked": mask_mobile(phone)}


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
    _apply_person(person, data)
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
    _apply_person(person, data)
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
    if field not in UNMASKABLE:
        raise ValidationError({"field": [_("Unknown field.")]})
    if not actor.can_unmask:
        audit_record(actor=actor, action="unmask", obj=person, detail=field, ip=ip,
                     success=False)
        raise PermissionDenied
    audit_record(actor=actor, action="unmask", obj=person, detail=field, ip=ip)
    return decrypt(getattr(person, UNMASKABLE[field]))


def people_export_audit(*, actor: Any, count: int, fmt: str, query: str, ip: str = "") -> None:
    require_reader(actor)
    audit_record(actor=actor, action="export", object_type="org.person",
                 object_repr=f"people {fmt} ({count})", detail=query[:300], ip=ip)


# --- duty slots --------------------------------------------------------------------------------
@transaction.atomic
def duty_slot_create(*, actor: Any, person: Person, community: Region, weekday: int,
                     start: dt.time, end: dt.time, ip: str = "") -> DutySlot:
    require_edit(actor, community.pk)
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


# --- agreements --------------------------------------------------------------------------------
_AGREEMENT_FIELDS = ["title", "kind", "region_id", "signed_on", "starts_on", "ends_on", "note",
                     "document"]


def _check_document(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in _DOCUMENT_SIGNATURES:
        raise ValidationError({"document": [_("Upload a PDF, JPG or PNG file.")]})
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"document": [_("The file is larger than 10 MB.")]})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(_DOCUMENT_SIGNATURES[ext]):
        raise ValidationError({"document": [_(
            "The file's content is not a PDF, JPG or PNG document.")]})


def _apply_agreement(agreement: Agreement, data: dict[str, Any]) -> UploadedFile | None:
    """Set the fields; returns the checked upload, stored only once the row is valid."""
    for field in ("title", "kind", "region", "signed_on", "starts_on", "ends_on", "note"):
        if field in data:
            value = data[field]
            setattr(agreement, field, value.strip() if isinstance(value, str) else value)
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": [_(
            "The term cannot end (%(end)s) before it starts (%(start)s).") % {
            "end": agreement.ends_on.isoformat(), "start": agreement.starts_on.isoformat()}]})
    upload = data.get("document")
    if upload:
        _check_document(upload)
        return upload
    return None


def _store(agreement: Agreement, upload: UploadedFile | None) -> None:
    agreement.full_clean(exclude=["document"])
    if upload is not None:
        agreement.document.save(upload.name or "document", upload, save=False)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:
        raise ValidationError(_("This record already exists.")) from exc


@transaction.atomic
def agreement_create(*, actor: Any, region: Region, parties: list[Unit], ip: str = "",
                     **data: Any) -> Agreement:
    require_edit(actor, region.community_pk)
    if not parties:
        raise ValidationError({"parties": [_("Choose at least one party.")]})
    agreement = Agreement(region=region)
    _store(agreement, _apply_agreement(agreement, data))
    agreement.parties.set(parties)
    changes = changed_fields({}, _snapshot(agreement, _AGREEMENT_FIELDS[:-1]))
    changes["parties"] = [None, sorted(u.pk for u in parties)]
    if agreement.document:
        changes["document"] = [None, agreement.document.name]
    audit_record(actor=actor, action="create", obj=agreement, ip=ip, changes=changes)
    return agreement


@transaction.atomic
def agreement_update(*, actor: Any, agreement: Agreement, expected_version: int,
                     parties: list[Unit] | None = None, ip: str = "", **data: Any) -> Agreement:
    require_edit(actor, agreement.region.community_pk)
    agreement = _locked(Agreement, agreement.pk, expected_version)
    before = _snapshot(agreement, _AGREEMENT_FIELDS[:-1])
    before["document"] = agreement.document.name
    before_parties = sorted(agreement.parties.values_list("pk", flat=True))
    upload = _apply_agreement(agreement, data)
    require_edit(actor, agreement.region.community_pk)
    agreement.version += 1
    _store(agreement, upload)
    after = _snapshot(agreement, _AGREEMENT_FIELDS[:-1])
    after["document"] = agreement.document.name
    changes = changed_fields(before, after)
    if parties is not None:
        if not parties:
            raise ValidationError({"parties": [_("Choose at least one party.")]})
        agreement.parties.set(parties)
        after_parties = sorted(u.pk for u in parties)
        if after_parties != before_parties:
            changes["parties"] = [before_parties, after_parties]
    audit_record(actor=actor, action="update", obj=agreement, ip=ip, changes=changes)
    return agreement


def agreement_document_open(*, actor: Any, agreement: Agreement, ip: str = "") -> Any:
    """Open the scanned document for download; audited (it may carry signatures and IDs)."""
    require_reader(actor)
    if not agreement.document:
        raise Agreement.DoesNotExist
    audit_record(actor=actor, action="view", obj=agreement, ip=ip,
                 detail=f"document downloaded: {agreement.document.name}"[:300])
    return agreement.document.open("rb")
