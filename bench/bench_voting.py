"""Public voting under a burst: 2,000 votes from 50 concurrent clients over HTTP on loopback,
against a real server (``fazhi serve``: gunicorn, gthread workers) on a fresh data directory,
as bench_checkin does.

Each client is one verified voter (a signed voter pass, its own device cookie and its own /24
network through a trusted proxy's X-Forwarded-For) voting for each of 40 candidates (4
categories of 10, a cap of 10 picks a category), so every vote is one the rules allow. Then a
second burst sends 500 votes already cast, each from two clients at once: all must be
refused, and no row may be added.

Reports: votes lost (accepted and missing), rows counted twice (more rows than distinct
(voter, candidate, day)), the refused repeats, p50/p95 latency, throughput, and throughput as a
ratio of a minimal view inserting one row (same server, same middleware, the same clients with
the same cookies, CSRF and forwarded addresses, same run; goal >= 0.6). The two alternate in
four bursts each, in the order baseline-votes, votes-baseline, ... The measurement runs three
times; the median ratio stands, lost and doubled are summed.

Part of ``make bench`` (``run(ctx)``); alone: ``.venv/bin/python -m bench.bench_voting``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import bench_checkin as base

if TYPE_CHECKING:
    from bench.core import Context, Result

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 50
CANDIDATES = 40  # 4 categories of 10: each client (voter) votes once for each
VOTES = CLIENTS * CANDIDATES
ROUNDS = 4
REPEATS = 250  # votes already cast, each sent by two clients at once
GOAL_RATIO = 0.6
RUNS = 3
START_TIMEOUT = 240.0  # fazhi serve migrates and collects static first; slow on a busy machine

SETUP = """
import datetime as dt, json
from django.utils import timezone
from fazhi.voting.models import Campaign, Category, Candidate
from fazhi.voting.services.voters import pass_issue, voter_digest
now = timezone.now()
c = Campaign.objects.create(title="压测评选", opens_at=now - dt.timedelta(hours=1),
    closes_at=now + dt.timedelta(days=1), is_published=True, picks_per_category=10,
    votes_per_address=100000, votes_per_device=10000, burst_per_network=100000,
    burst_per_device=10000)
ids = []
for k in range(4):
    cat = Category.objects.create(campaign=c, name=f"类别{k}", position=k)
    for i in range(10):
        ids.append(Candidate.objects.create(campaign=c, category=cat, name=f"候选人{k}-{i}").pk)
passes = [pass_issue(campaign=c, voter=voter_digest(c, f"1390000{n:04d}")) for n in range(CLIENTS_)]
print(json.dumps({"campaign": c.pk, "candidates": ids, "passes": passes}))
""".replace("CLIENTS_", str(CLIENTS))

COUNT = """
from django.db.models import Count
from fazhi.voting.models import Vote, Code
rows = Vote.objects.filter(campaign_id={pk})
print(rows.count(), rows.values("voter", "candidate_id", "day").distinct().count(),
      rows.filter(status="counted").count(), Code.objects.count())
"""


class VoterClient(base.Client):
    """A phone with a voter pass and a device cookie besides the CSRF cookie."""

    def __init__(self, port: int, index: int, cookies: str):
        self.extra = cookies
        self._csrf = ""
        super().__init__(port, index)
        self.address = f"10.{index // 250}.{index % 250}.7"  # a /24 of its own

    @property  # type: ignore[override]
    def cookie(self) -> str:
        return "; ".join(c for c in (self._csrf, self.extra) if c)

    @cookie.setter
    def cookie(self, value: str) -> None:
        self._csrf = value


def _burst(port: int, jobs: list[list[tuple[str, str]]], warm: str,
           cookies: list[str]) -> dict[str, Any]:
    """bench_checkin's burst, each client carrying its own cookies."""
    original = base.Client
    base.Client = lambda port_, index: VoterClient(port_, index, cookies[index])  # type: ignore
    try:
        return base._burst(port, jobs, warm)
    finally:
        base.Client = original  # type: ignore[misc]


