from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from fazhi.ops.management.commands import scheduler
from fazhi.ops.models import ScheduledJob
from fazhi.ops.schedule import DAY, JOBS, Job
from fazhi.ops.services import scheduled_job_claim, scheduled_jobs_register

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
HOURLY = Job(name="hourly", every=3600, command="check")


@pytest.fixture
def hourly(db) -> Job:
    scheduled_jobs_register(jobs=[HOURLY], now=NOW)
    return HOURLY


def test_a_due_job_is_claimed_once_when_two_schedulers_race(hourly):
    first = scheduled_job_claim(job=hourly, now=NOW)
    second = scheduled_job_claim(job=hourly, now=NOW)

    assert (first, second) == (True, False)
    row = ScheduledJob.objects.get(name="hourly")
    assert row.next_run_at == NOW + dt.timedelta(hours=1)
    assert row.last_started_at == NOW
    assert row.last_status == ScheduledJob.Status.RUNNING


def test_a_job_is_due_again_only_after_its_interval(hourly):
    scheduled_job_claim(job=hourly, now=NOW)

    early = scheduled_job_claim(job=hourly, now=NOW + dt.timedelta(minutes=59, seconds=59))
    on_time = scheduled_job_claim(job=hourly, now=NOW + dt.timedelta(hours=1))

    assert (early, on_time) == (False, True)


def test_registering_again_keeps_each_jobs_slot(hourly):
    scheduled_job_claim(job=hourly, now=NOW)

    scheduled_jobs_register(jobs=[HOURLY], now=NOW + dt.timedelta(minutes=5))

    assert ScheduledJob.objects.get(name="hourly").next_run_at == NOW + dt.timedelta(hours=1)


def test_every_registered_job_names_an_existing_command():
    from django.core.management import get_commands

    names = [job.name for job in JOBS]
    assert len(names) == len(set(names))
    assert {job.command for job in JOBS} <= set(get_commands())


@time_machine.travel(NOW, tick=False)
def test_the_scheduler_runs_due_jobs_once_and_records_the_outcome(db, monkeypatch):
    broken = Job(name="broken", every=DAY, command="no_such_command")
    monkeypatch.setattr(scheduler, "JOBS", [HOURLY, broken])

    call_command("scheduler", "--once")
    call_command("scheduler", "--once")  # nothing is due any more

    rows = {row.name: row for row in ScheduledJob.objects.all()}
    assert rows["hourly"].last_status == ScheduledJob.Status.OK
    assert rows["hourly"].last_finished_at == NOW
    assert rows["hourly"].next_run_at == NOW + dt.timedelta(hours=1)
    assert rows["broken"].last_status == ScheduledJob.Status.FAILED
    assert rows["broken"].next_run_at == NOW + dt.timedelta(days=1)


@time_machine.travel(NOW, tick=False)
def test_run_due_jobs_reports_what_it_ran(db):
    scheduled_jobs_register(jobs=[HOURLY], now=NOW)

    assert scheduler.run_due_jobs([HOURLY]) == ["hourly"]
    assert scheduler.run_due_jobs([HOURLY]) == []
