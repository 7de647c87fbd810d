"""QR sign-in under a burst: 2,000 sign-ins to one activity from 50 concurrent clients over HTTP
on loopback, against a real server started like ``make run`` does (``fazhi serve``: gunicorn,
gthread workers), on a fresh data directory.

The whole measurement runs three times, each with its own server and data directory; the run
with the median ratio is reported, with every run's ratio beside it (on this 2-core machine one
run's ratio moved by about +-0.08 from the next: which worker process gets which keep-alive
connections, and what else the machine is doing). Lost and duplicated rows are summed over all
runs.

Reports: lost sign-ins (accepted rows missing), duplicated rows (after a second burst that sends
already-used mobiles from two clients at once), p50/p95 latency, throughput, and throughput as a
ratio of a minimal Django view that inserts one row (same server, same middleware, same run;
goal >= 0.6). Clients pass distinct X-Forwarded-For addresses through a trusted proxy setting,
as a real deployment behind nginx would, so the per-address rate limit does not refuse them.

Part of ``make bench`` (``run(ctx)``); alone, with the raw figures as JSON:
``.venv/bin/python -m bench.bench_checkin``.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.core import Context, Result

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 50
SIGNINS = 2000
ROUNDS = 4  # sign-ins and baseline alternate in this many bursts each
GOAL_RATIO = 0.6
RUNS = 3  # independent runs; the median stands (one run's ratio moved by +-0.08 here)
DUPLICATE_MOBILES = 250  # each sent by two clients at once in the second burst
TIMEOUT = 30.0
START_TIMEOUT = 60.0

SETUP = """
import datetime as dt
from django.utils import timezone
from fazhi.org.models import Region
from fazhi.outreach.models import Activity
sub = Region.objects.create(name="西马街道", level="subdistrict", code="XM")
north = Region.objects.create(name="江汉北路社区", level="community", code="XM-JHBL", parent=sub)
now = timezone.now()
a = Activity.objects.create(kind="lecture_hall", title="压测讲座", venue="活动室", community=north,
                            starts_at=now - dt.timedelta(minutes=10),
                            ends_at=now + dt.timedelta(hours=2), code="benchcheckin01")
print(a.pk)
"""
COUNT = """
from fazhi.outreach.models import SignIn, WalkIn
rows = SignIn.objects.filter(activity_id={pk})
print(rows.count(), rows.values("mobile_hash").distinct().count(), WalkIn.objects.count())
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"FAZHI_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "bench.checkin_settings",
                "FAZHI_TRUSTED_PROXIES": "127.0.0.1", "FAZHI_LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(ROOT)})
    return env


def _fazhi(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=300).stdout.strip()


