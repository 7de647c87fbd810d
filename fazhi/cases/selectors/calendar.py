"""The working-day calendar page: a year's official arrangement beside the local overrides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.core.models import CalendarYear
from fazhi.core.workdays.official import CalendarUnknown, last_known_year, official_arrangement
from fazhi.core.workdays.overrides import calendar_override_list

from ..access import require_reader


def calendar_year_for(*, actor: Any, year: int) -> dict[str, Any]:
    """Everything the calendar page shows for ``year``, in two queries: the published
    arrangement (None for a year the package does not know yet), the year's overrides with
    who changed them, and whether administrators marked the year as entered in full."""
    require_reader(actor)
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
    }
