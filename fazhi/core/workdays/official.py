"""Which days are working days: China's official calendar plus the local overrides.

The official calendar comes from ``chinesecalendar`` (statutory holidays and the make-up
working days, 调休). It knows only the years the State Council has published; a date outside
them raises ``CalendarUnknown`` instead of silently guessing.

Overrides are a mapping ``{date: is_workday}``. Every function takes ``overrides=None``,
meaning "load them from the database" (two small queries); loops pass a mapping loaded once
with ``overrides_load()`` so that no day costs a query. The loaded mapping is a
``LocalCalendar``: it also names the years beyond the package that administrators have
entered in full (``CalendarYear``), whose days without an override follow the weekday rule.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import chinese_calendar
from chinese_calendar import constants as official_data
from django.utils.translation import gettext as _

from fazhi.core.models import CalendarOverride, CalendarYear

# Statutory periods are counted in Beijing time, whatever the server's TIME_ZONE says.
SHANGHAI = ZoneInfo("Asia/Shanghai")

Overrides = Mapping[dt.date, bool]


class LocalCalendar(dict[dt.date, bool]):
    """Overrides by date, plus the years beyond the package that they describe in full."""

    def __init__(self, days: Mapping[dt.date, bool] | None = None,
                 entered_years: frozenset[int] = frozenset()) -> None:
        super().__init__(days or {})
        self.entered_years = entered_years


class CalendarUnknown(LookupError):
    """A date lies outside the years the official calendar knows."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.first_year = first_known_year()
        self.last_year = last_known_year()
        values = {"date": day.isoformat(), "first": self.first_year, "last": self.last_year,
                  "year": day.year}
        if day.year > self.last_year:
            message = _(
                "%(date)s lies beyond the known official calendar, which covers %(first)s to "
                "%(last)s. The deadline cannot be counted until chinesecalendar is upgraded "
                "with the State Council's holiday arrangement for %(year)s, or an "
                "administrator enters that arrangement as calendar overrides and marks the "
                "year as entered."
            ) % values
        else:
            message = _(
                "%(date)s lies before the known official calendar, which covers %(first)s to "
                "%(last)s."
            ) % values
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@functools.cache
def first_known_year() -> int:
    """The first year the official calendar covers."""
    return min(official_data.holidays).year


@functools.cache
def last_known_year() -> int:
    """The last year the official calendar covers: upgrade chinesecalendar each December."""
    return max(official_data.holidays).year


def official_is_workday(day: dt.date) -> bool:
    """The State Council's answer alone, without local overrides."""
    if not first_known_year() <= day.year <= last_known_year():
        raise CalendarUnknown(day)
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:  # the package's own range check, should it differ
        raise CalendarUnknown(day) from exc


def holiday_name(day: dt.date) -> str | None:
    """The official holiday's English name (e.g. "National Day"), or None on other days."""
    if not first_known_year() <= day.year <= last_known_year():
        raise CalendarUnknown(day)
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    return name if on_holiday and name else None


def overrides_load(start: dt.date | None = None, end: dt.date | None = None) -> LocalCalendar:
    """All local overrides from ``start`` to ``end`` (inclusive, open when None), and the
    entered years: two small queries."""
    rows = CalendarOverride.objects.all()
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    years = frozenset(CalendarYear.objects.filter(year__gt=last_known_year())
                      .values_list("year", flat=True))
    return LocalCalendar(dict(rows.values_list("date", "is_workday")), years)


def resolve_overrides(overrides: Overrides | None, start: dt.date) -> Overrides:
    """The mapping to use for a count starting at ``start``: the given one, or loaded once."""
    return overrides_load(start=start) if overrides is None else overrides


def is_workday(day: dt.date, *, overrides: Overrides | None = None) -> bool:
    """True on working days: weekdays that are not holidays, plus make-up working days (调休).

    A local override for the date wins over the official calendar (also beyond its years);
    in a year entered by administrators beyond the package, other days follow the weekdays.
    """
    if isinstance(day, dt.datetime):
        raise TypeError("is_workday takes a date; use .astimezone(SHANGHAI).date() first")
    found = overrides_load(day, day) if overrides is None else overrides
    if day in found:
        return found[day]
    if day.year > last_known_year() and day.year in getattr(found, "entered_years", ()):
        return day.weekday() < 5
    return official_is_workday(day)


def is_rest_day(day: dt.date, *, overrides: Overrides | None = None) -> bool:
    """True on statutory rest days: holidays and weekends that are not make-up working days."""
    return not is_workday(day, overrides=overrides)
