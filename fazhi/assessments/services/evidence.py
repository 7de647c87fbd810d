"""Evidence of an item: an upload (checked by core.uploads) or a link to a record the worker
may see; removed while the item is open; downloaded as an audited read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.cases.selectors import case_get_for
from fazhi.core.uploads import content_matches
from fazhi.org.selectors import agreement_get_for, unit_get_for
from fazhi.outreach.selectors.activities import activity_get_for

from ..models import Evidence, Score
from .rows import (
    EVIDENCE_TYPES,
    MAX_EVIDENCE_BYTES,
    locked_assessment,
    locked_score,
    require_community_turn,
    require_item_open,
)


def _check_upload(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in EVIDENCE_TYPES:
        raise ValidationError({"file": [_("Upload a PDF, JPG, PNG or DOCX file.")]})
    if (upload.size or 0) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    if not content_matches(upload, ext):
        raise ValidationError({"file": [_(
            "The file's content is not a PDF, JPG, PNG or DOCX document.")]})


def _record_label(actor: Any, kind: str, record_id: int) -> str:
    """The linked record, fetched through its app's scoped getter (404 outside the actor's
    scope), as a label kept with the evidence."""
    if kind == Evidence.Kind.ACTIVITY:
        a = activity_get_for(actor=actor, pk=record_id)
        return f"{a.title}（{a.starts_at:%Y-%m-%d}）"
    if kind == Evidence.Kind.CASE:
        return str(case_get_for(actor=actor, pk=record_id).number)
    if kind == Evidence.Kind.AGREEMENT:
        return agreement_get_for(actor=actor, pk=record_id).title
    if kind == Evidence.Kind.UNIT:
        return unit_get_for(actor=actor, pk=record_id).name
    raise ValidationError({"kind": [_("Choose what the evidence is.")]})


@transaction.atomic
def evidence_add(*, actor: Any, score: Score, kind: str, label: str = "",
                 file: UploadedFile | None = None, record_id: int | None = None,
                 ip: str = "") -> Evidence:
    """A document or photo, or a link to a record the actor may see, for one item."""
    locked = locked_score(score)
    assessment = locked_assessment(locked.assessment)
    require_community_turn(actor, assessment)
    require_item_open(locked, assessment)
    if locked.evidence.count() >= Evidence.MAX_PER_SCORE:
        raise ValidationError(_("An item holds at most %(n)d pieces of evidence.")
                              % {"n": Evidence.MAX_PER_SCORE})
    evidence = Evidence(score=locked, kind=kind, added_by=actor)
    if kind == Evidence.Kind.FILE:
        if file is None:
            raise ValidationError({"file": [_("Choose the file to upload.")]})
        _check_upload(file)
        evidence.label = (label.strip() or (file.name or "")[:120])[:120]
    else:
        if not record_id:
            raise ValidationError({"record_id": [_("Give the record's number.")]})
        try:
            found = _record_label(actor, kind, record_id)
        except Http404:
            raise ValidationError({"record_id": [_(
                "No such record among those you may see.")]}) from None
        evidence.record_id = record_id
        evidence.label = (label.strip() or found)[:120]
    evidence.full_clean(exclude=["file"], validate_constraints=False)
    if file is not None:
        evidence.file.save(file.name or "evidence", file, save=False)
    evidence.save()
    audit_record(actor=actor, action="create", obj=evidence, ip=ip,
                 detail=f"assessment {assessment.pk} item {locked.pk} {kind}")
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence, ip: str = "") -> None:
    locked = locked_score(evidence.score)
    assessment = locked_assessment(locked.assessment)
    require_community_turn(actor, assessment)
    require_item_open(locked, assessment)
    audit_record(actor=actor, action="delete", obj=evidence, ip=ip,
                 detail=f"assessment {assessment.pk} item {locked.pk}")
    storage, name = evidence.file.storage, evidence.file.name or ""
    evidence.delete()
    if name:  # the file goes only once the row's removal is committed
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def evidence_download(*, actor: Any, evidence: Evidence, ip: str = "") -> Evidence:
    """Record the reading of an evidence file (an export of a document)."""
    audit_record(actor=actor, action="export", obj=evidence, ip=ip,
                 detail=f"assessment {evidence.score.assessment_id}")
    return evidence
