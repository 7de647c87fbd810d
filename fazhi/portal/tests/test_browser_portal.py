"""A resident on a 390 px phone, without an account: from the home page through "更多>>" to a
notice, whose view count goes up by one on reload, and in the large-text mode."""

from __future__ import annotations

import os

import pytest

from fazhi.portal.models import ChannelPage

from .conftest import at, publish, seed_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/portal-{name}.png", full_page=True)


def test_a_resident_on_a_phone_reads_a_notice_and_sees_the_count_go_up(phone, transactional_db):
    seed_site()
    notices = ChannelPage.objects.get(kind=ChannelPage.Kind.NOTICES)
    for day in range(1, 10):
        publish(notices, f"关于开展第{day}期法治讲座的通知", at(2025, 3, day))
    target = publish(notices, "关于印发《武汉市第五届“普法网红”评选活动方案》的通知",
                     at(2016, 5, 4), "评选活动分为推荐、投票、评审三个阶段。")

    phone.goto("/")
    assert phone.evaluate(FITS)
    _shot(phone, "home")
    column = phone.locator("section.notices")
    assert target.title not in column.inner_text()  # only the newest eight are on the home
    column.get_by_role("link", name="更多>>").click()
    phone.wait_for_load_state()
    assert phone.url.endswith("/tongzhi/")
    assert phone.evaluate(FITS)
    phone.get_by_role("link", name=target.title).click()
    phone.wait_for_load_state()
    assert "评选活动分为推荐、投票、评审三个阶段。" in phone.content()
    assert phone.locator(".views").inner_text() == "浏览次数: 1 次"
    assert phone.evaluate(FITS)
    _shot(phone, "article")
    phone.reload()
    assert phone.locator(".views").inner_text() == "浏览次数: 2 次"
    # The large-text mode brings her back to the article, still without sideways scrolling.
    phone.get_by_role("button", name="大字模式").click()
    phone.wait_for_selector("html.large-text")
    assert phone.locator(".views").inner_text() == "浏览次数: 3 次"
    assert phone.evaluate(FITS)
    _shot(phone, "article-large-text")
