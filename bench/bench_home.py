"""Goal (issue 2): the staff home costs at most 1.8x a minimal ORM + template view."""

from __future__ import annotations

from functools import partial

from django.urls import reverse

from bench.core import Context, Result, ratio

GOAL = 1.8
USERNAMES = ["staff", "worker"]  # a street-wide role and a community-scoped one


def run(ctx: Context) -> list[Result]:
    from django.contrib.auth import get_user_model

    results = []
    home = reverse("workbench:home")
    for username in USERNAMES:
        if not get_user_model().objects.filter(username=username).exists():
            continue
        client = ctx.client_for(username)
        baseline_url = reverse("bench_baseline")
        for url in (home, baseline_url):
            assert client.get(url).status_code == 200, url

        subject, baseline = ctx.compare(partial(client.get, home),
                                        partial(client.get, baseline_url))
        r = ratio(subject.median_ms, baseline.median_ms)
        results.append(Result(
            name=f"staff home ({username}) vs minimal view, median",
            value=round(subject.median_ms, 2), unit="ms",
            baseline=round(baseline.median_ms, 2), ratio=r, goal=f"<= {GOAL}", ok=r <= GOAL,
        ))
        results.append(Result(
            name=f"staff home ({username}) vs minimal view, p95",
            value=round(subject.p95_ms, 2), unit="ms",
            baseline=round(baseline.p95_ms, 2), ratio=ratio(subject.p95_ms, baseline.p95_ms),
        ))
    return results
