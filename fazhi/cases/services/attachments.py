"""Attachments: allowed types and size, stored in the private data dir, audited downloads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.uploads import content_matches

from ..models import Attachment, Case
from .workflow import case_lock

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".png": "image/png", ".docx": ("application/vnd.openxmlformats-officedocument."
                                   "wordprocessingml.document"),
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
}


def check_upload(upload: Any) -> str:
    """The file's extension if the upload is allowed; a clear ValidationError otherwise."""
    name = upload.name or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in ALLOWED:
        raise ValidationError({"file": _("Files of this type cannot be attached; allowed: "
                                         "PDF, JPG, PNG, DOCX, MP3, M4A.")})
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is %(size)s MB; the limit is 10 MB.")
                               % {"size": f"{upload.size / 1048576:.1f}"}})
    if not content_matches(upload, ext):
        raise ValidationError({"file": _("The file's content does not match its type.")})
    return ext


@transaction.atomic
def attachment_add(*, actor: Any, case: Case, upload: Any, doc_type: str = "",
                   public: bool = False) -> Attachment:
    locked = case if public else case_lock(actor=actor, case=case, expected_version=None)
    if locked.attachments.count() >= Case.MAX_ATTACHMENTS:
        raise ValidationError({"file": _("A case has at most %(n)d files.")
                               % {"n": Case.MAX_ATTACHMENTS}})
    ext = check_upload(upload)
    attachment = Attachment(case=locked, name=upload.name[:160], content_type=ALLOWED[ext],
                            size=upload.size, doc_type=doc_type, public=public,
                            uploaded_by=actor if getattr(actor, "is_authenticated", False)
                            else None)
    attachment.file = upload
    attachment.save()
    audit_record(actor=actor, action="create", obj=attachment, object_repr=str(locked),
                 detail=f"{attachment.size} bytes")
    return attachment
