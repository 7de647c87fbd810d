"""How an organisation record is saved: locked at the version the actor loaded, validated,
snapshotted for the audit log; the refusals (a stale edit, a twin person, a bad phone)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.core.conflicts import StaleVersion
from fazhi.core.identity import normalise_mobile, validate_mobile

from ..models import Person

_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,5})?$")


class DuplicatePerson(ValidationError):
    """A person with this ID number is already registered: point to them, never create a twin."""

    def __init__(self, existing: Person) -> None:
        super().__init__({"id_number": [
            _("A person with this ID number is already registered.")]})
        self.existing_id = existing.pk
        self.existing_name = existing.name


def _locked(model: type[models.Model], pk: int, expected_version: int) -> Any:
    obj = model._default_manager.select_for_update().get(pk=pk)
    if obj.version != expected_version:  # type: ignore[attr-defined]
        raise StaleVersion(current=obj)
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


def require_visible(visible: QuerySet[Any], obj: models.Model | None, field: str = "") -> None:
    """``obj`` must be among the rows the actor may see (``visible``, already scoped). An id
    from input (``field``) that the actor may not see is answered as one that does not exist;
    the record the service acts on, with a 404 as its scoped getter would."""
    if obj is None or visible.filter(pk=obj.pk).exists():
        return
    if field:
        raise ValidationError({field: [_("No such record.")]})
    raise Http404
