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
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import chinese_calendar
from chinese_calendar import constants as official_data
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


# The package's holiday names (its English ones), as msgids; the Chinese in our catalogue is
# the package's own Chinese name.
HOLIDAY_LABELS = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Spring Festival": gettext_lazy("Spring Festival"),
    "Tomb-sweeping Day": gettext_lazy("Tomb-sweeping Day"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Dragon Boat Festival": gettext_lazy("Dragon Boat Festival"),
    "National Day": gettext_lazy("National Day"),
    "Mid-autumn Festival": gettext_lazy("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": gettext_lazy("Anti-Fascist War Victory 70th Anniversary"),
}


@dataclass(frozen=True)
class OfficialHoliday:
    """One break of the State Council's arrangement for a year: its days off (weekends inside
    it included), the holidays it is for (National Day and Mid-autumn can share one), and the
    weekend days worked to make up for it."""

    names: tuple[str, ...]  # the package's English names; ``label`` is for display
    rest_days: tuple[dt.date, ...]
    makeup_workdays: tuple[dt.date, ...]

    @property
    def label(self) -> str:
        return _(", ").join(str(HOLIDAY_LABELS.get(name, name)) for name in self.names)

    @property
    def first(self) -> dt.date:
        return self.rest_days[0]

    @property
    def last(self) -> dt.date:
        return self.rest_days[-1]


def official_arrangement(year: int) -> list[OfficialHoliday]:
    """The published arrangement of ``year``, break by break in date order; raises
    ``CalendarUnknown`` for a year the package does not cover."""
    if not first_known_year() <= year <= last_known_year():
        raise CalendarUnknown(dt.date(year, 1, 1))
    breaks: list[tuple[list[str], list[dt.date]]] = []
    for day in sorted(d for d in official_data.holidays if d.year == year):
        name = official_data.holidays[day]
        if breaks and (day - breaks[-1][1][-1]).days == 1:
            if name not in breaks[-1][0]:
                breaks[-1][0].append(name)
            breaks[-1][1].append(day)
        else:
            breaks.append(([name], [day]))
    makeups: dict[int, list[dt.date]] = {i: [] for i in range(len(breaks))}
    for day in sorted(d for d in official_data.workdays if d.year == year):
        # A make-up day belongs to the nearest break of its holiday.
        same = [i for i, (names, _days) in enumerate(breaks)
                if official_data.workdays[day] in names]
        if same:
            nearest = min(same, key=lambda i: abs((day - breaks[i][1][0]).days))
            makeups[nearest].append(day)
    return [OfficialHoliday(names=tuple(names), rest_days=tuple(days),
                            makeup_workdays=tuple(makeups[i]))
            for i, (names, days) in enumerate(breaks)]
