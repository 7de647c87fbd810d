"""A mediator's and a community worker's phone (390 px): the navigation stays compact and the
list of cases comes first, above the fold (issue 10, item 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import browser_login, make_user
from fazhi.core.roles import Role

from .browsing import seed_reference
from .factories import make_case

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[3]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS") or ROOT / "var" / "screenshots")
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.COMMUNITY_WORKER])
def test_on_a_phone_the_case_list_comes_first_under_a_compact_navigation(phone, north, role):
    seed_reference()
    user = make_user("someone", role, north, display_name="王某")
    for n in range(3):
        make_case(user, north, title=f"第{n}件纠纷")
    browser_login(phone, "someone")
    phone.goto("/cases/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"phone-list-{role}.png"), full_page=True)
    assert phone.evaluate(FITS)
    header = phone.locator("header.topbar").bounding_box()
    first_row = phone.locator("main table tbody tr").first.bounding_box()
    assert header["height"] <= 120, header
    assert first_row["y"] < 844, first_row  # the first case is on the first screen
