"""Article view counts, buffered in this process and written in batches.

A view adds one to a counter in memory (a lock and a dict: no database work on the page). A
daemon thread writes the counters every ``PORTAL_VIEW_FLUSH_SECONDS`` (half a second) with
``UPDATE ... SET views = views + n``, so any number of processes on one database add up; a
normal exit (gunicorn's worker exit, Ctrl-C) writes what is left through ``atexit``. A process
killed with SIGKILL loses what it had not written: at most one interval of its views, well
inside the one second the portal promises. A page shows the stored total plus this process's
unwritten views, so a reader sees their own view.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections import Counter
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.db.models import F

logger = logging.getLogger(__name__)

# Crawlers, link previews and monitors that announce themselves; a person's browser does not
# contain these words.
CRAWLER_AGENT = re.compile(
    r"bot\b|bot/|spider|crawl|slurp|baiduspider|sogou|360spider|yisouspider|bytespider|"
    r"facebookexternalhit|feedfetcher|rss|preview|monitor|pingdom|uptime|headlesschecker|"
    r"python-requests|python-urllib|curl/|wget/|go-http-client|scrapy|httpclient|okhttp",
    re.IGNORECASE,
)


def is_crawler(user_agent: str) -> bool:
    return bool(CRAWLER_AGENT.search(user_agent))


def counts_as_view(request: Any) -> bool:
    """A reader's GET of the published page: not a preview, not a crawler."""
    return (request.method == "GET"
            and not getattr(request, "is_preview", False)
            and not is_crawler(request.headers.get("User-Agent", "")))


class ViewBuffer:
    """Views counted in this process and not yet written, per article id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Counter[int] = Counter()
        self._thread_pid = 0

    def add(self, page_id: int) -> None:
        with self._lock:
            self._pending[page_id] += 1
        self._ensure_thread()

    def pending(self, page_id: int) -> int:
        with self._lock:
            return self._pending.get(page_id, 0)

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()

    def flush(self) -> int:
        """Write the counters (one UPDATE per distinct count); put them back if it fails."""
        from .models import ArticlePage

        with self._lock:
            taken, self._pending = self._pending, Counter()
        if not taken:
            return 0
        by_count: dict[int, list[int]] = {}
        for page_id, n in taken.items():
            by_count.setdefault(n, []).append(page_id)
        written: Counter[int] = Counter()
        try:
            for n, ids in sorted(by_count.items()):
                ArticlePage.objects.filter(pk__in=ids).update(views=F("views") + n)
                written.update(dict.fromkeys(ids, n))
        except Exception:
            with self._lock:
                self._pending.update(taken - written)
            raise
        return sum(taken.values())

    def flush_quietly(self) -> None:
        try:
            self.flush()
        except Exception:  # at exit or in the thread: log, keep the counts for the next try
            logger.exception("could not write article view counts")

    def _ensure_thread(self) -> None:
        # One writer per process; after a fork the child starts its own.
        if self._thread_pid == os.getpid() or not getattr(settings, "PORTAL_VIEW_FLUSH_THREAD",
                                                          True):
            return
        with self._lock:
            if self._thread_pid == os.getpid():
                return
            self._thread_pid = os.getpid()
        threading.Thread(target=self._run, name="portal-view-counts", daemon=True).start()

    def _run(self) -> None:
        # A fixed cadence, not "sleep, then write": the time a write takes does not stretch
        # the interval, so what a SIGKILL can lose stays within one interval of views.
        interval = float(getattr(settings, "PORTAL_VIEW_FLUSH_SECONDS", 0.5))
        due = time.monotonic() + interval
        while True:
            time.sleep(max(0.0, due - time.monotonic()))
            close_old_connections()
            self.flush_quietly()
            due = max(due + interval, time.monotonic())


buffer = ViewBuffer()
