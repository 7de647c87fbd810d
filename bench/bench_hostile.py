"""A hostile neighbour: 50 clients file ordinary public appeals over HTTP against a real server
(``fazhi serve`` on a fresh data directory, as in bench_checkin), first alone, then while one
more client sends the longest text every public field takes (the ``maxlength`` each page
declares, or 100,000 characters where it declares none) to the appeal form, the tracking page,
the QR sign-in page and the log-in page, as fast as the server answers it, from a new address
each time (a botnet does not stop at one address's rate limit).

Reports the ordinary appeals' p95 with the neighbour against their p95 without it (goal: at most
2x), and whether /healthz answered within 5 s every half second throughout. The two phases
alternate in rounds, so that a change in the machine's load hits both alike.

Part of ``make bench``; alone: ``.venv/bin/python -m bench --only hostile`` (table) or
``.venv/bin/python -m bench.bench_hostile`` (the raw figures as JSON).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.bench_checkin import ROOT, Client, _env, _fazhi, _free_port, _summary

if TYPE_CHECKING:
    from bench.core import Context, Result

CLIENTS = 50
APPEALS_PER_CLIENT = 4  # per round and phase; an address files at most 20 an hour
ROUNDS = 2
GOAL_RATIO = 2.0
START_TIMEOUT = 300.0  # `fazhi serve` prepares the database and static files first
HEALTH_EVERY = 0.5
HEALTH_TIMEOUT = 5.0
UNLIMITED = 100_000

SETUP = """
import datetime as dt
from django.utils import timezone
from fazhi.org.models import Region
from fazhi.outreach.models import Activity
sub = Region.objects.create(name="西马街道", level="subdistrict", code="XM")
north = Region.objects.create(name="江汉北路社区", level="community", code="XM-JHBL", parent=sub)
now = timezone.now()
Activity.objects.create(kind="lecture_hall", title="压测讲座", venue="活动室", community=north,
                        starts_at=now - dt.timedelta(minutes=10),
                        ends_at=now + dt.timedelta(hours=2), code="benchhostile01")
from fazhi.cases.models import Category
print(Category.objects.filter(kind="appeal", active=True).order_by("pk").first().pk)
"""
PUBLIC_FORMS = ["/appeal/new/", "/appeal/track/", "/checkin/benchhostile01/", "/accounts/login/"]
_FIELD = re.compile(r'<(input|textarea)\b([^>]*)>', re.S)
_ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def _fields(html: str, n: int, category: int) -> dict[str, str]:
    """Every typed field of a page's forms filled with the longest text it declares, and what
    else the form needs to take it (a valid mobile, a topic, its hidden values); the honeypot
    stays empty, or the text would never be saved."""
    out: dict[str, str] = {"kind": "appeal", "category": str(category)}
    for tag, attrs_text in _FIELD.findall(html):
        attrs = dict(_ATTR.findall(attrs_text))
        kind = attrs.get("type", "text") if tag == "input" else "textarea"
        name = attrs.get("name")
        if not name or name == "website":
            continue
        if kind == "hidden":
            out[name] = attrs.get("value", "")
        elif "mobile" in name:
            out[name] = f"136{n:08d}"
        elif kind in {"text", "textarea", "tel", "search", "password", "email"}:
            out[name] = "漏" * int(attrs.get("maxlength") or UNLIMITED)
    return out


class Neighbour:
    """One client sending the longest texts to every public form until told to stop."""

    def __init__(self, port: int, category: int, first: int):
        self.port = port
        self.category = category
        self.first = first
        self.stop = threading.Event()
        self.sent = 0
        self.statuses: dict[int, int] = {}
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        index = self.first
        while not self.stop.is_set():
            for path in PUBLIC_FORMS:
                if self.stop.is_set():
                    return
                client = Client(self.port, 0)
                client.address = f"172.16.{index // 250 % 250}.{index % 250 + 1}"
                index += 1
                try:
                    _status, _t, html = client.request("GET", path)
                    body = urllib.parse.urlencode(_fields(html, index, self.category))
                    status = client.request("POST", path, body)[0]
                except OSError:
                    status = 0
                finally:
                    client.conn.close()
                self.sent += 1
                self.statuses[status] = self.statuses.get(status, 0) + 1


class Health:
    """/healthz every half second; counts the answers that were not a quick 200."""

    def __init__(self, port: int):
        self.port = port
        self.stop = threading.Event()
        self.checks = 0
        self.failures = 0
        self.worst = 0.0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        import http.client

        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HEALTH_TIMEOUT)
                conn.request("GET", "/healthz")
                ok = conn.getresponse().status == 200
                conn.close()
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            self.checks += 1
            self.failures += 0 if ok and elapsed < HEALTH_TIMEOUT else 1
            self.worst = max(self.worst, elapsed)
            self.stop.wait(HEALTH_EVERY)


def _appeal_jobs(category: int, start: int) -> list[list[tuple[str, str]]]:
    jobs: list[list[tuple[str, str]]] = [[] for _ in range(CLIENTS)]
    for c in range(CLIENTS):
        for k in range(APPEALS_PER_CLIENT):
            n = start + c * APPEALS_PER_CLIENT + k
            jobs[c].append(("/appeal/new/", urllib.parse.urlencode({
                "kind": "appeal", "category": category, "title": f"路灯不亮{n}",
                "description": "小区东门路灯坏了一周，晚上看不清路，请尽快修理。",
                "address": "江汉北路1号", "name": "居民", "mobile": f"137{n:08d}",
                "token": f"bench{n:027d}"})))
    return jobs


def _burst(port: int, jobs: list[list[tuple[str, str]]], first_address: int) -> dict[str, Any]:
    """bench_checkin's burst, with each client's address shifted so that no address files more
    than an hour's allowance over the whole run."""
    from bench import bench_checkin

    original = bench_checkin.Client.__init__

    def shifted(self: Client, port: int, index: int) -> None:
        original(self, port, index + first_address)

    bench_checkin.Client.__init__ = shifted  # type: ignore[method-assign]
    try:
        return bench_checkin._burst(port, jobs, "/appeal/new/")
    finally:
        bench_checkin.Client.__init__ = original  # type: ignore[method-assign]


