"""Run the periodic jobs of ``fazhi.ops.schedule`` when they fall due.

Every app server may run one scheduler: each job's slot is claimed in the database, so a job
runs once per slot however many schedulers are running.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from django.core.management import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from fazhi.ops.schedule import JOBS, Job
from fazhi.ops.services import scheduled_job_claim, scheduled_jobs_register
from fazhi.ops.tasks import run_scheduled_job

logger = logging.getLogger("fazhi.scheduler")


def run_due_jobs(jobs: list[Job]) -> list[str]:
    """Hand every job whose slot this process claims to the task worker (``fazhi db_worker``);
    return the names of those it enqueued."""
    ran = []
    for job in jobs:
        if not scheduled_job_claim(job=job, now=timezone.now()):
            continue
        logger.info("job %s: enqueuing %s %s", job.name, job.command, " ".join(job.args))
        run_scheduled_job.enqueue(name=job.name, command=job.command, args=list(job.args))
        ran.append(job.name)
    return ran


class Command(BaseCommand):
    help = "Run the periodic jobs when they fall due (one run per slot across all servers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tick", type=float, default=30.0,
                            help="Seconds between looks for due jobs (default 30).")
        parser.add_argument("--once", action="store_true",
                            help="Run the due jobs once and exit.")

    def handle(self, *args: object, tick: float, once: bool, **options: object) -> None:
        scheduled_jobs_register(jobs=JOBS, now=timezone.now())
        if once:
            run_due_jobs(JOBS)
            return
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            logger.info("scheduler: stopping after the current job")
            stop.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        logger.info("scheduler: %d jobs, looking every %ss", len(JOBS), tick)
        while not stop.is_set():
            close_old_connections()
            try:
                run_due_jobs(JOBS)
            except Exception:  # the database may be briefly away; try again next tick
                logger.exception("scheduler: could not look for due jobs")
            stop.wait(tick)
        close_old_connections()