class Client:
    """One phone: a keep-alive connection, a CSRF cookie, its own forwarded address."""

    def __init__(self, port: int, index: int):
        self.port = port
        self.address = f"10.0.{index // 250}.{index % 250 + 1}"
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.cookie = ""
        self.token = ""

    def request(self, method: str, path: str, body: str = "") -> tuple[int, float, str]:
        headers = {"X-Forwarded-For": self.address, "Host": f"127.0.0.1:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if method == "POST":
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "X-CSRFToken": self.token,
                            "Referer": f"http://127.0.0.1:{self.port}{path}"})
        started = time.perf_counter()
        for attempt in range(2):  # a keep-alive connection the server closed: reconnect once
            try:
                self.conn.request(method, path, body=body.encode(), headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
                if attempt:
                    raise
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("csrftoken="):
                self.token = header.split(";", 1)[0].split("=", 1)[1]
                self.cookie = f"csrftoken={self.token}"
        return response.status, elapsed, text


def _burst(port: int, jobs: list[list[tuple[str, str]]], warm: str) -> dict[str, Any]:
    """Each client first GETs ``warm`` (CSRF cookie), then POSTs its jobs; all clients start
    together and the clock runs from that start to the last answer (the warm-up GETs and
    connecting are not timed). Returns latencies, status counts and the wall time."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    started: list[float] = []
    barrier = threading.Barrier(len(jobs), action=lambda: started.append(time.perf_counter()))
    clients = [Client(port, i) for i in range(len(jobs))]

    def work(client: Client, mine: list[tuple[str, str]]) -> None:
        client.request("GET", warm)
        barrier.wait(timeout=TIMEOUT)
        for path, body in mine:
            try:
                status, elapsed, _text = client.request("POST", path, body)
            except OSError:
                status, elapsed = 0, TIMEOUT
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=work, args=(c, j)) for c, j in zip(clients, jobs,
                                                                           strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    wall = time.perf_counter() - started[0] if started else 0.0
    for client in clients:
        client.conn.close()
    return {"latencies": latencies, "seconds": wall, "statuses": statuses}


def _summary(bursts: list[dict[str, Any]]) -> dict[str, Any]:
    """Several bursts of one kind as one: requests per second of timed wall, p50/p95."""
    latencies = sorted(x for b in bursts for x in b["latencies"])
    wall = sum(b["seconds"] for b in bursts)
    statuses: dict[int, int] = {}
    for b in bursts:
        for status, n in b["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    return {"requests": len(latencies), "seconds": round(wall, 3),
            "per_second": round(len(latencies) / wall, 1) if wall else 0.0,
            "p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
            "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1) if latencies else None,
            "statuses": statuses}


def _mobile(n: int) -> str:
    return f"139{n:08d}"


def _signin_jobs(path: str, numbers: list[int], clients: int) -> list[list[tuple[str, str]]]:
    jobs: list[list[tuple[str, str]]] = [[] for _ in range(clients)]
    for i, n in enumerate(numbers):
        body = urllib.parse.urlencode({"name": f"压测{n}", "mobile": _mobile(n)})
        jobs[i % clients].append((path, body))
    return jobs


def measure() -> dict[str, Any]:
    """Start the server, send the bursts, stop the server, count the rows."""
    # Let the disk catch up first: the benchmark before this one may have just written a
    # gigabyte (the million-case world), and its write-back would land on these bursts.
    os.sync()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-checkin-") as data_dir:
        env = _env(data_dir)
        _fazhi(env, "migrate", "--verbosity", "0")
        activity = int(_fazhi(env, "shell", "-c", SETUP).splitlines()[-1])
        port = _free_port()
        log = open(Path(data_dir) / "serve.log", "wb")  # noqa: SIM115  (closed below)
        server = subprocess.Popen([sys.executable, "-m", "fazhi", "serve",
                                   "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            checkin = "/checkin/benchcheckin01/"
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    if Client(port, 0).request("GET", checkin)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    tail = (Path(data_dir) / "serve.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"the server did not start:\n{tail}")
                time.sleep(0.5)
            baseline_path = f"/bench/baseline/{activity}/"
            # Interleaved rounds (baseline, sign-ins, baseline, ...) so that a change in the
            # machine's load during the run hits both alike.
            per_round = SIGNINS // ROUNDS
            baseline_bursts, signin_bursts = [], []
            for r in range(ROUNDS):
                baseline_bursts.append(_burst(port, [[(baseline_path, "")] * (per_round // CLIENTS)
                                                     for _ in range(CLIENTS)], checkin))
                numbers = list(range(r * per_round, (r + 1) * per_round))
                signin_bursts.append(_burst(port, _signin_jobs(checkin, numbers, CLIENTS),
                                            checkin))
            baseline, signins = _summary(baseline_bursts), _summary(signin_bursts)
            repeats = list(range(DUPLICATE_MOBILES)) * 2  # the same mobile from two clients
            duplicates = _summary([_burst(port, _signin_jobs(checkin, repeats, CLIENTS), checkin)])
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
            log.close()
        rows, distinct, walkins = (int(x) for x in _fazhi(env, "shell", "-c", COUNT.format(
            pk=activity)).split()[-3:])
    accepted = signins["statuses"].get(201, 0)
    return {
        "name": "checkin",
        "clients": CLIENTS,
        "signins_sent": SIGNINS,
        "signins_accepted": accepted,
        "rows": rows,
        "lost": SIGNINS - rows,
        "duplicated": rows - distinct,
        "repeat_burst_statuses": duplicates["statuses"],
        "repeat_burst_new_rows": rows - accepted,
        "signin_p50_ms": signins["p50_ms"],
        "signin_p95_ms": signins["p95_ms"],
        "signin_per_second": signins["per_second"],
        "baseline_per_second": baseline["per_second"],
        "baseline_p95_ms": baseline["p95_ms"],
        "baseline_rows": walkins,
        "throughput_ratio": round(signins["per_second"] / baseline["per_second"], 2)
        if baseline["per_second"] else None,
        "goal_ratio": GOAL_RATIO,
        "statuses": signins["statuses"],
    }


def measure_runs(runs: int = RUNS) -> dict[str, Any]:
    """``runs`` independent runs (each its own server and data directory, both kinds in it);
    the run with the median ratio stands for all, with every run's ratio listed beside it and
    the lost and duplicated rows summed over all of them."""
    results = [measure() for _ in range(runs)]
    ordered = sorted(results, key=lambda m: m["throughput_ratio"] or 0.0)
    median = dict(ordered[len(ordered) // 2])
    median["ratios_of_runs"] = [m["throughput_ratio"] for m in results]
    for name in ("lost", "duplicated", "repeat_burst_new_rows"):
        median[name] = sum(m[name] for m in results)
    median["runs"] = runs
    return median


def run(ctx: Context) -> list[Result]:
    """The ``make bench`` entry: the burst's figures as table rows. The server runs on its own
    fresh data directory (``ctx``'s world is not used: it is a separate process)."""
    from bench.core import Result

    m = measure_runs()
    ratio = m["throughput_ratio"] or 0.0
    runs = ", ".join(f"{r:.2f}" for r in m["ratios_of_runs"])
    return [
        Result(name=f"check-in burst: sign-ins/s vs one-row insert view/s (median of {runs})",
               value=m["signin_per_second"], unit="req/s", baseline=m["baseline_per_second"],
               ratio=ratio, goal=f">= {GOAL_RATIO}", ok=ratio >= GOAL_RATIO),
        Result(name="check-in burst: p95 latency vs one-row insert view",
               value=m["signin_p95_ms"], unit="ms", baseline=m["baseline_p95_ms"],
               ratio=round(m["signin_p95_ms"] / m["baseline_p95_ms"], 3)
               if m["baseline_p95_ms"] else 0.0),
        Result(name=f"check-in burst: lost of {m['runs']} x {SIGNINS} sign-ins ({CLIENTS} clients)",
               value=m["lost"], unit="rows", baseline=m["runs"] * SIGNINS,
               ratio=round(m["lost"] / (m["runs"] * SIGNINS), 3), goal="== 0", ok=m["lost"] == 0),
        Result(name=f"check-in burst: duplicated rows (+{m['runs']} x {2 * DUPLICATE_MOBILES} repeats)",
               value=m["duplicated"] + m["repeat_burst_new_rows"], unit="rows",
               baseline=m["runs"] * 2 * DUPLICATE_MOBILES,
               ratio=round((m["duplicated"] + m["repeat_burst_new_rows"])
                           / (m["runs"] * 2 * DUPLICATE_MOBILES), 3),
               goal="== 0", ok=m["duplicated"] == 0 and m["repeat_burst_new_rows"] == 0),
    ]


def main() -> None:
    result = measure_runs()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = result["lost"] == 0 and result["duplicated"] == 0 and result["repeat_burst_new_rows"] == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
