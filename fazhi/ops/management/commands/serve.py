"""Prepare the database and serve: gunicorn, the task worker and the scheduler together.

``make run`` calls this with ``--demo``. Ctrl-C (SIGINT) or SIGTERM stops all three gracefully;
a second Ctrl-C kills them. A task worker or scheduler that dies is started again after a
back-off (1 s, doubling to 60 s, back to 1 s once it has run for a minute), so one bad task
never takes the web server down; only the web server dying ends ``serve`` (exit status 1).
The demo world (published passwords) is built only when ``--demo`` asks for it.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import (
    BaseCommand,
    CommandParser,
    call_command,
    get_commands,
)
from django.db import connections

GRACE_SECONDS = 30
BACKOFF_FIRST, BACKOFF_MAX, STABLE_SECONDS = 1.0, 60.0, 60.0
ESSENTIAL = "web"  # the one child whose end ends serve

logger = logging.getLogger("fazhi.serve")


class Backoff:
    """When to start a child again after it died: the delay doubles on each quick death and
    returns to the first once a run has lasted ``stable`` seconds."""

    def __init__(self, first: float = BACKOFF_FIRST, most: float = BACKOFF_MAX,
                 stable: float = STABLE_SECONDS) -> None:
        self.first, self.most, self.stable = first, most, stable
        self.delay = first

    def after_death(self, ran_for: float) -> float:
        """The delay before the next start, for a child that ran ``ran_for`` seconds."""
        if ran_for >= self.stable:
            self.delay = self.first
        delay = self.delay
        self.delay = min(self.delay * 2, self.most)
        return delay


class Command(BaseCommand):
    help = "Migrate (and with --demo build the demo world on an empty database), then run " \
           "the web server, the task worker and the scheduler until Ctrl-C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=min(4, max(2, os.cpu_count() or 2)),
                            help="gunicorn worker processes (default: cores, 2 to 4).")
        parser.add_argument("--no-prepare", action="store_true",
                            help="Skip migrate and collectstatic (for servers that share a "
                                 "database migrated elsewhere).")
        parser.add_argument("--demo", action="store_true",
                            help="Build the demo world (accounts with a published password) "
                                 "if the database has no users. Never in production.")

    def handle(self, *args: object, host: str, port: int, workers: int, no_prepare: bool,
               demo: bool, **options: object) -> None:
        if not no_prepare:
            self.prepare(demo=demo)
        self.print_banner(host, port, demo=demo)
        connections.close_all()
        code = self.supervise(self.commands(host, port, workers))
        if code:
            sys.exit(code)

    # --- before serving ---------------------------------------------------------------------
    def prepare(self, *, demo: bool) -> None:
        self.stdout.write("Preparing the database and static files ...")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not demo:
            return
        if "demo" not in get_commands():
            self.stdout.write("No `demo` command yet: skipping the demo world.")
        elif not get_user_model().objects.exists():
            self.stdout.write("Empty database: building the demo world ...")
            call_command("demo", "--if-empty")

    def print_banner(self, host: str, port: int, *, demo: bool) -> None:
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(self.style.SUCCESS(f"\nFazhi: http://{shown}:{port}/"))
        self.stdout.write(f"Data dir: {settings.DATA_DIR}")
        accounts = Path(settings.DATA_DIR) / "demo_accounts.txt"
        if demo and accounts.exists():
            self.stdout.write("Demo accounts:")
            self.stdout.write(accounts.read_text(encoding="utf-8").rstrip())
        self.stdout.write("Press Ctrl-C to stop.\n")

    # --- serving ----------------------------------------------------------------------------
    def commands(self, host: str, port: int, workers: int) -> dict[str, list[str]]:
        python = sys.executable
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return {
            "web": [python, "-m", "gunicorn", "fazhi.wsgi", "--bind", bind,
                    "--workers", str(workers), "--worker-class", "gthread", "--threads", "4",
                    "--access-logfile", "-", "--graceful-timeout", str(GRACE_SECONDS - 5),
                    # its own instance's directory, not ~/.gunicorn shared by every instance
                    "--control-socket", str(Path(settings.DATA_DIR) / "gunicorn.ctl")],
            "worker": [python, "-m", "fazhi", "db_worker", "--no-reload"],
            "scheduler": [python, "-m", "fazhi", "scheduler"],
        }

    def supervise(self, commands: dict[str, list[str]]) -> int:
        stopping: list[int] = []
        self.stopping = stopping

        def on_signal(signum: int, frame: FrameType | None) -> None:
            stopping.append(signum)

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            return self.run_children(commands, stopping)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def run_children(self, commands: dict[str, list[str]], stopping: list[int]) -> int:
        children = {name: self.start(argv) for name, argv in commands.items()}
        started = {name: time.monotonic() for name in commands}
        backoffs = {name: Backoff() for name in commands}
        restart_at: dict[str, float] = {}
        code = 0
        while not stopping:
            now = time.monotonic()
            for name, child in children.items():
                if name in restart_at or child.poll() is None:
                    continue
                if name == ESSENTIAL:
                    self.stderr.write(f"{name} stopped unexpectedly (exit status "
                                      f"{child.returncode}); stopping the rest.")
                    code = 1
                    break
                delay = backoffs[name].after_death(now - started[name])
                restart_at[name] = now + delay
                logger.error("%s exited with status %s; restarting it in %.0f s",
                             name, child.returncode, delay)
            if code:
                break
            for name, when in list(restart_at.items()):
                if now >= when:
                    del restart_at[name]
                    children[name], started[name] = self.start(commands[name]), now
            self.tick()
        self.stop(children, stopping)
        return code

    def start(self, argv: list[str]) -> subprocess.Popen:
        # Each child gets its own session: Ctrl-C reaches only this supervisor, which then
        # asks each child once to stop (a second SIGINT would make the task worker abandon
        # its task).
        return subprocess.Popen(argv, start_new_session=True)  # noqa: S603

    def tick(self) -> None:
        time.sleep(0.5)

    def stop(self, children: dict[str, subprocess.Popen], stopping: list[int]) -> None:
        self.stdout.write("Stopping ...")
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        asked = len(stopping)
        deadline = time.monotonic() + GRACE_SECONDS
        while any(child.poll() is None for child in children.values()):
            if time.monotonic() > deadline or len(stopping) > asked:  # impatient: kill
                for child in children.values():
                    if child.poll() is None:
                        child.kill()
            time.sleep(0.2)
        self.stdout.write("Stopped.")

