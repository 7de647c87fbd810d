"""Background tasks of the ops app (Django Tasks, database backend, run by ``fazhi db_worker``)."""

from __future__ import annotations

import logging

from django.core.management import call_command
from django.tasks import task
from django.utils import timezone

from fazhi.ops.services import scheduled_job_finish

logger = logging.getLogger("fazhi.scheduler")


@task()
def run_scheduled_job(name: str, command: str, args: list[str]) -> bool:
    """Run one periodic job's management command and record how it went.

    Enqueued by ``fazhi scheduler`` once per slot; the jobs themselves are idempotent, so a
    retried task does no harm."""
    ok = True
    try:
        call_command(command, *args)
    except Exception:
        ok = False
        logger.exception("job %s failed", name)
    scheduled_job_finish(name=name, ok=ok, now=timezone.now())
    return ok
