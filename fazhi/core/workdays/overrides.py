"""Reads and writes of the local calendar overrides.

``core`` may not import the audit app, so these writes record no audit entry themselves:
the staff page's service calls them inside its own ``@transaction.atomic`` function and writes
the audit entry there (same transaction). Updates take ``expected_version`` and refuse a
stale edit with ``OverrideConflict``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.conflicts import StaleVersion
from fazhi.core.models import CalendarOverride, CalendarYear

from .official import CalendarUnknown, last_known_year, official_is_workday


class OverrideConflict(StaleVersion):
    """Someone else changed (or created, or deleted) the row after the actor loaded it."""

    def __init__(self, key: dt.date | int, current: CalendarOverride | CalendarYear | None):
        super().__init__(current=current)
        self.key = key


def calendar_override_list(*, start: dt.date | None = None,
                           end: dt.date | None = None) -> QuerySet[CalendarOverride]:
    """Overrides from ``start`` to ``end`` inclusive (open when None), by date."""
    rows = CalendarOverride.objects.select_related("updated_by").order_by("date")
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    return rows


def calendar_override_get(*, day: dt.date) -> CalendarOverride | None:
    return CalendarOverride.objects.filter(date=day).first()


def override_validate(*, day: dt.date, is_workday: bool) -> None:
    """Refuse an override that says what the official calendar already says."""
    try:
        redundant = official_is_workday(day) == is_workday
    except CalendarUnknown:  # a year not yet published: any override is news
        return
    if redundant:
        message = (_("The official calendar already has this date as a working day.")
                   if is_workday else
                   _("The official calendar already has this date as a rest day."))
        raise ValidationError({"is_workday": [message]})


def calendar_year_validate(*, year: int) -> None:
    """Only years beyond the packaged calendar can be entered."""
    if year <= last_known_year():
        raise ValidationError({"year": [
            _("The official calendar already covers %(year)s.") % {"year": year}]})


@transaction.atomic
def calendar_override_set(*, day: dt.date, is_workday: bool, note: str,
                          expected_version: int | None = None,
                          actor: Any = None) -> CalendarOverride:
    """Create (``expected_version=None``) or update the override of ``day``.

    Refuses an override that says what the official calendar already says, and a create when
    the date already has one, or an update when it changed since ``expected_version``.
    """
    override_validate(day=day, is_workday=is_workday)
    current = CalendarOverride.objects.select_for_update().filter(date=day).first()
    if expected_version is None:
        if current is not None:
            raise OverrideConflict(day, current)
        row = CalendarOverride(date=day, is_workday=is_workday, note=note.strip(),
                               updated_by=actor)
    else:
        if current is None or current.version != expected_version:
            raise OverrideConflict(day, current)
        row = current
        row.is_workday, row.note, row.updated_by = is_workday, note.strip(), actor
        row.version = F("version") + 1  # type: ignore[assignment]
    row.full_clean(exclude=["version", "updated_by"])
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # a double submit racing past the unique check
        raise OverrideConflict(day, calendar_override_get(day=day)) from exc
    row.refresh_from_db()
    return row


@transaction.atomic
def calendar_override_delete(*, day: dt.date, expected_version: int) -> CalendarOverride:
    """Remove the override of ``day``: the official calendar applies again. Returns the row
    as it was (for the caller's audit entry)."""
    current = CalendarOverride.objects.select_for_update().filter(date=day).first()
    if current is None or current.version != expected_version:
        raise OverrideConflict(day, current)
    pk = current.pk
    current.delete()
    current.pk = pk
    return current


def calendar_year_list() -> QuerySet[CalendarYear]:
    """The years administrators have entered beyond the packaged calendar."""
    return CalendarYear.objects.select_related("updated_by").order_by("year")


@transaction.atomic
def calendar_year_enter(*, year: int, note: str, actor: Any = None) -> CalendarYear:
    """Declare that the overrides of ``year`` hold the State Council's whole arrangement for it,
    so its other days follow the weekday rule. Only for years beyond the packaged calendar."""
    calendar_year_validate(year=year)
    current = CalendarYear.objects.select_for_update().filter(year=year).first()
    if current is not None:
        raise OverrideConflict(year, current)
    row = CalendarYear(year=year, note=note.strip(), updated_by=actor)
    row.full_clean(exclude=["version", "updated_by"])
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise OverrideConflict(year, CalendarYear.objects.filter(year=year).first()) from exc
    return row


@transaction.atomic
def calendar_year_withdraw(*, year: int, expected_version: int) -> None:
    """Undo ``calendar_year_enter``: the year's days without an override are unknown again."""
    current = CalendarYear.objects.select_for_update().filter(year=year).first()
    if current is None or current.version != expected_version:
        raise OverrideConflict(year, current)
    current.delete()
