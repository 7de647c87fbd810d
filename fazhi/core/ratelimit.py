"""Rate limits shared by every app server: counted in the database, reserved in batches.

A fixed window per key. The database row holds how many requests of the window every app
server together has *reserved*; a process admits a request only with a reservation it holds,
so all processes together never admit more than the limit.

A process reserves several requests at once with one statement —
``INSERT … ON CONFLICT (key, window_start) DO UPDATE SET count = count + n RETURNING count``,
atomic on SQLite (≥ 3.35) and PostgreSQL — and then admits that many from memory. A burst (a
lecture hall of phones behind one Wi-Fi, each signing in) thus costs one write per batch, not
one per request: on SQLite every write takes the database's single write lock. The batch is at
most ``MAX_BATCH`` and at most an eighth of what the window has left as last seen, so it
shrinks to one near the limit. Once a process sees the shared count at the limit it refuses
from memory, without writing, until the window ends.

Tolerance, per key and window, with P processes (each gunicorn worker is one):

- admitted ≤ limit, always (a reservation past the limit is granted only up to it);
- admitted ≥ limit − P × (MAX_BATCH − 1): requests reserved by a process that then receives no
  more of that key's requests are not admitted by anyone else. In a burst every process keeps
  receiving requests, and the batches are small near the limit, so the shortfall is far less.

Old windows are deleted by ``ratelimit_prune``, which the scheduler runs. docs/security.md
("Rate limits") lists the limits.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.db import connection
from django.utils import timezone

from .models import RateCounter

MAX_BATCH = 25
BATCH_SHARE = 8  # a batch is at most this fraction (1/8) of what the window has left
_UPSERT = (
    "INSERT INTO {table} (key, window_start, count, expires_at) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + %s RETURNING count"
)


class _Lease:
    """This process's share of one key's window: requests reserved and not yet admitted,
    and the shared count last read back."""

    __slots__ = ("shared", "tokens")

    def __init__(self) -> None:
        self.tokens = 0
        self.shared = 0


class _Leases:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[tuple[str, int], _Lease] = {}

    def get(self, key: str, window: int, window_seconds: int) -> _Lease:
        lease = self.entries.get((key, window))
        if lease is None:
            if len(self.entries) > 10_000:  # windows gone by: start afresh
                self.entries = {k: v for k, v in self.entries.items()
                                if k[1] + window_seconds > window}
            lease = self.entries[(key, window)] = _Lease()
        return lease

    def forget(self) -> None:
        with self.lock:
            self.entries.clear()


_LEASES = _Leases()


def _reserve(key: str, window: int, window_seconds: int, n: int) -> int:
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
    with _LEASES.lock:
        lease = _LEASES.get(key, window, window_seconds)
        if lease.tokens > 0:
            lease.tokens -= 1
            return True
        if lease.shared >= limit:
            return False
        batch = max(1, min(MAX_BATCH, (limit - lease.shared) // BATCH_SHARE))
    count = _reserve(key, window, window_seconds, batch)
    granted = max(0, min(batch, limit - (count - batch)))
    with _LEASES.lock:
        lease.shared = max(lease.shared, count)
        if granted == 0:
            return False
        lease.tokens += granted - 1
    return True


def ratelimit_forget_local() -> None:
    """Drop this process's reservations (tests start each case from the database)."""
    _LEASES.forget()


def ratelimit_prune(*, now: dt.datetime | None = None) -> int:
    deleted, _ = RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
