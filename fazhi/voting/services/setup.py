"""Setting a campaign up: the campaign, its categories, its candidates (with a photo), its jury.
Sub-district admin and staff only; every change audited."""

from __future__ import annotations

import io
import uuid
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import edit_at_version
from fazhi.core.roles import ADMINISTRATION_ROLES
from fazhi.core.uploads import content_matches

from ..access import may_manage
from ..models import Campaign, Candidate, Category

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_SIDE = 800
CAMPAIGN_FIELDS = ("title", "intro", "opens_at", "closes_at", "is_published",
                   "picks_per_category", "public_weight", "votes_per_address",
                   "votes_per_device", "burst_per_network", "burst_per_device")


def _require(actor: Any) -> None:
    if not may_manage(actor):
        raise PermissionDenied


@transaction.atomic
def campaign_create(*, actor: Any, ip: str = "", **fields: Any) -> Campaign:
    _require(actor)
    campaign = Campaign(**{k: v for k, v in fields.items() if k in CAMPAIGN_FIELDS})
    campaign.full_clean()
    campaign.save()
    audit_record(actor=actor, action="create", obj=campaign,
                 changes={k: str(getattr(campaign, k)) for k in CAMPAIGN_FIELDS}, ip=ip)
    return campaign


@transaction.atomic
def campaign_update(*, actor: Any, campaign: Campaign, expected_version: int, ip: str = "",
                    **fields: Any) -> Campaign:
    _require(actor)
    locked, before = edit_at_version(Campaign.objects, pk=campaign.pk, names=CAMPAIGN_FIELDS,
                                     expected_version=expected_version, values=fields)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, action="update", obj=locked, ip=ip, changes=changed_fields(
        {k: str(v) for k, v in before.items()},
        {k: str(getattr(locked, k)) for k in CAMPAIGN_FIELDS}))
    return locked


@transaction.atomic
def jurors_set(*, actor: Any, campaign: Campaign, user_ids: list[int], ip: str = "") -> None:
    """Name the jury: signed-in staff accounts (never the administration roles)."""
    _require(actor)
    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True)
                 .exclude(role__in=ADMINISTRATION_ROLES))
    if len(users) != len(set(user_ids)):
        raise ValidationError({"jurors": [_("Jury members are active staff accounts.")]})
    before = sorted(campaign.jurors.values_list("pk", flat=True))
    campaign.jurors.set(users)
    audit_record(actor=actor, action="update", obj=campaign, ip=ip,
                 changes={"jurors": [before, sorted(u.pk for u in users)]})


@transaction.atomic
def category_create(*, actor: Any, campaign: Campaign, name: str, position: int = 0,
                    ip: str = "") -> Category:
    _require(actor)
    category = Category(campaign=campaign, name=" ".join((name or "").split()), position=position)
    category.full_clean()
    category.save()
    audit_record(actor=actor, action="create", obj=category,
                 changes={"campaign_id": campaign.pk, "name": category.name}, ip=ip)
    return category


def photo_file(upload: IO[bytes], name: str) -> ContentFile:
    """The upload as a JPEG Pillow wrote (at most ``PHOTO_MAX_SIDE`` px, no metadata): only a
    JPEG or PNG that parses as a whole (core.uploads) is read at all."""
    from PIL import Image, ImageOps

    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    upload.seek(0)
    if size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": [_("A photo is at most 8 MB.")]})
    if ext not in (".jpg", ".jpeg", ".png") or not content_matches(upload, ext):
        raise ValidationError({"photo": [_("A photo is a JPEG or PNG picture.")]})
    with Image.open(upload) as image:
        picture = ImageOps.exif_transpose(image).convert("RGB")
    picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


CANDIDATE_FIELDS = ("name", "affiliation", "intro", "position")


@transaction.atomic
def candidate_save(*, actor: Any, campaign: Campaign, category_id: int, candidate: Candidate |
                   None = None, photo: IO[bytes] | None = None, photo_name: str = "",
                   ip: str = "", **fields: Any) -> Candidate:
    """Add a candidate (``candidate`` None) or change one; a new ``photo`` replaces the old."""
    _require(actor)
    category = Category.objects.filter(campaign=campaign, pk=category_id).first()
    if category is None:
        raise ValidationError({"category": [_("Choose a category of this campaign.")]})
    if candidate is not None and candidate.campaign_id != campaign.pk:
        raise PermissionDenied
    row = candidate or Candidate(campaign=campaign)
    before = {k: getattr(row, k) for k in CANDIDATE_FIELDS} if candidate else {}
    for name in CANDIDATE_FIELDS:
        if name in fields:
            setattr(row, name, fields[name])
    row.category = category
    if photo is not None:
        row.photo = photo_file(photo, photo_name)
    row.full_clean()
    row.save()
    changes: dict[str, Any] = dict(changed_fields(before,
                                                  {k: getattr(row, k) for k in CANDIDATE_FIELDS}))
    if photo is not None:
        changes["photo"] = "[changed]"
    audit_record(actor=actor, action="update" if candidate else "create", obj=row,
                 changes=changes, ip=ip)
    return row
