"""Writes of agreements and their scanned documents (PDF/JPG/PNG, checked by content)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.uploads import content_matches

from ..access import region_scope, require_edit, require_reader
from ..models import Agreement, Region, Unit
from .records import _locked, _snapshot, require_visible

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_DOCUMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png")


# --- agreements --------------------------------------------------------------------------------
_AGREEMENT_FIELDS = ["title", "kind", "region_id", "signed_on", "starts_on", "ends_on", "note",
                     "document"]


def _check_document(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in _DOCUMENT_TYPES:
        raise ValidationError({"document": [_("Upload a PDF, JPG or PNG file.")]})
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"document": [_("The file is larger than 10 MB.")]})
    if not content_matches(upload, ext):
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


def _check_parties(actor: Any, parties: list[Unit]) -> None:
    visible = Unit.objects.filter(region_scope(actor))
    for unit in parties:
        require_visible(visible, unit, "parties")
    if not parties:
        raise ValidationError({"parties": [_("Choose at least one party.")]})
    if len(parties) > Agreement.MAX_PARTIES:
        raise ValidationError({"parties": [_("An agreement has at most %(n)d parties.")
                                           % {"n": Agreement.MAX_PARTIES}]})


@transaction.atomic
def agreement_create(*, actor: Any, region: Region, parties: list[Unit], ip: str = "",
                     **data: Any) -> Agreement:
    require_edit(actor, region.community_pk)
    _check_parties(actor, parties)
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
        _check_parties(actor, parties)
        agreement.parties.set(parties)
        after_parties = sorted(u.pk for u in parties)
        if after_parties != before_parties:
            changes["parties"] = [before_parties, after_parties]
    audit_record(actor=actor, action="update", obj=agreement, ip=ip, changes=changes)
    return agreement


def agreement_document_open(*, actor: Any, agreement: Agreement, ip: str = "") -> Any:
    """Open the scanned document for download; audited (it may carry signatures and IDs)."""
    require_reader(actor)
    require_visible(Agreement.objects.filter(region_scope(actor)), agreement)
    if not agreement.document:
        raise Agreement.DoesNotExist
    audit_record(actor=actor, action="view", obj=agreement, ip=ip,
                 detail=f"document downloaded: {agreement.document.name}"[:300])
    return agreement.document.open("rb")
