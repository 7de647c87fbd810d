"""Two app-server processes share one limit: a burst from one address, split between them,
admits no more than the limit and at most 2 x (MAX_BATCH - 1) fewer. Real processes, one
SQLite file database (WAL, as ``fazhi serve`` uses it)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from fazhi.core.ratelimit import MAX_BATCH

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 300
ATTEMPTS = 400  # each process: 800 requests in all against a limit of 300

SCRIPT = """
import os, sys, time
import django
django.setup()
from django.db import connection
from fazhi.core.models import RateCounter
from fazhi.core.ratelimit import hit
if sys.argv[1] == "setup":
    with connection.schema_editor() as editor:
        editor.create_model(RateCounter)
    sys.exit(0)
go = sys.argv[2]
open(go + "." + str(os.getpid()), "w").close()  # ready: Django is set up
while not os.path.exists(go):
    time.sleep(0.005)
admitted = 0
limit, attempts = int(sys.argv[3]), int(sys.argv[4])
for _ in range(attempts):
    admitted += hit("checkin:7:203.0.113.9", limit=limit, window_seconds=10**9)
    time.sleep(0.001)  # the rest of a request's work, so that the two processes interleave
print(admitted, RateCounter.objects.get().count)
"""


def _python(tmp_path: Path, *args: str):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings",
           "FAZHI_DATA_DIR": str(tmp_path), "FAZHI_DATABASE_URL": ""}
    return subprocess.Popen([sys.executable, "-c", SCRIPT, *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_together_admit_the_limit_within_the_stated_tolerance(tmp_path):
    setup = _python(tmp_path, "setup")
    assert setup.wait(timeout=120) == 0, setup.stderr.read()
    go = tmp_path / "go"
    workers = [_python(tmp_path, "burst", str(go), str(LIMIT), str(ATTEMPTS)) for _ in range(2)]
    # Both start counting at once, once each has set Django up (on a busy machine one could
    # otherwise spend the whole limit while the other was still starting).
    ready = [tmp_path / f"go.{worker.pid}" for worker in workers]
    deadline = time.monotonic() + 120
    while not all(path.exists() for path in ready) and time.monotonic() < deadline:
        if any(worker.poll() is not None for worker in workers):
            break
        time.sleep(0.01)
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        results.append([int(figure) for figure in out.split()])
    admitted = sum(result[0] for result in results)
    assert LIMIT - 2 * (MAX_BATCH - 1) <= admitted <= LIMIT
    assert all(result[0] > 0 for result in results)  # both took part
