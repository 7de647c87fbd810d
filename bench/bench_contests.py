"""Two app-server processes on one PostgreSQL serving one contest (issue 12, Must show).

A throwaway PostgreSQL cluster (bench/pgcluster.py, as ``.ci/run`` starts one), a contest
whose round draws 20 questions, and two gunicorn processes (one gthread worker each, on two
ports) over the same database. ``CLIENTS`` phones, each a verified mobile (a signed pass and a
device cookie of its own), half starting on each process:

1. each phone starts the round on *both* processes at once: one paper per mobile must exist;
2. it answers its 20 questions one request each, alternating processes, and sends every fifth
   answer to both processes at once with the same sequence number: exactly one may be
   acknowledged (the other is refused as a repeat);
3. it hands in on both processes at once: one hand-in.

Then the database is read: an acknowledged answer whose saved sequence is lower is **lost**; a
(paper, question, sequence) acknowledged twice, a second paper of a mobile, or a score that is
not 10 x the right answers saved is **counted twice**. The answers per second of each process
are its acknowledged saves over the burst's wall time (both processes busy at once, on this
machine's 2 cores with PostgreSQL and the clients beside them).

Without PostgreSQL the bench says so and measures nothing. Part of ``make bench`` (``run``);
alone: ``.venv/bin/python -m bench.bench_contests``.
"""

from __future__ import annotations

import contextlib
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

from bench import pgcluster

if TYPE_CHECKING:
    from bench.core import Context, Result

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 40
QUESTIONS = 20
TWICE_EVERY = 5
START_TIMEOUT = 120.0

SETUP = """
import datetime as dt, json
from django.utils import timezone
from fazhi.contests.models import Contest, Round
from fazhi.contests.services.entry import PASS_SALT, mobile_digest
from fazhi.core import smscodes
from fazhi.exams.models import Bank
from fazhi.exams.services.questions import QuestionData, question_add, question_check
from fazhi.org.models import Region
street = Region.objects.create(name="压测街道", level="subdistrict", code="BX")
community = Region.objects.create(name="压测社区", level="community", code="BX-1", parent=street)
bank = Bank.objects.create(name="压测竞赛题库")
for i in range(30):
    kind = ("single", "true_false")[i % 2]
    question_add(bank=bank, actor=None, data=question_check(QuestionData(
        kind=kind, stem=f"压测题{i}：宪法第{i}条规定的内容是什么", answer=[0], law="宪法",
        options=["甲", "乙", "丙", "丁"] if kind == "single" else [])))
now = timezone.now()
contest = Contest.objects.create(title="压测竞赛", bank=bank, is_published=True,
                                 per_device=1000, per_network=100000)
round_ = Round.objects.create(contest=contest, name="压测轮", opens_at=now - dt.timedelta(hours=1),
    closes_at=now + dt.timedelta(days=1), seconds=3600, single_count=10, multiple_count=0,
    true_false_count=10, points=10)
passes = [smscodes.pass_issue(salt=PASS_SALT, scope=contest.pk,
          subject=mobile_digest(contest, f"1390000{n:04d}"), label="139****0000")
          for n in range(CLIENTS_)]
print(json.dumps({"contest": contest.pk, "round": round_.pk, "community": community.pk,
                  "passes": passes}))
""".replace("CLIENTS_", str(CLIENTS))

