"""The working-day calendar's local overrides, edited by the sub-district administrator on the
calendar page (and the API): core's writes (``core.workdays.overrides``), each audited here in
the same transaction. A deadline computed afterwards uses the new calendar; deadlines already
stored keep their date (docs/deadlines.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.models import CalendarOverride, CalendarYear
from fazhi.core.roles import Role
from fazhi.core.workdays.official import first_known_year, last_known_year
from fazhi.core.workdays.overrides import (
    calendar_override_delete,
    calendar_override_set,
    calendar_year_enter,
    calendar_year_withdraw,
)

from .selectors import AHEAD, calendar_year_shown

CALENDAR_EDITORS = frozenset({Role.STREET_ADMIN})


def may_edit_calendar(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and actor.role in CALENDAR_EDITORS


def _require_editor(actor: Any) -> None:
    if not may_edit_calendar(actor):
        raise PermissionDenied


@transaction.atomic
def calendar_override_save(*, actor: Any, day: dt.date, is_workday: bool, note: str,
                           ip: str = "") -> CalendarOverride:
    """Add the override of ``day`` (to change one, remove it first). Raises
    ``ValidationError`` (an override that repeats the official calendar, a missing note) and
    ``OverrideConflict`` (the date has one already, e.g. a double submit)."""
    _require_editor(actor)
    if not calendar_year_shown(day.year):
        raise ValidationError({"date": [_(
            "The calendar covers %(first)s to %(last)s; check the year.")
            % {"first": first_known_year(), "last": last_known_year() + AHEAD}]})
    row = calendar_override_set(day=day, is_workday=is_workday, note=note, actor=actor)
    audit_record(actor=actor, action="create", obj=row, ip=ip,
                 changes={"is_workday": [None, row.is_workday], "note": [None, row.note]})
    return row


@transaction.atomic
def calendar_override_remove(*, actor: Any, day: dt.date, expected_version: int,
                             ip: str = "") -> None:
    """Remove the override of ``day``: the official calendar applies to it again."""
    _require_editor(actor)
    row = calendar_override_delete(day=day, expected_version=expected_version)
    audit_record(actor=actor, action="delete", obj=row, ip=ip,
                 changes={"is_workday": [row.is_workday, None], "note": [row.note, None]})


@transaction.atomic
def calendar_year_mark(*, actor: Any, year: int, note: str, ip: str = "") -> CalendarYear:
    """Declare that the overrides of ``year`` (beyond the packaged calendar) hold its whole
    published arrangement, so its other days follow the weekday rule."""
    _require_editor(actor)
    row = calendar_year_enter(year=year, note=note, actor=actor)
    audit_record(actor=actor, action="create", obj=row, ip=ip,
                 changes={"year": [None, year], "note": [None, row.note]})
    return row


@transaction.atomic
def calendar_year_unmark(*, actor: Any, year: int, expected_version: int,
                         ip: str = "") -> None:
    _require_editor(actor)
    calendar_year_withdraw(year=year, expected_version=expected_version)
    audit_record(actor=actor, action="delete", object_type="core.calendaryear",
                 object_id=str(year), object_repr=str(year), ip=ip)
