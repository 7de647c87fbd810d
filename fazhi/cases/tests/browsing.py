"""What the casework browser journeys share: reference data back after a flush, and a helper
that opens one action box of the case page, fills it and submits it."""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import Any

from django.apps import apps

SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS", "/tmp/fazhi-shots"))


def seed_reference() -> None:
    """Transactional tests flush tables, so put the migration's reference data back."""
    import_module("fazhi.cases.migrations.0002_seed_and_search").seed(apps, None)


def do_action(page: Any, action: str, fields: dict[str, str]) -> None:
    box = page.locator(f"#do-{action}")
    if box.get_attribute("open") is None:  # primary actions are open already
        box.locator("summary").click()
    for name, value in fields.items():
        field = box.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()


def track(page: Any, code: str, last4: str) -> None:
    """The resident, without an account, opens the tracking page with code and digits."""
    page.context.clear_cookies()
    page.goto("/appeal/track/")
    page.locator("#id_code").fill(code)
    page.locator("#id_last4").fill(last4)
    page.locator("main form button[type=submit]:not([name=refresh])").first.click()
    # The click starts a navigation; reading the page before the answer arrives reads nothing.
    page.get_by_test_id("public-events").wait_for()
