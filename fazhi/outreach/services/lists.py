"""Every write about responsibility lists: create, import, submit, approve, return, notes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import Conflict, StaleVersion
from fazhi.org.models import Unit

from .. import xlsx
from ..access import may_edit_list, may_review_list, require_reader
from ..models import ListItem, ResponsibilityList, SupervisionNote

S = ResponsibilityList.Status


def _bump(lst: ResponsibilityList, *, expected_version: int | None, **fields: Any) -> None:
    """Write ``fields`` only if nobody changed the list since ``expected_version`` was read."""
    query = ResponsibilityList.objects.filter(pk=lst.pk)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    if not query.update(version=F("version") + 1, **fields):
        raise StaleVersion(_("Someone else changed this list; reload the page and try again."))
    lst.refresh_from_db()


@transaction.atomic
def list_create(*, actor: Any, unit_id: int, year: int, ip: str = "") -> ResponsibilityList:
    require_reader(actor)
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise PermissionDenied  # the same answer as a unit the actor may not plan for
    lst = ResponsibilityList(unit=unit, year=year)
    if not may_edit_list(actor, lst):
        raise PermissionDenied
    lst.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            lst.save()
    except IntegrityError as exc:
        raise ValidationError({"year": [_("This unit already has a list for that year.")]}) from exc
    audit_record(actor=actor, action="create", obj=lst, changes={"unit_id": unit_id, "year": year},
                 ip=ip)
    return lst


def _check_editable(actor: Any, lst: ResponsibilityList) -> None:
    if not may_edit_list(actor, lst):
        raise PermissionDenied
    if not lst.editable:
        raise Conflict(_("A submitted or approved list cannot be changed."))


def _validated_item(lst: ResponsibilityList, position: int, data: dict[str, Any]) -> ListItem:
    values = {k: ("" if v is None else v) for k, v in data.items()}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
        elif name not in ("planned_count", "quarter"):
            values[name] = str(value)
    item = ListItem(responsibility_list=lst, position=position, **values)
    item.full_clean(exclude=["responsibility_list"])
    return item


@transaction.atomic
def item_add(*, actor: Any, lst: ResponsibilityList, expected_version: int, ip: str = "",
             **data: Any) -> ListItem:
    _check_editable(actor, lst)
    position = lst.items.count() + 1
    item = _validated_item(lst, position, data)
    _bump(lst, expected_version=expected_version)
    item.save()
    audit_record(actor=actor, action="create", obj=item, changes={"list_id": lst.pk}, ip=ip)
    return item


ITEM_FIELDS = ("laws", "audience", "channels", "planned_count", "quarter", "leader", "person",
               "office", "standard", "key_dates")


@transaction.atomic
def item_update(*, actor: Any, item: ListItem, expected_version: int, ip: str = "",
                **data: Any) -> ListItem:
    """Change one item of a draft or returned list. ``expected_version`` is the list's: any
    change to the list or its items since the form was read is a conflict, never overwritten."""
    lst = item.responsibility_list
    _check_editable(actor, lst)
    updated = _validated_item(lst, item.position, {f: data.get(f, getattr(item, f))
                                                   for f in ITEM_FIELDS})
    changes = {f: [getattr(item, f), getattr(updated, f)] for f in ITEM_FIELDS
               if getattr(item, f) != getattr(updated, f)}
    _bump(lst, expected_version=expected_version)
    updated.pk = item.pk
    updated.save(force_update=True)
    audit_record(actor=actor, action="update", obj=updated,
                 changes={"list_id": lst.pk, **changes}, ip=ip)
    return updated


@transaction.atomic
def item_delete(*, actor: Any, item: ListItem, ip: str = "") -> None:
    lst = item.responsibility_list
    _check_editable(actor, lst)
    _bump(lst, expected_version=None)
    audit_record(actor=actor, action="delete", obj=item, changes={"list_id": lst.pk}, ip=ip)
    item.delete()


def _field_label(name: str) -> str:
    return str(getattr(ListItem._meta.get_field(name), "verbose_name", name))


@transaction.atomic
def list_import(*, actor: Any, lst: ResponsibilityList, data: bytes, expected_version: int,
                ip: str = "") -> int:
    """Replace the items of an editable list with the rows of a workbook. Any bad row means
    nothing is imported; xlsx.SheetError lists every bad row with its number and reason."""
    _check_editable(actor, lst)
    rows = xlsx.read_items(data)
    errors: list[tuple[int, str]] = []
    items: list[ListItem] = []
    for position, (number, record) in enumerate(rows, start=1):
        for field in xlsx.REQUIRED:
            if record.get(field) in (None, ""):
                errors.append((number, _("%(field)s: this cell is empty.")
                               % {"field": _field_label(field)}))
        if any(n == number for n, _r in errors):
            continue
        try:
            items.append(_validated_item(lst, position, record))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    errors.append((number, f"{_field_label(field)}: {message}"))
    if errors:
        raise xlsx.SheetError(errors)
    _bump(lst, expected_version=expected_version)
    lst.items.all().delete()
    ListItem.objects.bulk_create(items)
    audit_record(actor=actor, action="update", obj=lst, changes={"imported_items": len(items)},
                 detail="XLSX import", ip=ip)
    return len(items)


@transaction.atomic
def list_submit(*, actor: Any, lst: ResponsibilityList, expected_version: int,
                ip: str = "") -> ResponsibilityList:
    _check_editable(actor, lst)
    if not lst.items.exists():
        raise ValidationError(_("Add at least one item before submitting the list."))
    before = lst.status
    _bump(lst, expected_version=expected_version, status=S.SUBMITTED, submitted_at=timezone.now())
    audit_record(actor=actor, action="transition", obj=lst,
                 changes={"status": [before, S.SUBMITTED]}, ip=ip)
    return lst


def _decide(actor: Any, lst: ResponsibilityList, expected_version: int, status: str,
            comment: str, ip: str) -> ResponsibilityList:
    if not may_review_list(actor, lst):
        raise PermissionDenied
    if lst.status != S.SUBMITTED:
        raise Conflict(_("Only a submitted list can be approved or returned."))
    _bump(lst, expected_version=expected_version, status=status, review_comment=comment,
          decided_at=timezone.now(), decided_by=actor)
    audit_record(actor=actor, action="transition", obj=lst,
                 changes={"status": [S.SUBMITTED, status], "comment": comment}, ip=ip)
    return lst


@transaction.atomic
def list_approve(*, actor: Any, lst: ResponsibilityList, expected_version: int,
                 comment: str = "", ip: str = "") -> ResponsibilityList:
    return _decide(actor, lst, expected_version, S.APPROVED, comment.strip(), ip)


@transaction.atomic
def list_return(*, actor: Any, lst: ResponsibilityList, expected_version: int,
                comment: str, ip: str = "") -> ResponsibilityList:
    if not comment.strip():
        raise ValidationError({"comment": [_("Say what the unit should change.")]})
    return _decide(actor, lst, expected_version, S.RETURNED, comment.strip(), ip)


@transaction.atomic
def note_add(*, actor: Any, lst: ResponsibilityList, text: str, item_id: int | None = None,
             ip: str = "") -> SupervisionNote:
    if not may_review_list(actor, lst):
        raise PermissionDenied
    item = lst.items.filter(pk=item_id).first() if item_id else None
    if item_id and item is None:
        raise ValidationError({"item": [_("This item is not on the list.")]})
    note = SupervisionNote(responsibility_list=lst, item=item, text=text.strip(), author=actor)
    note.full_clean()
    note.save()
    audit_record(actor=actor, action="create", obj=note, changes={"list_id": lst.pk}, ip=ip)
    return note
