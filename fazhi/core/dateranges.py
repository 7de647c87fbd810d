"""The plausible range of every date and time Fazhi accepts, defined once.

A date outside it is a typo or an attack (0001-01-01 numbered a case XM-1-000001; an activity
on 9999-12-31 broke the outreach pages for everyone, because a day after it does not exist).
Work recorded here started after 2000, and nothing is planned more than ``YEARS_AHEAD``
years ahead. Forms use ``DateField`` / ``DateTimeField`` below, models mix in
``PlausibleDates`` (checked by ``full_clean``, so every service refuses what a form or the API
let through), and the API's ``Date`` / ``DateTime`` types (core.apitypes) call ``check``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest(today: dt.date | None = None) -> dt.date:
    """The last plausible day: ``YEARS_AHEAD`` years after today."""
    today = today or timezone.localdate()
    return dt.date(today.year + YEARS_AHEAD, 12, 31)


def year_range(today: dt.date | None = None) -> range:
    """The plausible years, for year pickers and ?year= parameters."""
    return range(EARLIEST.year, latest(today).year + 1)


def _day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def is_plausible(value: dt.date | dt.datetime) -> bool:
    try:
        return EARLIEST <= _day(value) <= latest()
    except OverflowError:  # an aware instant near year 1 or 9999 has no local date
        return False


def message() -> str:
    return str(_("Enter a date from %(earliest)s to %(latest)s.")
               % {"earliest": EARLIEST.isoformat(), "latest": latest().isoformat()})


def validate_plausible(value: dt.date | dt.datetime | None) -> None:
    """A validator for model and form fields."""
    if value is not None and not is_plausible(value):
        raise ValidationError(message(), code="date_range")


def check(value: Any) -> Any:
    """The same rule for pydantic (the API): a ValueError becomes a 422 naming the field."""
    if value is not None and not is_plausible(value):
        raise ValueError(message())
    return value


class DateInput(forms.DateInput):
    """A browser's date picker: its value must be ISO (yyyy-mm-dd) whatever the language, or
    the browser shows it empty (the Chinese format 2026/03/10 is refused)."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """A browser's date-and-time picker, whose value is ISO to the minute for the same reason."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateField(forms.DateField):
    widget = DateInput
    default_validators = [validate_plausible]


class DateTimeField(forms.DateTimeField):
    default_validators = [validate_plausible]


# Stored values beyond these (written before the rule, or straight into the database) are read
# as these, so that showing them in local time, or the day after, cannot overflow.
_FIRST_INSTANT = dt.datetime.min.replace(tzinfo=dt.UTC) + dt.timedelta(days=2)
_LAST_INSTANT = dt.datetime.max.replace(tzinfo=dt.UTC) - dt.timedelta(days=2)
_FIRST_DAY = dt.date.min + dt.timedelta(days=2)
_LAST_DAY = dt.date.max - dt.timedelta(days=2)


def displayable(value: Any) -> Any:
    """``value`` held inside the range where local time and the next day exist."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return min(max(value, _FIRST_INSTANT.replace(tzinfo=None)),
                       _LAST_INSTANT.replace(tzinfo=None))
        return min(max(value, _FIRST_INSTANT), _LAST_INSTANT)
    if isinstance(value, dt.date):
        return min(max(value, _FIRST_DAY), _LAST_DAY)
    return value


@cache
def _date_positions(model: type, field_names: tuple[str, ...]) -> tuple[int, ...]:
    fields = {f.attname: f for f in model._meta.concrete_fields}  # type: ignore[attr-defined]
    return tuple(i for i, name in enumerate(field_names)
                 if isinstance(fields.get(name), models.DateField))


class PlausibleDates:
    """Model mixin: every editable date and datetime field must be plausible (full_clean).
    Timestamps the database sets (auto_now, auto_now_add) are not input and are skipped.

    Pages survive whatever is stored: a row read from the database has its dates held to
    ``displayable`` (9999-12-31 23:00 UTC has no local time in Beijing, so every page showing
    it answered 500)."""

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> Any:
        positions = _date_positions(cls, tuple(field_names))  # type: ignore[arg-type]
        if positions:
            values = list(values)
            for i in positions:
                values[i] = displayable(values[i])
        return super().from_db(db, field_names, values, **kwargs)  # type: ignore[misc]

    def clean_fields(self, exclude: Any = None) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)  # type: ignore[misc]
        except ValidationError as exc:
            errors = exc.error_dict
        for field in self._meta.concrete_fields:  # type: ignore[attr-defined]
            if (not isinstance(field, models.DateField) or not field.editable
                    or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                    or (exclude and field.name in exclude) or field.name in errors):
                continue
            try:
                validate_plausible(getattr(self, field.attname))
            except ValidationError as exc:
                errors.setdefault(field.name, []).append(exc)
        if errors:
            raise ValidationError(errors)
