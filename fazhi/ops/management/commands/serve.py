"""Prepare the database and serve: gunicorn, the task worker and the scheduler together.

``make run`` calls this. Ctrl-C (SIGINT) or SIGTERM stops all three gracefully; a second
Ctrl-C kills them. If one of them dies, the others are stopped and the exit status is 1.
"""

from __future__ import annotations

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
    load_command_class,
)
from django.db import connections

GRACE_SECONDS = 30


class Command(BaseCommand):
    help = "Migrate, build the demo world on an empty database, then run the web server, " \
           "the task worker and the scheduler until Ctrl-C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=min(4, max(2, os.cpu_count() or 2)),
                            help="gunicorn worker processes (default: cores, 2 to 4).")
        parser.add_argument("--no-prepare", action="store_true",
                            help="Skip migrate, collectstatic and the demo world (for servers "
                                 "that share a database migrated elsewhere).")
        parser.add_argument("--no-demo", action="store_true",
                            help="Do not build the demo world on an empty database.")

    def handle(self, *args: object, host: str, port: int, workers: int, no_prepare: bool,
               no_demo: bool, **options: object) -> None:
        if not no_prepare:
            self.prepare(demo=not no_demo)
        self.print_banner(host, port)
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

    def print_banner(self, host: str, port: int) -> None:
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(self.style.SUCCESS(f"\nFazhi: http://{shown}:{port}/"))
        self.stdout.write(f"Data dir: {settings.DATA_DIR}")
        accounts = Path(settings.DATA_DIR) / "demo_accounts.txt"
        if accounts.exists():
            self.stdout.write("Demo accounts:")
            self.stdout.write(accounts.read_text(encoding="utf-8").rstrip())
        elif demo_has_option("--print-accounts"):
            self.stdout.write("Demo accounts:")
            call_command("demo", "--print-accounts")
        self.stdout.write("Press Ctrl-C to stop.\n")

    # --- serving ----------------------------------------------------------------------------
    def commands(self, host: str, port: int, workers: int) -> dict[str, list[str]]:
        python = sys.executable
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return {
            "web": [python, "-m", "gunicorn", "fazhi.wsgi", "--bind", bind,
                    "--workers", str(workers), "--worker-class", "gthread", "--threads", "4",
                    "--access-logfile", "-", "--graceful-timeout", str(GRACE_SECONDS - 5)],
            "worker": [python, "-m", "fazhi", "db_worker", "--no-reload"],
            "scheduler": [python, "-m", "fazhi", "scheduler"],
        }

    def supervise(self, commands: dict[str, list[str]]) -> int:
        stopping: list[int] = []

        def on_signal(signum: int, frame: FrameType | None) -> None:
            stopping.append(signum)

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        # Each child gets its own session: Ctrl-C reaches only this supervisor, which then
        # asks each child once to stop (a second SIGINT would make the task worker abandon
        # its task).
        children = {
            name: subprocess.Popen(argv, start_new_session=True)  # noqa: S603
            for name, argv in commands.items()
        }
        code = 0
        while not stopping:
            died = [name for name, child in children.items() if child.poll() is not None]
            if died:
                self.stderr.write(f"{', '.join(died)} stopped unexpectedly; stopping the rest.")
                code = 1
                break
            time.sleep(0.5)
        self.stop(children, stopping)
        return code

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


def demo_has_option(flag: str) -> bool:
    commands = get_commands()
    if "demo" not in commands:
        return False
    parser = load_command_class(commands["demo"], "demo").create_parser("fazhi", "demo")
    return flag in parser._option_string_actions
