"""Rate limits shared by every app server: one atomic upsert per request.

A fixed window per key: ``INSERT … ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
RETURNING count`` — a single statement on SQLite (≥ 3.35) and PostgreSQL, so counting never
races and costs one round trip. Old windows are deleted by ``ratelimit_prune``, which the
scheduler runs.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.utils import timezone

from .models import RateCounter

_UPSERT = (
    "INSERT INTO {table} (key, window_start, count, expires_at) VALUES (%s, %s, 1, %s) "
    "ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + 1 RETURNING count"
)


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request under ``key``; True while it stays within ``limit`` per window."""
    window = int(time.time()) // window_seconds * window_seconds
    expires = timezone.now() + dt.timedelta(seconds=window_seconds)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    sql = _UPSERT.format(table=table)
    with connection.cursor() as cursor:  # one statement: atomic on its own
        cursor.execute(sql, [key[:200], window, expires])
        (count,) = cursor.fetchone()
    return count <= limit


def ratelimit_prune(*, now: dt.datetime | None = None) -> int:
    deleted, _ = RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
