"""Rate limits shared by every app server: counted in the database, written at most once a
second per key and process.

A fixed window per key. The database row is the count all app servers share:
``INSERT … ON CONFLICT (key, window_start) DO UPDATE SET count = count + n RETURNING count`` — a
single statement on SQLite (≥ 3.35) and PostgreSQL, so counting never races.

Each process counts its own requests in memory and adds them to the row at most once a second
per key (``FLUSH_SECONDS``), and at once whenever its figure reaches the limit, so a refusal is
always decided on the shared count. A burst — a lecture hall of phones behind one Wi-Fi, each
signing in — thus costs one write a second per address, not one a request: on SQLite every
write takes the database's single write lock, and the limiter's writes were half of a sign-in's.
What another process counted in the last second is not seen until it writes: a limit of N
admits at most N plus what the other processes took in that second. Old windows are deleted by
``ratelimit_prune``, which the scheduler runs.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.db import connection
from django.utils import timezone

from .models import RateCounter

FLUSH_SECONDS = 1.0
_UPSERT = (
    "INSERT INTO {table} (key, window_start, count, expires_at) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + %s RETURNING count"
)


class _Counts:
    """This process's figures: per (key, window) the requests not yet written, the shared
    count last read back, and when it was written."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[tuple[str, int], list[float]] = {}

    def forget(self) -> None:
        with self.lock:
            self.entries.clear()


_COUNTS = _Counts()


def _write(key: str, window: int, window_seconds: int, n: int) -> int:
    expires = dt.datetime.fromtimestamp(window + window_seconds, tz=dt.UTC)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:  # one statement: atomic on its own
        cursor.execute(_UPSERT.format(table=table), [key, window, n, expires, n])
        (count,) = cursor.fetchone()
    return int(count)


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request under ``key``; True while it stays within ``limit`` per window."""
    key = key[:200]
    window = int(time.time()) // window_seconds * window_seconds
    now = time.monotonic()
    with _COUNTS.lock:
        entry = _COUNTS.entries.get((key, window))
        if entry is None:
            if len(_COUNTS.entries) > 10_000:  # windows gone by: start afresh
                _COUNTS.entries = {k: v for k, v in _COUNTS.entries.items()
                                   if k[1] + window_seconds > window}
            entry = _COUNTS.entries[(key, window)] = [0, 0, -FLUSH_SECONDS]
        entry[0] += 1
        unwritten, shared, written_at = entry
        if now - written_at < FLUSH_SECONDS and shared + unwritten < limit:
            return True
        entry[0], entry[2] = 0, now
    try:
        count = _write(key, window, window_seconds, int(unwritten))
    except BaseException:
        with _COUNTS.lock:  # not written: keep it for the next write
            entry[0] += unwritten
        raise
    with _COUNTS.lock:
        entry[1] = count
    return count <= limit


def ratelimit_forget_local() -> None:
    """Drop this process's unwritten figures (tests start each case from the database)."""
    _COUNTS.forget()


def ratelimit_prune(*, now: dt.datetime | None = None) -> int:
    deleted, _ = RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
