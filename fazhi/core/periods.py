"""Calendar days as ranges of instants, so that a period filter can use an index.

``received_at__date__gte=since`` asks the database to convert every row's timestamp to a local
date before comparing (SQLite calls a Python function per row; neither database can use an
index on the column; docs/measurements.md). A day in the current
time zone is instead the half-open range [its midnight, the next day's midnight).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the current time zone."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def day_bounds(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the days ``since`` to ``until`` inclusive."""
    return day_start(since), day_start(until + dt.timedelta(days=1))


def on_days(field: str, since: dt.date | None = None, until: dt.date | None = None) -> Q:
    """Rows whose ``field`` (a datetime) falls on the days ``since`` to ``until`` inclusive,
    either end open when None; the same rows as ``field__date__gte`` / ``__lte``."""
    condition = Q()
    if since is not None:
        condition &= Q(**{f"{field}__gte": day_start(since)})
    if until is not None:
        condition &= Q(**{f"{field}__lt": day_start(until + dt.timedelta(days=1))})
    return condition
