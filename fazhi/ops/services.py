"""Writes of the ops app: claiming and finishing scheduled jobs."""

from __future__ import annotations

from datetime import datetime, timedelta

from fazhi.ops.models import ScheduledJob
from fazhi.ops.schedule import Job


def scheduled_jobs_register(*, jobs: list[Job], now: datetime) -> None:
    """Create the row of every job that has none yet; a new job is due at once."""
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(name=job.name, next_run_at=now) for job in jobs],
        ignore_conflicts=True,
    )


def scheduled_job_claim(*, job: Job, now: datetime) -> bool:
    """Take the job's current slot if it is due and nobody took it yet.

    One conditional UPDATE: on PostgreSQL a second server's UPDATE waits for the row lock and
    then re-checks ``next_run_at``; on SQLite writes are serialised. Either way exactly one
    caller sees a changed row.
    """
    claimed = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + timedelta(seconds=job.every),
        last_started_at=now,
        last_status=ScheduledJob.Status.RUNNING,
    )
    return claimed == 1


def scheduled_job_finish(*, name: str, ok: bool, now: datetime) -> None:
    ScheduledJob.objects.filter(name=name).update(
        last_finished_at=now,
        last_status=ScheduledJob.Status.OK if ok else ScheduledJob.Status.FAILED,
    )