def measure() -> dict[str, Any]:
    os.sync()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-hostile-") as data_dir:
        env = _env(data_dir)
        env["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
        _fazhi(env, "migrate", "--verbosity", "0")
        category = int(_fazhi(env, "shell", "-c", SETUP).splitlines()[-1])
        port = _free_port()
        log = open(Path(data_dir) / "serve.log", "wb")  # noqa: SIM115  (closed below)
        server = subprocess.Popen([sys.executable, "-m", "fazhi", "serve",
                                   "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        health = Health(port)
        per_phase = CLIENTS * APPEALS_PER_CLIENT
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    if Client(port, 0).request("GET", "/appeal/new/")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    tail = (Path(data_dir) / "serve.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"the server did not start:\n{tail}")
                time.sleep(0.5)
            health.thread.start()
            alone: list[dict[str, Any]] = []
            beside: list[dict[str, Any]] = []
            sent = 0
            statuses: dict[int, int] = {}
            for r in range(ROUNDS):
                alone.append(_burst(port, _appeal_jobs(category, (2 * r) * per_phase),
                                    (2 * r) * CLIENTS))
                neighbour = Neighbour(port, category, first=r * 10_000)
                neighbour.thread.start()
                time.sleep(1.0)  # let the neighbour's first long texts arrive
                beside.append(_burst(port, _appeal_jobs(category, (2 * r + 1) * per_phase),
                                     (2 * r + 1) * CLIENTS))
                neighbour.stop.set()
                neighbour.thread.join(timeout=120)
                sent += neighbour.sent
                for status, n in neighbour.statuses.items():
                    statuses[status] = statuses.get(status, 0) + n
        finally:
            health.stop.set()
            with contextlib.suppress(ProcessLookupError):  # it may have died: that is reported
                os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
            log.close()
            serve_log = (Path(data_dir) / "serve.log").read_text(errors="replace")
    without, with_ = _summary(alone), _summary(beside)
    sent_per_phase = ROUNDS * per_phase
    failed = {"alone": sent_per_phase - without["statuses"].get(200, 0),
              "with_neighbour": sent_per_phase - with_["statuses"].get(200, 0)}
    return {
        "name": "hostile",
        "clients": CLIENTS,
        "appeals_per_phase": ROUNDS * per_phase,
        "p95_alone_ms": without["p95_ms"],
        "p95_with_neighbour_ms": with_["p95_ms"],
        # An appeal that was not answered 200 (refused, lost with its client, a dead server)
        # makes the ratio meaningless: it is left out, and the figure shows as missed.
        "ratio": round(with_["p95_ms"] / without["p95_ms"], 2)
        if without["p95_ms"] and not any(failed.values()) else None,
        "appeals_not_answered_200": failed,
        "goal_ratio": GOAL_RATIO,
        "statuses_alone": without["statuses"],
        "statuses_with_neighbour": with_["statuses"],
        "neighbour_requests": sent,
        "neighbour_statuses": statuses,
        "healthz_checks": health.checks,
        "healthz_failures": health.failures,
        "healthz_worst_s": round(health.worst, 2),
        "server_errors_logged": serve_log.count("Internal Server Error"),
    }


def run(ctx: Context) -> list[Result]:
    from bench.core import Result

    m = measure()
    ratio = m["ratio"] or 0.0
    return [
        Result(name=f"hostile neighbour: appeal p95 with / without ({CLIENTS} clients)",
               value=m["p95_with_neighbour_ms"], unit="ms", baseline=m["p95_alone_ms"],
               ratio=ratio, goal=f"<= {GOAL_RATIO}", ok=bool(m["ratio"]) and ratio <= GOAL_RATIO),
        Result(name="hostile neighbour: ordinary appeals not answered 200 (with it)",
               value=m["appeals_not_answered_200"]["with_neighbour"], unit="appeals",
               baseline=m["appeals_not_answered_200"]["alone"], ratio=0.0, goal="== 0",
               ok=not any(m["appeals_not_answered_200"].values())),
        Result(name=f"hostile neighbour: /healthz failed of {m['healthz_checks']} checks",
               value=m["healthz_failures"], unit="checks", baseline=m["healthz_checks"],
               ratio=round(m["healthz_failures"] / m["healthz_checks"], 3)
               if m["healthz_checks"] else 1.0, goal="== 0", ok=m["healthz_failures"] == 0),
    ]


def main() -> None:
    result = measure()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = bool(result["ratio"]) and result["ratio"] <= GOAL_RATIO and not result["healthz_failures"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
