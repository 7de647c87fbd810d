"""pytest plugin: with FAZHI_REQUIRE_BROWSER=1 a skipped browser test fails the run.

CI sets the variable so that a missing Chromium cannot turn the browser tests into silent
skips. Load it with ``-p fazhi.ops.pytest_plugin`` (the Makefile does).
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

REQUIRED = "FAZHI_REQUIRE_BROWSER"


def _required() -> bool:
    return os.environ.get(REQUIRED, "").strip().lower() in {"1", "true", "yes", "on"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.skipped and _required() and item.get_closest_marker("browser") is not None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{REQUIRED}=1 but this browser test was skipped: {reason}"
