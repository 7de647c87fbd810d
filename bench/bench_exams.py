"""Exams under load (docs/exams.md, "Figures"), each against a baseline measured in the same run:

- start: N candidates (default 5,000) each start the same drawn exam (the draw, the paper's
  rows) and get its first page, in this process, one after another; the measured service times
  are then queued as arrivals spread evenly over 60 s onto as many workers as the machine has
  cores (2), which gives the p95 a candidate waits for the page (goal <= 1 s). Baseline: a
  one-row-insert view.
- save: one answer saved (the JSON endpoint the page's script posts to) vs the one-row-insert
  view, interleaved (goal ratio of throughputs >= 0.6).
- mark: the N papers submitted and marked, per paper vs a one-row insert in its own transaction.
- kill: a server (gunicorn, 2 workers) takes a burst of answers from 40 candidates and is
  killed with SIGKILL mid-burst; after restart every acknowledged answer must be found. On
  SQLite and, when its binaries are installed, on a throwaway PostgreSQL cluster.

Alone: ``.venv/bin/python -m bench --only exams`` (EXAMS_BENCH_N=1000 for a shorter run).
"""

from __future__ import annotations

import datetime as dt
import heapq
import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.core import Context, Result

TARGET = 5000
N = int(os.environ.get("EXAMS_BENCH_N", str(TARGET)))
WINDOW_SECONDS = 60
WORKERS = 2


def _queue_p95(service_ms: list[float], window: float, workers: int) -> float:
    """p95 of (wait + service) when len(service_ms) arrivals come evenly over ``window`` s."""
    free = [0.0] * workers
    heapq.heapify(free)
    waits = []
    gap = window / len(service_ms)
    for i, service in enumerate(service_ms):
        arrival = i * gap
        start = max(arrival, heapq.heappop(free))
        end = start + service / 1000
        heapq.heappush(free, end)
        waits.append((end - arrival) * 1000)
    waits.sort()
    return waits[int(0.95 * (len(waits) - 1))]


def _activity() -> int:
    from django.utils import timezone

    from fazhi.outreach.models import Activity

    now = timezone.now()
    return Activity.objects.create(kind="lecture_hall", title="压测基线", venue="活动室",
                                   starts_at=now, ends_at=now + dt.timedelta(hours=1)).pk


def run(ctx: Context) -> list[Result]:
    from django.test import Client

    from bench.core import Result, ratio
    from bench.exams_world import build
    from fazhi.exams.models import Attempt, PaperItem
    from fazhi.exams.services.sitting import attempt_expire

    exam_id = build(N)
    activity = _activity()
    insert_url = f"/__bench__/insert/{activity}/"

    # --- start: draw + first page, per candidate ------------------------------------------
    service, insert_ms = [], []
    for n in range(N):
        client = Client()
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=f"bx{n:05d}"))
        began = time.perf_counter()
        started = client.post(f"/exams/{exam_id}/start/")
        page = client.get(started["Location"])
        service.append((time.perf_counter() - began) * 1000)
        assert page.status_code == 200, page.status_code
        if n % 10 == 0:
            began = time.perf_counter()
            client.post(insert_url)
            insert_ms.append((time.perf_counter() - began) * 1000)
    service_sorted = sorted(service)
    p95_service = service_sorted[int(0.95 * (N - 1))]
    median_start = service_sorted[N // 2]
    median_insert = sorted(insert_ms)[len(insert_ms) // 2]
    # A shorter run (EXAMS_BENCH_N < 5,000) queues its measured service times over and over as
    # 5,000 arrivals, so the goal is always judged at 5,000 starts in 60 s.
    arrivals = (service * -(-TARGET // N))[:TARGET]
    queued_p95 = _queue_p95(arrivals, WINDOW_SECONDS, WORKERS)

    # --- save one answer vs the one-row insert ----------------------------------------------
    attempt = Attempt.objects.filter(exam_id=exam_id).order_by("pk")[0]
    saver = Client()
    saver.force_login(attempt.user)
    counter = {"seq": 0}

    def save() -> None:
        counter["seq"] += 1
        response = saver.post(f"/exams/papers/{attempt.pk}/answer/", {
            "position": 1 + counter["seq"] % 50, "answer": 0, "seq": counter["seq"],
            "paper_version": attempt.version}, content_type="application/json")
        assert response.status_code == 200, response.content

    def insert() -> None:
        saver.post(insert_url)

    save_t, insert_t = ctx.compare(save, insert)
    save_ratio = round(insert_t.median_ms / save_t.median_ms, 3)

    # --- marking N submitted papers ---------------------------------------------------------
    PaperItem.objects.filter(attempt__exam_id=exam_id).update(response=[0])
    # After the last paper's deadline (the starts take minutes: every paper must be due).
    from django.db.models import Max

    later = Attempt.objects.filter(exam_id=exam_id).aggregate(m=Max("deadline"))["m"] + \
        dt.timedelta(minutes=1)
    ids = list(Attempt.objects.filter(exam_id=exam_id, state="open").values_list("pk", flat=True))
    began = time.perf_counter()
    for pk in ids:
        attempt_expire(attempt_id=pk, now=later)
    mark_ms = (time.perf_counter() - began) * 1000 / max(1, len(ids))
    from django.db import transaction

    from fazhi.outreach.models import WalkIn

    began = time.perf_counter()
    for _n in range(500):
        with transaction.atomic():
            WalkIn.objects.create(activity_id=activity, count=1)
    one_insert_ms = (time.perf_counter() - began) * 1000 / 500
    marked = Attempt.objects.filter(exam_id=exam_id, state="submitted").count()

    results = [
        Result(name=f"exams: {TARGET} starts in {WINDOW_SECONDS} s, queued on {WORKERS} workers, "
                    f"p95 ({N} measured)",
               value=round(queued_p95, 1), unit="ms", baseline=1000.0,
               ratio=ratio(queued_p95, 1000.0), goal="<= 1000 ms", ok=queued_p95 <= 1000),
        Result(name="exams: start (draw + paper + first page), median vs one-row insert view",
               value=round(median_start, 2), unit="ms", baseline=round(median_insert, 2),
               ratio=ratio(median_start, median_insert)),
        Result(name="exams: start (draw + paper + first page), p95 service time",
               value=round(p95_service, 2), unit="ms", baseline=round(median_insert, 2),
               ratio=ratio(p95_service, median_insert)),
        Result(name="exams: answer saves/s vs one-row-insert view/s",
               value=round(1000 / save_t.median_ms, 1), unit="req/s",
               baseline=round(1000 / insert_t.median_ms, 1), ratio=save_ratio,
               goal=">= 0.6", ok=save_ratio >= 0.6),
        Result(name=f"exams: marking {marked} submitted papers, per paper vs one-row insert",
               value=round(mark_ms, 2), unit="ms", baseline=round(one_insert_ms, 2),
               ratio=ratio(mark_ms, one_insert_ms)),
    ]
    from bench.exams_kill import kill_results

    return results + kill_results()
