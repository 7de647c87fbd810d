"""The public portal (issue 11):

(a) an article page with its view counted vs the same page not counted, in-process, in one run
    (goal <= 1.15x). "Not counted" is the same request from a crawler's user agent: the same
    view, the same template, everything but the buffer's increment and the writer thread's
    batches;
(b) 5,000 views of one article from 50 concurrent clients over HTTP against gunicorn (gthread,
    2 workers, as ``fazhi serve`` starts it) on a fresh data directory, with a graceful restart
    (SIGHUP: new workers, the old ones finish and exit) half-way: the stored total must equal
    the views sent. Then what ``kill -9`` loses: views sent at a steady rate, every process
    killed with SIGKILL, the shortfall measured against one second of views;
(d) search over 100,000 published articles (their own SQLite file, cached under var/bench/): the search page's p95 per
    query, in-process (goal <= 150 ms), and the query counts of the search page and a channel
    list at 10 and 50 rows a page (goal: equal).

Alone: ``.venv/bin/python -m bench --only portal``.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from bench.bench_checkin import _free_port

if TYPE_CHECKING:
    from bench.core import Context, Result

ROOT = Path(__file__).resolve().parents[1]
COUNT_GOAL = 1.15
SEARCH_GOAL_MS = 150.0
ARTICLES = int(os.environ.get("FAZHI_BENCH_ARTICLES", "100000"))
CLIENTS, VIEWS = 50, 5000
SEARCH_REPEAT = 60  # timed runs of each search
BROWSER = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
           "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
CRAWLER = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
QUERIES = {"common word": "调解", "law name": "民法典", "one character": "漏",
           "two words": "社区 禁毒法", "no match": "航天"}

SETUP = """
import datetime as dt
from fazhi.portal.models import ChannelPage
from fazhi.portal.services import article_publish
news = ChannelPage.objects.get(kind="news")
a, _ = article_publish(channel=news, title="压测文章", paragraphs=["正文"],
                       published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
print(a.pk, a.url)
"""
VIEWS_OF = "from fazhi.portal.models import ArticlePage; print(ArticlePage.objects.get(pk={pk}).views)"


# --- (a) counting vs not counting, in-process ---------------------------------------------------
def _counting(ctx: Context) -> list[Result]:
    from django.test import Client

    from bench.core import Result, ratio
    from fazhi.portal.models import ArticlePage

    article = ArticlePage.objects.live().order_by("pk").first()
    if article is None:
        print("  (skipped the counting cost: no article in the demo world)")
        return []
    client, url = Client(), article.url
    for agent in (BROWSER, CRAWLER):
        assert client.get(url, HTTP_USER_AGENT=agent).status_code == 200
    counted, plain = ctx.compare(partial(client.get, url, HTTP_USER_AGENT=BROWSER),
                                 partial(client.get, url, HTTP_USER_AGENT=CRAWLER))
    r = ratio(counted.median_ms, plain.median_ms)
    return [Result(name="article page, view counted vs not counted, median",
                   value=round(counted.median_ms, 2), unit="ms",
                   baseline=round(plain.median_ms, 2), ratio=r, goal=f"<= {COUNT_GOAL}",
                   ok=r <= COUNT_GOAL),
            Result(name="article page, view counted vs not counted, p95",
                   value=round(counted.p95_ms, 2), unit="ms", baseline=round(plain.p95_ms, 2),
                   ratio=ratio(counted.p95_ms, plain.p95_ms))]


# --- (b) 5,000 views over HTTP, a graceful restart, and kill -9 ---------------------------------
def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"FAZHI_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "fazhi.settings",
                "FAZHI_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)})
    return env


def _fazhi(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=600).stdout.strip()


def _stored_views(env: dict[str, str], pk: str) -> int:
    return int(_fazhi(env, "shell", "-c", VIEWS_OF.format(pk=pk)).splitlines()[-1])


def _start(env: dict[str, str], port: int, log: Any) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "fazhi.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "gthread", "--threads", "4",
         "--graceful-timeout", "20", "--control-socket", str(Path(env["FAZHI_DATA_DIR"]) / "g.ctl")],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/robots.txt")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def _views(port: int, url: str, per_client: int, *, pace: float = 0.0,
           during: Any = None) -> dict[int, int]:
    """``CLIENTS`` keep-alive clients GET ``url`` ``per_client`` times each; ``during`` runs
    once half of the views are sent. Returns the answers by status (0: no answer)."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    sent = [0]
    half = CLIENTS * per_client // 2
    fired = threading.Event()

    def work() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_client):
            status = 0
            for _attempt in range(3):  # a connection the restart closed: open a new one
                try:
                    conn.request("GET", url, headers={"User-Agent": BROWSER})
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    break
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    time.sleep(0.2)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                sent[0] += 1
                go = during is not None and sent[0] >= half and not fired.is_set()
                if go:
                    fired.set()
            if go:
                during()
            if pace:
                time.sleep(pace)
        conn.close()

    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    return statuses


def _hup(server: subprocess.Popen[bytes]) -> bool:
    os.kill(server.pid, signal.SIGHUP)  # gunicorn: new workers, the old ones finish and exit
    return True


