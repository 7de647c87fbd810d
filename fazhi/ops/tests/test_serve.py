"""``fazhi serve``: what it starts, what it restarts, and that it builds no demo unasked."""

import io
import logging
import signal
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from fazhi.ops.management.commands import serve

EXITS_AT_ONCE = [sys.executable, "-c", "import sys; sys.exit(3)"]
RUNS_UNTIL_STOPPED = [sys.executable, "-c", "import time; time.sleep(120)"]


class FakeServe(serve.Command):
    """Counts starts and, instead of waiting for Ctrl-C, stops once the worker started
    ``worker_starts`` times."""

    def __init__(self, worker_starts: int = 3) -> None:
        super().__init__(stdout=io.StringIO(), stderr=io.StringIO())
        self.starts: list[str] = []
        self.worker_starts = worker_starts

    def start(self, argv):
        self.starts.append("web" if argv is RUNS_UNTIL_STOPPED else "other")
        return super().start(argv)

    def tick(self):
        if self.starts.count("other") >= self.worker_starts:
            self.stopping.append(signal.SIGTERM)
        else:
            super().tick()


@pytest.fixture
def no_backoff(monkeypatch):
    quick = serve.Backoff
    monkeypatch.setattr(serve, "Backoff", lambda: quick(first=0, most=0))


def test_serve_restarts_a_worker_that_dies_and_keeps_the_web_server(no_backoff, caplog):
    command = FakeServe(worker_starts=3)
    with caplog.at_level(logging.ERROR, logger="fazhi.serve"):
        code = command.supervise({"web": RUNS_UNTIL_STOPPED, "worker": EXITS_AT_ONCE})
    assert code == 0
    assert command.starts.count("web") == 1
    assert command.starts.count("other") == 3
    assert caplog.messages[:2] == ["worker exited with status 3; restarting it in 0 s"] * 2


def test_serve_ends_with_status_1_when_the_web_server_dies(no_backoff):
    command = FakeServe(worker_starts=99)
    code = command.supervise({"web": EXITS_AT_ONCE, "scheduler": RUNS_UNTIL_STOPPED})
    assert code == 1
    assert "web stopped unexpectedly (exit status 3); stopping the rest." in (
        command.stderr.getvalue())


def test_the_restart_delay_doubles_to_a_minute_and_resets_after_a_stable_minute():
    backoff = serve.Backoff()
    quick = [backoff.after_death(ran_for=0.1) for _ in range(8)]
    assert quick == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.after_death(ran_for=61) == 1
    assert backoff.after_death(ran_for=5) == 2


def test_the_gunicorn_control_socket_is_in_the_data_directory():
    web = serve.Command().commands("127.0.0.1", 8123, 2)["web"]
    socket = web[web.index("--control-socket") + 1]
    assert socket == str(Path(settings.DATA_DIR) / "gunicorn.ctl")


@pytest.mark.django_db
@pytest.mark.parametrize(("flags", "built"), [([], []), (["--demo"], ["demo"])])
def test_serve_builds_the_demo_world_only_when_asked(monkeypatch, flags, built):
    ran: list[str] = []
    monkeypatch.setattr(serve, "call_command", lambda name, *a, **k: ran.append(name))
    monkeypatch.setattr(serve.Command, "supervise", lambda self, commands: 0)
    monkeypatch.setattr(serve.connections, "close_all", lambda: None)
    assert not get_user_model().objects.exists()
    out = io.StringIO()
    call_command("serve", *flags, stdout=out)
    assert [name for name in ran if name == "demo"] == built
    assert "Demo accounts:" not in out.getvalue() or flags
