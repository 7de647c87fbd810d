"""One entry point for due moments: ``due_at(start, amount, unit, pauses=...)``.

Units:
- ``hours``: calendar hours (hotline-style 2 h / 24 h); pauses add their exact length.
- ``calendar_days``: Civil Code days; the due moment is 24:00 of the last day.
- ``working_days``: working days after the start day; due at 24:00 of the last one.
- ``months``: Civil Code months; due at 24:00 of the last day.

Pauses are ``(paused_from, paused_until)`` pairs of aware datetimes while the clock stops
(waiting on a party). For day units they count in whole days: the days whose end (24:00)
passed while the clock was stopped, i.e. the dates from ``paused_from``'s date up to the day
before ``paused_until``'s date; those days are not counted (for working days, only the
working days among them matter). A pause only moves the deadline if it began before the due
moment it would extend. For a pause still running, pass ``now`` as its end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from .counting import (
    ONE_DAY,
    count_days,
    end_of_day,
    local_date,
    months_later,
    roll_past_rest,
)
from .official import SHANGHAI, Overrides, resolve_overrides

HOURS = "hours"
CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
MONTHS = "months"
UNITS = (HOURS, CALENDAR_DAYS, WORKING_DAYS, MONTHS)

Pause = tuple[dt.datetime, dt.datetime]
State = Literal["ok", "due_soon", "overdue"]


def _merged(pauses: Iterable[Pause], start: dt.datetime) -> list[Pause]:
    """Pauses clipped to begin no earlier than ``start``, sorted, overlaps joined."""
    spans: list[Pause] = []
    for paused_from, paused_until in pauses:
        local_date(paused_from)
        local_date(paused_until)
        if paused_until < paused_from:
            raise ValueError("a pause cannot end before it begins")
        paused_from = max(paused_from, start)
        if paused_until > paused_from:
            spans.append((paused_from, paused_until))
    spans.sort()
    merged: list[Pause] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return merged


def _paused_days(spans: Sequence[Pause]) -> set[dt.date]:
    days: set[dt.date] = set()
    for paused_from, paused_until in spans:
        day, last = local_date(paused_from), local_date(paused_until)
        while day < last:
            days.add(day)
            day += ONE_DAY
    return days


def _hours_due(start: dt.datetime, amount: int, spans: Sequence[Pause]) -> dt.datetime:
    due = start + dt.timedelta(hours=amount)
    for paused_from, paused_until in spans:
        if paused_from > due:
            break
        due += paused_until - paused_from
    return due


def due_at(start: dt.datetime, amount: int, unit: str, *, pauses: Iterable[Pause] = (),
           overrides: Overrides | None = None) -> dt.datetime:
    """The aware moment (Asia/Shanghai) by which an act is due.

    ``start`` is the triggering moment (receipt, acceptance, a previous due moment for an
    extension). ``overrides=None`` loads the local overrides in one query; pass a mapping from
    ``overrides_load()`` when computing many deadlines. Raises ``CalendarUnknown`` when the
    count needs a day beyond the official calendar, ``ValueError`` on a bad unit, a negative
    amount, a naive datetime or a pause that ends before it begins.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("the amount must be an int")
    if amount < 0:
        raise ValueError("the amount must not be negative")
    start_day = local_date(start)
    spans = _merged(pauses, start)
    if unit == HOURS:
        return _hours_due(start, amount, spans).astimezone(SHANGHAI)
    if amount == 0:
        return end_of_day(start_day)
    found = resolve_overrides(overrides, start_day)
    paused = _paused_days(spans)
    if unit == WORKING_DAYS:
        last = count_days(start_day, amount, workdays_only=True, overrides=found, paused=paused)
        return end_of_day(last)
    days = amount if unit == CALENDAR_DAYS else (months_later(start_day, amount) - start_day).days
    last = count_days(start_day, days, workdays_only=False, overrides=found, paused=paused)
    return end_of_day(roll_past_rest(last, overrides=found, paused=paused))


def remaining(due: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """Time left until ``due``; negative once it has passed."""
    return due - now


def state(due: dt.datetime, now: dt.datetime, soon_threshold: dt.timedelta) -> State:
    """"overdue" after the due moment, "due_soon" within ``soon_threshold`` of it, else "ok"."""
    left = remaining(due, now)
    if left < dt.timedelta(0):
        return "overdue"
    if left <= soon_threshold:
        return "due_soon"
    return "ok"