def _stop(server: subprocess.Popen[bytes], sig: int) -> None:
    os.killpg(server.pid, sig)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def measure_views() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-portal-") as data_dir:
        env = _env(data_dir)
        _fazhi(env, "migrate", "--verbosity", "0")
        _fazhi(env, "createcachetable")
        pk, url = _fazhi(env, "shell", "-c", SETUP).splitlines()[-1].split()
        port = _free_port()
        with open(Path(data_dir) / "gunicorn.log", "wb") as log:
            server = _start(env, port, log)
            started = time.perf_counter()
            restarted: list[bool] = []
            statuses = _views(port, url, VIEWS // CLIENTS,
                              during=lambda: restarted.append(_hup(server)))
            seconds = time.perf_counter() - started
            _stop(server, signal.SIGTERM)
            counted = _stored_views(env, pk)
            # kill -9: a steady stream for a few seconds, then every process killed at once.
            server = _start(env, port, log)
            before = _stored_views(env, pk)
            pace = 0.1  # each client about 10 views a second
            kill_started = time.perf_counter()
            killed = threading.Timer(3.0, lambda: os.killpg(server.pid, signal.SIGKILL))
            killed.start()
            stream = _views(port, url, 60, pace=pace)
            stream_seconds = min(time.perf_counter() - kill_started, 3.0)
            killed.join()
            server.wait(timeout=10)
            after = _stored_views(env, pk)
    answered = stream.get(200, 0)
    rate = answered / stream_seconds if stream_seconds else 0.0
    return {"sent": VIEWS, "answered": statuses.get(200, 0), "statuses": statuses,
            "counted": counted, "lost": VIEWS - counted, "restarted": bool(restarted),
            "per_second": round(VIEWS / seconds, 1),
            "kill9_answered": answered, "kill9_counted": after - before,
            "kill9_lost": answered - (after - before), "kill9_rate": round(rate, 1)}


def _http(m: dict[str, Any]) -> list[Result]:
    from bench.core import Result

    lost_seconds = m["kill9_lost"] / m["kill9_rate"] if m["kill9_rate"] else 0.0
    return [
        Result(name=f"views over HTTP: lost of {m['sent']} ({CLIENTS} clients, graceful "
                    f"restart half-way, {m['per_second']}/s)",
               value=m["lost"], unit="views", baseline=m["sent"],
               ratio=round(m["lost"] / m["sent"], 4), goal="== 0",
               ok=m["lost"] == 0 and m["answered"] == m["sent"]),
        Result(name=f"views after kill -9: lost of {m['kill9_answered']} answered "
                    f"({m['kill9_rate']}/s, in seconds of views: {lost_seconds:.2f})",
               value=m["kill9_lost"], unit="views", baseline=m["kill9_answered"],
               ratio=round(m["kill9_lost"] / m["kill9_answered"], 4)
               if m["kill9_answered"] else 0.0,
               goal="<= 1 s of views", ok=lost_seconds <= 1.0),
    ]


# --- (d) search over 100,000 articles -------------------------------------------------------------
def _search(ctx: Context) -> list[Result]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.cases_world import use_database
    from bench.core import Result
    from bench.portal_world import ensure_world

    path = ensure_world(ARTICLES)
    results = []
    with use_database(path):
        from wagtail.models import Site

        Site.clear_site_root_paths_cache()
        client = Client()
        for label, query in QUERIES.items():
            for order in ("newest", "relevance"):
                url = "/search/?" + urlencode({"q": query, "order": order})
                for _ in range(3):
                    assert client.get(url).status_code == 200
                samples = []
                for _ in range(SEARCH_REPEAT):
                    began = time.perf_counter()
                    client.get(url)
                    samples.append(1000 * (time.perf_counter() - began))
                samples.sort()
                p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
                results.append(Result(
                    name=f"search {ARTICLES:,} articles: {label} ({query}), {order}, p95",
                    value=round(p95, 1), unit="ms", baseline=SEARCH_GOAL_MS,
                    ratio=round(p95 / SEARCH_GOAL_MS, 3),
                    goal=f"<= {SEARCH_GOAL_MS:.0f} ms", ok=p95 <= SEARCH_GOAL_MS))
        for label, url in (("search page", "/search/?q=调解&per_page={}"),
                           ("channel list", "/dongtai/?per_page={}")):
            counts = []
            for size in (10, 50):
                client.get(url.format(size))
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(url.format(size)).status_code == 200
                counts.append(len(captured.captured_queries))
            results.append(Result(name=f"queries of the portal's {label}, 50 vs 10 rows a page",
                                  value=counts[1], unit="queries", baseline=counts[0],
                                  ratio=round(counts[1] / counts[0], 3), goal="== 1.0",
                                  ok=counts[0] == counts[1]))
        Site.clear_site_root_paths_cache()
    return results


def run(ctx: Context) -> list[Result]:
    """All three parts; ``FAZHI_BENCH_PORTAL=counting,search`` runs some of them."""
    parts = os.environ.get("FAZHI_BENCH_PORTAL", "counting,http,search").split(",")
    results = _counting(ctx) if "counting" in parts else []
    if "http" in parts:
        results.extend(_http(measure_views()))
    if "search" in parts:
        results.extend(_search(ctx))
    return results
