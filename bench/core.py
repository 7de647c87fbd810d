"""What a benchmark module gets (``Context``) and gives back (``Result``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.test import Client


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    baseline: float
    ratio: float
    goal: str = ""  # e.g. "<= 1.8"; shown in the table
    ok: bool | None = None  # whether the goal is met; None when there is no goal

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "unit": self.unit,
                "baseline": self.baseline, "ratio": self.ratio}


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float


@dataclass
class Context:
    data_dir: Path
    repeat: int
    warmup: int
    usernames: list[str] = field(default_factory=list)

    def client_for(self, username: str) -> Client:
        """A client logged in as ``username`` with the second factor passed, as in the tests."""
        from django.contrib.auth import get_user_model

        from fazhi.accounts.middleware import SESSION_KEY

        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        session = client.session
        session[SESSION_KEY] = True
        session.save()
        return client

    def compare(self, subject: Callable[[], object],
                baseline: Callable[[], object]) -> tuple[Timing, Timing]:
        """Time both after a warm-up, interleaved so that drift hits both alike."""
        for _ in range(self.warmup):
            subject()
            baseline()
        subject_ns: list[int] = []
        baseline_ns: list[int] = []
        for _ in range(self.repeat):
            for call, samples in ((subject, subject_ns), (baseline, baseline_ns)):
                start = time.perf_counter_ns()
                call()
                samples.append(time.perf_counter_ns() - start)
        return _timing(subject_ns), _timing(baseline_ns)


def _timing(samples_ns: list[int]) -> Timing:
    ms = sorted(s / 1e6 for s in samples_ns)
    return Timing(median_ms=statistics.median(ms),
                  p95_ms=ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))])


def ratio(value: float, baseline: float) -> float:
    return round(value / baseline, 3) if baseline else float("inf")