def measure() -> dict[str, Any]:
    os.sync()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-voting-") as data_dir:
        env = base._env(data_dir)
        env["DJANGO_SETTINGS_MODULE"] = "bench.voting_settings"
        base._fazhi(env, "migrate", "--verbosity", "0")
        world = json.loads(base._fazhi(env, "shell", "-c", SETUP).splitlines()[-1])
        pk, ids, passes = world["campaign"], world["candidates"], world["passes"]
        cookies = [f"fazhi_vote_{pk}={p}; fazhi_device=bench-device-{i:04d}-xxxxxxxx"
                   for i, p in enumerate(passes)]
        port = base._free_port()
        log = open(Path(data_dir) / "serve.log", "wb")  # noqa: SIM115  (closed below)
        server = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--host", "127.0.0.1",
                                   "--port", str(port)], cwd=ROOT, env=env, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        page, cast = f"/vote/{pk}/", f"/vote/{pk}/cast/"
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    if base.Client(port, 0).request("GET", page)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    tail = (Path(data_dir) / "serve.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"the server did not start:\n{tail}")
                time.sleep(0.5)
            baseline_path = f"/bench/baseline/{pk}/"
            per_round = CANDIDATES // ROUNDS
            baseline_bursts, vote_bursts = [], []
            for r in range(ROUNDS):
                mine = ids[r * per_round:(r + 1) * per_round]
                jobs = [[(cast, urllib.parse.urlencode({"candidate": c})) for c in mine]
                        for _ in range(CLIENTS)]
                plain = [[(baseline_path, "")] * per_round for _ in range(CLIENTS)]
                # ABBA: the side that goes first alternates, so neither is always the one
                # that meets a cold worker or the other's leftover write-back.
                for kind in (("baseline", "votes") if r % 2 == 0 else ("votes", "baseline")):
                    if kind == "baseline":
                        baseline_bursts.append(_burst(port, plain, page, cookies))
                    else:
                        vote_bursts.append(_burst(port, jobs, page, cookies))
            baseline, votes = base._summary(baseline_bursts), base._summary(vote_bursts)
            # Repeats: client i and client i+25 both send voter i's vote again (same pass).
            half = CLIENTS // 2
            twice = [cookies[i % half] for i in range(CLIENTS)]
            per_client = REPEATS // half
            jobs = [[(cast, urllib.parse.urlencode({"candidate": ids[k]}))
                     for k in range(per_client)] for _ in range(CLIENTS)]
            repeats = base._summary([_burst(port, jobs, page, twice)])
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
            log.close()
        rows, distinct, counted, baseline_rows = (int(x) for x in base._fazhi(
            env, "shell", "-c", COUNT.format(pk=pk)).split()[-4:])
    accepted = votes["statuses"].get(303, 0)
    return {
        "name": "voting", "clients": CLIENTS, "votes_sent": VOTES, "votes_accepted": accepted,
        "rows": rows, "counted": counted, "lost": max(0, accepted - rows), "refused_in_burst": VOTES - accepted,
        "counted_twice": rows - distinct, "repeat_statuses": repeats["statuses"],
        "repeat_new_rows": rows - accepted,
        "vote_p50_ms": votes["p50_ms"], "vote_p95_ms": votes["p95_ms"],
        "vote_per_second": votes["per_second"], "baseline_per_second": baseline["per_second"],
        "baseline_p95_ms": baseline["p95_ms"], "baseline_rows": baseline_rows,
        "throughput_ratio": round(votes["per_second"] / baseline["per_second"], 2)
        if baseline["per_second"] else None,
        "goal_ratio": GOAL_RATIO, "statuses": votes["statuses"],
    }


def measure_runs(runs: int = RUNS) -> dict[str, Any]:
    results = [measure() for _ in range(runs)]
    ordered = sorted(results, key=lambda m: m["throughput_ratio"] or 0.0)
    median = dict(ordered[len(ordered) // 2])
    median["ratios_of_runs"] = [m["throughput_ratio"] for m in results]
    for name in ("lost", "counted_twice", "repeat_new_rows", "refused_in_burst"):
        median[name] = sum(m[name] for m in results)
    median["runs"] = runs
    return median


def run(ctx: Context) -> list[Result]:
    from bench.core import Result

    m = measure_runs()
    ratio = m["throughput_ratio"] or 0.0
    runs = ", ".join(f"{r:.2f}" for r in m["ratios_of_runs"])
    sent = m["runs"] * VOTES
    return [
        Result(name=f"voting burst: votes/s vs one-row insert view/s (median of {runs})",
               value=m["vote_per_second"], unit="req/s", baseline=m["baseline_per_second"],
               ratio=ratio, goal=f">= {GOAL_RATIO}", ok=ratio >= GOAL_RATIO),
        Result(name="voting burst: p95 latency vs one-row insert view",
               value=m["vote_p95_ms"], unit="ms", baseline=m["baseline_p95_ms"],
               ratio=round(m["vote_p95_ms"] / m["baseline_p95_ms"], 3)
               if m["baseline_p95_ms"] else 0.0),
        Result(name=f"voting burst: lost or refused of {m['runs']} x {VOTES} votes",
               value=m["lost"] + m["refused_in_burst"], unit="votes", baseline=sent,
               ratio=round((m["lost"] + m["refused_in_burst"]) / sent, 3), goal="== 0",
               ok=m["lost"] == 0 and m["refused_in_burst"] == 0),
        Result(name=f"voting burst: counted twice (+{m['runs']} x {2 * REPEATS} repeats)",
               value=m["counted_twice"] + m["repeat_new_rows"], unit="rows",
               baseline=m["runs"] * 2 * REPEATS,
               ratio=round((m["counted_twice"] + m["repeat_new_rows"])
                           / (m["runs"] * 2 * REPEATS), 3),
               goal="== 0", ok=m["counted_twice"] == 0 and m["repeat_new_rows"] == 0),
    ]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    result = measure_runs(runs)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = (result["lost"] == 0 and result["counted_twice"] == 0
          and result["repeat_new_rows"] == 0 and result["refused_in_burst"] == 0)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
