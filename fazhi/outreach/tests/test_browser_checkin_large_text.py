"""The public sign-in page on a phone in the large-text mode: the text is larger, the form
still fits the screen without sideways scrolling, and signing in works."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.org.models import Region
from fazhi.outreach.models import Activity, SignIn

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")

FITS = "document.documentElement.scrollWidth <= window.innerWidth"
FONT = "parseFloat(getComputedStyle(document.querySelector('#id_name')).fontSize)"


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/outreach-{name}.png", full_page=True)


@pytest.fixture
def lecture(transactional_db) -> Activity:
    sub = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM")
    Region.objects.create(name="江汉北路社区", level=Region.Level.COMMUNITY, code="XM-JHBL",
                          parent=sub)
    now = timezone.now()
    return Activity.objects.create(
        kind=Activity.Kind.LECTURE_HALL, title="民法典进社区：居住权与遗嘱的那些事",
        venue="江汉北路社区党群服务中心二楼多功能厅", starts_at=now - dt.timedelta(minutes=10),
        ends_at=now + dt.timedelta(hours=2), code="largetext0001")


def test_a_phone_in_large_text_mode_signs_in_without_sideways_scrolling(phone, lecture):
    phone.goto(f"/checkin/{lecture.code}/")
    normal = phone.evaluate(FONT)
    assert phone.evaluate(FITS)

    phone.get_by_role("button", name="大字模式").click()
    phone.wait_for_selector("html.large-text")
    assert phone.url.endswith(f"/checkin/{lecture.code}/")  # back on the same page
    large = phone.evaluate(FONT)
    assert large > normal * 1.15, (normal, large)
    assert phone.evaluate(FITS), "the large-text page scrolls sideways"
    button = phone.get_by_role("button", name="签到").bounding_box()
    assert button is not None and button["x"] >= 0
    assert button["x"] + button["width"] <= 390
    expect(phone.locator("#privacy")).to_be_visible()
    _shot(phone, "large-text-checkin")

    phone.fill("#id_name", "王小明")
    phone.fill("#id_mobile", "13812345678")
    phone.select_option("#id_community", label="江汉北路社区")
    phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_role("heading", name="签到成功")).to_be_visible()
    assert phone.evaluate("document.documentElement.classList.contains('large-text')")
    assert phone.evaluate(FITS)
    _shot(phone, "large-text-signed-in")
    assert SignIn.objects.filter(activity=lecture).count() == 1
