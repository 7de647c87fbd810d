"""How long a case has left: the days to its due moment, counted as its rule counts them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fazhi.core import workdays

from ..models import DeadlineRule


@dataclass(frozen=True)
class Countdown:
    days: int  # left (0: due today), or past due when ``overdue``
    overdue: bool
    working: bool  # counted in working days (the rule's unit), else calendar days
    state: str  # "ok", "due_soon" or "overdue", as the work queue marks it


def _days_between(first: dt.date, last: dt.date, *, working: bool) -> int:
    """Days after ``first`` up to and including ``last`` (working days only if ``working``)."""
    if last <= first:
        return 0
    if not working:
        return (last - first).days
    try:
        overrides = workdays.overrides_load(first, last)
        return sum(1 for n in range(1, (last - first).days + 1)
                   if workdays.is_workday(first + dt.timedelta(days=n), overrides=overrides))
    except workdays.CalendarUnknown:
        return (last - first).days


def countdown_for(case: Any, deadlines: list[Any], now: dt.datetime,
                  soon: dt.timedelta) -> Countdown | None:
    """The countdown of the case's due moment (its earliest running deadline), or None."""
    if not case.is_open or case.due_at is None:
        return None
    running = [d for d in deadlines if d.status == "running" and d.due_at == case.due_at]
    working = bool(running) and running[0].rule.unit == DeadlineRule.Unit.WORKING_DAYS
    today, due = workdays.local_date(now), workdays.local_date(case.due_at)
    state = workdays.state(case.due_at, now, soon)
    if state == "overdue":
        return Countdown(max(1, _days_between(due, today, working=working)), True, working,
                         state)
    return Countdown(_days_between(today, due, working=working), False, working, state)
