"""Counting periods by the Civil Code (arts. 200-204) and in working days.

Every day-based function takes and returns a ``date``: the *last day* of the period, which
ends at 24:00 that day (``end_of_day(last_day)`` gives the moment). ``add_hours`` works on
aware datetimes in plain calendar hours.

- The starting day is not counted: a period of n days from 3 March has 4 March as day one.
- Months end on the corresponding day of the last month, or on that month's last day.
- A calendar-day or month period whose last day is a statutory rest day (a holiday, or a
  weekend that is not a make-up working day) ends on the first working day after the rest.
- Working days skip weekends and holidays and count make-up working days (调休).
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from collections.abc import Set

from .official import SHANGHAI, Overrides, is_workday, resolve_overrides

ONE_DAY = dt.timedelta(days=1)
_NO_DAYS: frozenset[dt.date] = frozenset()


def _check_amount(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("the amount must be an int")
    if n < 0:
        raise ValueError("the amount must not be negative")


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in Beijing time: 23:59:59.999999, i.e. "24:00"."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=SHANGHAI)


def local_date(moment: dt.datetime) -> dt.date:
    """The date of an aware moment in Beijing time."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place in time: pass an aware one")
    return moment.astimezone(SHANGHAI).date()


def count_days(start: dt.date, n: int, *, workdays_only: bool, overrides: Overrides,
               paused: Set[dt.date] = _NO_DAYS) -> dt.date:
    """The n-th day after ``start`` (start itself not counted) that counts.

    A day counts unless it is paused, and, with ``workdays_only``, unless it is a rest day.
    """
    day = start
    left = n
    while left:
        day += ONE_DAY
        if day in paused:
            continue
        if workdays_only and not is_workday(day, overrides=overrides):
            continue
        left -= 1
    return day


def roll_past_rest(day: dt.date, *, overrides: Overrides,
                   paused: Set[dt.date] = _NO_DAYS) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after the rest."""
    while day in paused or not is_workday(day, overrides=overrides):
        day += ONE_DAY
    return day


def months_later(start: dt.date, n: int) -> dt.date:
    """The corresponding day n months later, or that month's last day (no rest-day rule)."""
    _check_amount(n)
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, gregorian.monthrange(year, month)[1]))


def add_working_days(start: dt.date, n: int, *, overrides: Overrides | None = None) -> dt.date:
    """The n-th working day after ``start``; ``start`` itself when n is 0."""
    _check_amount(n)
    return count_days(start, n, workdays_only=True,
                      overrides=resolve_overrides(overrides, start))


def add_calendar_days(start: dt.date, n: int, *, overrides: Overrides | None = None) -> dt.date:
    """The last day of an n-day period begun on ``start``, moved past a closing rest period.

    n = 0 means "the same day" and returns ``start`` unchanged.
    """
    _check_amount(n)
    if n == 0:
        return start
    found = resolve_overrides(overrides, start)
    return roll_past_rest(start + dt.timedelta(days=n), overrides=found)


def add_months(start: dt.date, n: int, *, overrides: Overrides | None = None) -> dt.date:
    """The last day of an n-month period begun on ``start``, moved past a closing rest period."""
    last = months_later(start, n)
    if n == 0:
        return start
    return roll_past_rest(last, overrides=resolve_overrides(overrides, start))


def add_hours(start: dt.datetime, n: int) -> dt.datetime:
    """``start`` plus n hours of the clock: nights, weekends and holidays all count."""
    _check_amount(n)
    local_date(start)  # refuses naive datetimes
    return start + dt.timedelta(hours=n)
