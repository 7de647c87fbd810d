"""The working-day calendar page: a year's official arrangement beside the local overrides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404

from fazhi.core.models import CalendarYear
from fazhi.core.roles import require_reader
from fazhi.core.workdays.official import (
    CalendarUnknown,
    first_known_year,
    last_known_year,
    official_arrangement,
)
from fazhi.core.workdays.overrides import calendar_override_list

# Years ahead of the installed calendar that can be prepared; further is a typo.
AHEAD = 2


def calendar_year_shown(year: int) -> bool:
    """Whether the calendar page and API cover ``year``."""
    return first_known_year() <= year <= last_known_year() + AHEAD


def calendar_year_for(*, actor: Any, year: int) -> dict[str, Any]:
    """Everything the calendar page shows for ``year``, in two queries: the published
    arrangement (None for a year the package does not know yet), the year's overrides with
    who changed them, whether administrators marked the year as entered in full, and the
    neighbouring years to go to. 404 for a year out of range."""
    require_reader(actor)
    if not calendar_year_shown(year):
        raise Http404
    try:
        arrangement = official_arrangement(year)
    except CalendarUnknown:
        arrangement = None
    overrides = list(calendar_override_list(start=dt.date(year, 1, 1),
                                            end=dt.date(year, 12, 31)))
    return {
        "year": year,
        "arrangement": arrangement,
        "beyond": year > last_known_year(),
        "last_known": last_known_year(),
        "overrides": overrides,
        "entered": CalendarYear.objects.filter(year=year).first(),
        "years": [y for y in (year - 1, year + 1) if calendar_year_shown(y)],
    }
