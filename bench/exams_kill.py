"""``kill -9`` of the server during a burst of answers: is every acknowledged answer there?

A fresh data directory, the exams world (40 candidates, each with an open paper), a gunicorn
server (2 gthread workers, as ``fazhi serve`` starts it) and 40 client threads that post
answers as fast as they are acknowledged. After ``KILL_AFTER`` seconds the server's whole
process group gets SIGKILL; then the database is opened again (the "restart") and each
acknowledged (paper, question, sequence) is looked up: the saved sequence must be at least the
acknowledged one. Run on SQLite, and on a throwaway PostgreSQL cluster started here as
``.ci/run`` does, when PostgreSQL's binaries are installed (else the result says so); its port
is a free one, or ``EXAMS_BENCH_PG_PORT`` when several benches share the machine.
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = 40
KILL_AFTER = 4.0
COUNT_LOCK = threading.Lock()

SETUP = """
import json
from django.test import Client
from bench.exams_world import build
from fazhi.exams.models import Exam
from fazhi.exams.services.sitting import attempt_start
from django.contrib.auth import get_user_model
exam = Exam.objects.get(pk=build({n}, prefix="kx"))
out = []
for user in get_user_model().objects.filter(username__startswith="kx").order_by("pk"):
    attempt = attempt_start(actor=user, exam=exam)
    client = Client()
    client.force_login(user)
    out.append([attempt.pk, client.cookies["sessionid"].value])
print(json.dumps(out))
"""
CHECK = """
import json, sys
from fazhi.exams.models import PaperItem
acked = json.loads(open({path!r}).read())
seqs = {{(a, p): s for a, p, s in PaperItem.objects.filter(attempt_id__in={{x[0] for x in acked}})
        .values_list("attempt_id", "position", "seq")}}
print(sum(1 for a, p, s in acked if seqs.get((a, p), 0) >= s))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fazhi(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=900).stdout.strip()


def _client(port: int, attempt: int, session: str, acked: dict, stop: threading.Event,
            statuses: dict) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", f"/exams/papers/{attempt}/", headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        response.read()
        jar = {"sessionid": session}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            jar[name] = value
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
                   "X-CSRFToken": jar.get("csrftoken", ""), "Content-Type": "application/json"}
        seq = 0
        while not stop.is_set():
            seq += 1
            position = 1 + seq % 50
            conn.request("POST", f"/exams/papers/{attempt}/answer/", headers=headers,
                         body=json.dumps({"position": position, "answer": seq % 2, "seq": seq,
                                          "paper_version": 1}))
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                acked[(attempt, position)] = seq
                with COUNT_LOCK:
                    statuses["acks"] = statuses.get("acks", 0) + 1
            else:
                statuses[response.status] = statuses.get(response.status, 0) + 1
    except (OSError, http.client.HTTPException) as exc:
        if not stop.is_set():
            statuses[type(exc).__name__] = statuses.get(type(exc).__name__, 0) + 1


def burst(env: dict[str, str], data_dir: str) -> dict[str, Any]:
    _fazhi(env, "migrate", "--verbosity", "0")
    pairs = json.loads(_fazhi(env, "shell", "-c", SETUP.format(n=CANDIDATES)).splitlines()[-1])
    port = _free_port()
    log = open(Path(data_dir) / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "fazhi.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "gthread", "--threads", "4"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.3)
        acked: dict = {}
        statuses: dict = {}
        stop = threading.Event()
        threads = [threading.Thread(target=_client, args=(port, a, s, acked, stop, statuses))
                   for a, s in pairs]
        for thread in threads:
            thread.start()
        until = time.monotonic() + 120  # the workers warm up first (slow on a busy machine)
        while len(acked) < CANDIDATES and time.monotonic() < until:
            time.sleep(0.1)
        acks_before, began = statuses.get("acks", 0), time.monotonic()
        time.sleep(KILL_AFTER)
        rate = (statuses.get("acks", 0) - acks_before) / (time.monotonic() - began)
        os.killpg(server.pid, signal.SIGKILL)  # mid-burst: requests in flight are lost
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
        log.close()
    snapshot = [[a, p, s] for (a, p), s in list(acked.items())]
    path = Path(data_dir) / "acked.json"
    path.write_text(json.dumps(snapshot))
    found = int(_fazhi(env, "shell", "-c", CHECK.format(path=str(path))).splitlines()[-1])
    statuses.pop("acks", None)
    return {"acknowledged": len(snapshot), "found": found, "refused": statuses,
            "per_second": round(rate, 1)}


def _env(data_dir: str, database_url: str = "") -> dict[str, str]:
    env = dict(os.environ)
    env.update({"FAZHI_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "fazhi.settings",
                "FAZHI_LOG_LEVEL": "WARNING", "FAZHI_DEBUG": "0",
                "FAZHI_STATIC_MANIFEST": "0", "PYTHONPATH": str(ROOT)})
    env.pop("FAZHI_DATABASE_URL", None)
    if database_url:
        env["FAZHI_DATABASE_URL"] = database_url
    return env


def sqlite_run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-kill-") as data_dir:
        return burst(_env(data_dir), data_dir)


def postgres_run() -> dict[str, Any] | None:
    """None when PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or not shutil.which("runuser"):
        return None
    bin_dir = Path(found[-1]).parent
    port = int(os.environ.get("EXAMS_BENCH_PG_PORT") or _free_port())
    pg_dir = tempfile.mkdtemp(prefix="fazhi-bench-pg-")
    shutil.chown(pg_dir, "postgres")

    def as_postgres(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True,
                       capture_output=True, timeout=120)

    as_postgres(str(bin_dir / "initdb"), "-D", f"{pg_dir}/data", "--username=postgres",
                "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
    as_postgres(str(bin_dir / "pg_ctl"), "-D", f"{pg_dir}/data", "-l", f"{pg_dir}/server.log",
                "-w", "start", "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {pg_dir}")
    try:
        as_postgres("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-q", "-c",
                    "CREATE DATABASE fazhi")
        with tempfile.TemporaryDirectory(prefix="fazhi-bench-kill-pg-") as data_dir:
            url = f"postgres://postgres@127.0.0.1:{port}/fazhi"
            return burst(_env(data_dir, url), data_dir)
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(bin_dir / "pg_ctl"), "-D",
                        f"{pg_dir}/data", "-m", "immediate", "stop"], capture_output=True,
                       check=False, timeout=60)
        shutil.rmtree(pg_dir, ignore_errors=True)


def kill_results() -> list[Any]:
    from bench.core import Result

    results = []
    for name, outcome in (("SQLite", sqlite_run()), ("PostgreSQL", postgres_run())):
        if outcome is None:
            print("exams kill test: PostgreSQL is NOT installed here (no "
                  "/usr/lib/postgresql/*/bin/initdb); only SQLite was measured.")
            continue
        lost = outcome["acknowledged"] - outcome["found"]
        results.append(Result(
            name=f"exams: kill -9 mid-burst on {name}: acknowledged answers found",
            value=outcome["found"], unit="answers", baseline=outcome["acknowledged"],
            ratio=round(outcome["found"] / outcome["acknowledged"], 3)
            if outcome["acknowledged"] else 0.0, goal="all found", ok=lost == 0))
        results.append(Result(
            name=f"exams: answers acknowledged/s by one server of 2 processes on {name}",
            value=outcome["per_second"], unit="answers/s", baseline=0.0, ratio=0.0))
    return results


if __name__ == "__main__":
    print(json.dumps({"sqlite": sqlite_run(), "postgresql": postgres_run()}))