CHECK = """
import json
from django.db.models import Count
from fazhi.contests.models import Answer, Participant
acked = json.loads(open({path!r}).read())
saved = {{(p, q): s for p, q, s in Answer.objects.values_list("participant_id", "position", "seq")}}
lost = sum(1 for p, q, s in acked if saved.get((p, q), 0) < s)
keys = [(p, q, s) for p, q, s in acked]
twice = len(keys) - len(set(keys))
papers = Participant.objects.values("mobile_hash").annotate(n=Count("pk"))
second_papers = sum(row["n"] - 1 for row in papers)
wrong_scores = sum(1 for p in Participant.objects.all()
                   if p.score != 10 * Answer.objects.filter(participant=p, correct=True).count())
print(json.dumps({{"lost": lost, "acked_twice": twice, "second_papers": second_papers,
                  "wrong_scores": wrong_scores, "papers": Participant.objects.count(),
                  "handed_in": Participant.objects.filter(state="submitted").count()}}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(data_dir: str, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"FAZHI_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "fazhi.settings",
                "FAZHI_LOG_LEVEL": "WARNING", "FAZHI_DEBUG": "0", "FAZHI_STATIC_MANIFEST": "0",
                "PYTHONPATH": str(ROOT), "FAZHI_DATABASE_URL": database_url})
    return env


def _fazhi(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=900).stdout.strip()


class Phone:
    """One verified mobile: a keep-alive connection to each process, its cookies."""

    def __init__(self, ports: list[int], contest: int, token: str, index: int):
        self.conns = [http.client.HTTPConnection("127.0.0.1", p, timeout=120) for p in ports]
        self.jar = {f"fazhi_contest_{contest}": token,
                    "fazhi_device": f"bench-device-{index:04d}-xxxxxxxx"}
        self.lock = threading.Lock()

    def request(self, which: int, method: str, path: str, body: str = "",
                content_type: str = "application/x-www-form-urlencoded") -> tuple[int, dict, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items()),
                   "X-CSRFToken": self.jar.get("csrftoken", ""), "Content-Type": content_type,
                   "X-Forwarded-For": "10.0.0.7"}
        for attempt in (1, 2):
            conn = self.conns[which]
            try:
                conn.request(method, path, body=body or None, headers=headers)
                response = conn.getresponse()
                break
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                # the server closed an idle keep-alive connection: a browser reconnects too
                conn.close()
                self.conns[which] = http.client.HTTPConnection(conn.host, conn.port, timeout=120)
                if attempt == 2:
                    raise
        text = response.read().decode(errors="replace")
        with self.lock:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.jar[name] = value
        return response.status, dict(response.headers), text

    def both(self, method: str, path: str, body: str = "",
             content_type: str = "application/x-www-form-urlencoded") -> list[tuple[int, dict, str]]:
        """The same request to both processes at once (a second connection for the second)."""
        out: list[Any] = [None, None]

        def send(which: int) -> None:
            out[which] = self.request(which, method, path, body, content_type)
        threads = [threading.Thread(target=send, args=(w,)) for w in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return out


def _phone(ports: list[int], world: dict[str, Any], index: int, results: dict) -> None:
    contest, round_ = world["contest"], world["round"]
    phone = Phone(ports, contest, world["passes"][index], index)
    mine = index % 2
    try:
        phone.request(mine, "GET", f"/contests/{contest}/")  # the CSRF cookie
        started = phone.both("POST", f"/contests/{contest}/rounds/{round_}/start/",
                             urllib.parse.urlencode({"community": world["community"]}))
        locations = {headers.get("Location", "") for _s, headers, _t in started}
        paper = int([p for p in next(iter(locations)).split("/") if p.isdigit()][-1])
        results["starts"].append(len(locations))
        answer_url = f"/contests/{contest}/papers/{paper}/answer/"
        began = time.monotonic()
        for position in range(1, QUESTIONS + 1):
            body = json.dumps({"position": position, "answer": 0, "seq": 1, "paper_version": 1})
            if position % TWICE_EVERY == 0:
                replies = phone.both("POST", answer_url, body, "application/json")
                targets = [0, 1]
            else:
                which = (mine + position) % 2
                replies = [phone.request(which, "POST", answer_url, body, "application/json")]
                targets = [which]
            for which, (status, _h, _t) in zip(targets, replies, strict=True):
                if status == 200:
                    results["acked"].append((paper, position, 1))
                    results["per_process"][which] += 1
                else:
                    results["refused"][status] = results["refused"].get(status, 0) + 1
        results["spans"].append((began, time.monotonic()))
        phone.both("POST", f"/contests/{contest}/papers/{paper}/submit/",
                   urllib.parse.urlencode({"paper_version": 1}))
    except (OSError, http.client.HTTPException, StopIteration, IndexError, ValueError) as exc:
        results["errors"].append(f"{type(exc).__name__}: {exc}")


def _serve(env: dict[str, str], port: int, log: Any) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "fazhi.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--worker-class", "gthread", "--threads", "8"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def measure() -> dict[str, Any] | None:
    """The burst's figures, or None when PostgreSQL is not installed."""
    with pgcluster.cluster() as url:
        if url is None:
            return None
        with tempfile.TemporaryDirectory(prefix="fazhi-bench-contests-") as data_dir:
            env = _env(data_dir, url)
            env["FAZHI_TRUSTED_PROXIES"] = "127.0.0.1"
            _fazhi(env, "migrate", "--verbosity", "0")
            _fazhi(env, "createcachetable", "--verbosity", "0")
            world = json.loads(_fazhi(env, "shell", "-c", SETUP).splitlines()[-1])
            ports = [_free_port(), _free_port()]
            log = open(Path(data_dir) / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
            servers = [_serve(env, port, log) for port in ports]
            try:
                for port, server in zip(ports, servers, strict=True):
                    deadline = time.monotonic() + START_TIMEOUT
                    while True:
                        try:
                            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                            conn.request("GET", f"/contests/{world['contest']}/")
                            if conn.getresponse().status == 200:
                                break
                        except OSError:
                            pass
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise RuntimeError("a server did not start: " + (
                                Path(data_dir) / "gunicorn.log").read_text(errors="replace")[-2000:])
                        time.sleep(0.3)
                results: dict[str, Any] = {"acked": [], "per_process": [0, 0], "refused": {},
                                           "spans": [], "starts": [], "errors": []}
                threads = [threading.Thread(target=_phone, args=(ports, world, i, results))
                           for i in range(CLIENTS)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=600)
            finally:
                for server in servers:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(server.pid, signal.SIGTERM)
                for server in servers:
                    server.wait(timeout=60)
                log.close()
            path = Path(data_dir) / "acked.json"
            path.write_text(json.dumps(results["acked"]))
            check = json.loads(_fazhi(env, "shell", "-c", CHECK.format(path=str(path)))
                               .splitlines()[-1])
    spans = results["spans"]
    seconds = (max(e for _b, e in spans) - min(b for b, _e in spans)) if spans else 0.0
    return {**check, "acknowledged": len(results["acked"]), "seconds": round(seconds, 2),
            "per_process": results["per_process"],
            "per_second": [round(n / seconds, 1) if seconds else 0.0
                           for n in results["per_process"]],
            "refused": results["refused"], "errors": results["errors"][:5],
            "clients": CLIENTS, "expected_answers": CLIENTS * QUESTIONS,
            "one_paper_per_double_start": all(n == 1 for n in results["starts"])}


def run(ctx: Context) -> list[Result]:
    from bench.core import Result

    outcome = measure()
    if outcome is None:
        print("contests: PostgreSQL is not installed here (no /usr/lib/postgresql/*/bin/initdb);"
              " the two-process contest bench needs it and measured nothing.")
        return []
    print("contests:", json.dumps(outcome, ensure_ascii=False))
    twice = outcome["acked_twice"] + outcome["second_papers"] + outcome["wrong_scores"]
    results = [
        Result(name="contests: 2 processes on PostgreSQL: acknowledged answers lost",
               value=outcome["lost"], unit="answers", baseline=outcome["acknowledged"],
               ratio=0.0, goal="0", ok=outcome["lost"] == 0),
        Result(name="contests: 2 processes on PostgreSQL: counted twice",
               value=twice, unit="answers", baseline=outcome["acknowledged"], ratio=0.0,
               goal="0", ok=twice == 0 and outcome["acknowledged"] == outcome[
                   "expected_answers"]),
    ]
    for n, rate in enumerate(outcome["per_second"], start=1):
        results.append(Result(name=f"contests: answers a second, process {n} of 2",
                              value=rate, unit="/s", baseline=0.0, ratio=0.0))
    return results


if __name__ == "__main__":
    print(json.dumps(measure(), ensure_ascii=False))
