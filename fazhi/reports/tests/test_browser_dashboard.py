"""A leader's journey in Debian's Chromium: log in and land on the dashboard, change the period,
drill from a figure to its records (the list shows exactly that many), ask for the year's work
report and download it; the dashboard on a phone in large text. Screenshots in
var/screenshots/ (FAZHI_SCREENSHOTS overrides)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from conftest import browser_login, make_user
from fazhi.cases.tests.browsing import seed_reference
from fazhi.core.roles import Role

from . import world as w

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS") or Path(__file__).resolve().parents[3]
             / "var/screenshots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"reports-{name}.png"), full_page=True)


@pytest.fixture
def world(transactional_db, street_admin, north, south):
    seed_reference()  # a transactional test before this one may have flushed the categories
    data = w.build(street_admin, north, south)
    make_user("boss", Role.LEADER, community=north)
    return data


def test_a_leader_reads_the_dashboard_drills_down_and_downloads_the_report(page, phone, world,
                                                                           live_server):
    browser_login(page, "boss")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name="领导看板")).to_be_visible()
    _shot(page, "dashboard-this-year")
    # Change the period to 2025.
    page.fill("#id_since", "2025-01-01")
    page.fill("#id_until", "2025-12-31")
    page.get_by_role("button", name="显示", exact=True).click()
    expect(page.get_by_test_id("period")).to_contain_text("2025-01-01至2025-12-31")
    figures = w.expected(world, viewer="street", community=None, since=dt.date(2025, 1, 1),
                         until=dt.date(2025, 12, 31))
    for key in ("received", "mediated", "activities", "backlog_resolved", "agreements"):
        expect(page.get_by_test_id(f"figure-{key}")).to_have_text(str(figures[key]))
    _shot(page, "dashboard-2025")
    # Drill from "disputes mediated successfully" to its cases.
    page.get_by_test_id("figure-mediated").click()
    expect(page).to_have_url(re.compile(r"/cases/\?.*mediated=on"))
    expect(page.locator("table.responsive tbody tr")).to_have_count(figures["mediated"])
    expect(page.locator(".pager")).to_contain_text(f"（共 {figures['mediated']} 件）")
    _shot(page, "drill-mediated")
    page.go_back()
    # Drill from the lecture halls to the activities.
    page.get_by_test_id("figure-activities").click()
    expect(page.get_by_test_id("total")).to_contain_text(str(figures["activities"]))
    page.go_back()
    # The year's work report: asked for, written, downloaded.
    page.get_by_role("link", name="工作报告", exact=True).click()
    expect(page.locator("#id_since")).to_have_value("2025-01-01")
    page.get_by_role("button", name="生成报告").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "done")
    _shot(page, "report-ready")
    with page.expect_download() as download:
        page.get_by_test_id("download-docx").click()
    text = "\n".join(p.text for p in Document(io.BytesIO(
        Path(download.value.path()).read_bytes())).paragraphs)
    assert f"举办法治大讲堂{figures['lectures']}场" in text
    # On a phone, in large text: the figures stack, the charts scroll rather than shrink.
    browser_login(phone, "boss")
    phone.get_by_role("button", name="大字模式").click()
    phone.goto("/dashboard/?since=2025-01-01&until=2025-12-31")
    expect(phone.get_by_test_id("figure-received")).to_have_text(str(figures["received"]))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    _shot(phone, "dashboard-phone-large-text")
