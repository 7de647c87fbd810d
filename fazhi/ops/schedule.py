"""The periodic jobs that ``fazhi scheduler`` (started by ``fazhi serve``) runs.

Each job is a management command, so it can also be run by hand. To add one, append a
``Job`` below; the scheduler creates its database row on start.
"""

from __future__ import annotations

from dataclasses import dataclass

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


@dataclass(frozen=True)
class Job:
    name: str
    every: int  # seconds between runs
    command: str
    args: tuple[str, ...] = ()


JOBS: list[Job] = [
    # Expired sessions pile up in the database session table.
    Job(name="clear-sessions", every=DAY, command="clearsessions"),
    Job(name="case-reminders", every=HOUR, command="case_reminders"),
    # Expired rate-limit windows (fazhi.core.ratelimit).
    Job(name="ratelimit-prune", every=HOUR, command="ratelimit_prune"),
    # Lagging responsibility-list items: at most one reminder per item and user a month.
    Job(name="outreach-reminders", every=DAY, command="outreach_reminders"),
    # Exam papers whose time is up are submitted by the server (also lazily on next access).
    Job(name="exams-sweep", every=MINUTE, command="exams_sweep"),
    Job(name="contests-sweep", every=MINUTE, command="contests_sweep"),
    # Units below an exam's target sat rate, in the last days of its window.
    Job(name="exams-reminders", every=DAY, command="exams_reminders"),
    # The portal's pages whose "go live at" / "expire at" time has come (Wagtail's command).
    Job(name="portal-publish-scheduled", every=MINUTE, command="publish_scheduled"),
]
