"""A resident on a 390 px phone, without an account: from the home page through "更多>>" to a
notice, a search with a two-character word from the header's box, an article whose view count
goes up by one on reload, and the large-text mode. axe-core finds no serious or critical
violation on the home, a channel list, an article and the search page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fazhi.portal.models import ChannelPage
from tests.a11y import assert_accessible

from .conftest import at, publish, seed_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS", "var/screenshots"))
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal-{name}.png"), full_page=True)


@pytest.fixture
def site(transactional_db):
    seed_site()
    notices = ChannelPage.objects.get(kind=ChannelPage.Kind.NOTICES)
    news = ChannelPage.objects.get(kind=ChannelPage.Kind.NEWS)
    for day in range(1, 10):
        publish(notices, f"关于开展第{day}期法治讲座的通知", at(2025, 3, day))
    target = publish(notices, "关于印发《武汉市第五届“普法网红”评选活动方案》的通知",
                     at(2016, 5, 4), "评选活动分为推荐、投票、评审三个阶段。")
    article = publish(news, "“红马甲”调解队化解一起漏水纠纷", at(2025, 6, 1),
                      "楼上卫生间渗漏，调解员上门查看后，双方达成了调解协议。")
    return target, article


def test_a_resident_on_a_phone_reads_a_notice_searches_and_sees_the_count_go_up(phone, site):
    target, article = site
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
    _shot(phone, "notice")
    # A two-character word in the header's box: the article, its words marked.
    phone.get_by_role("searchbox", name="搜索词").first.fill("调解")
    phone.get_by_role("search", name="全站搜索").get_by_role("button", name="搜索").click()
    phone.wait_for_load_state()
    hits = phone.locator("ol.hits li")
    assert hits.count() == 1
    assert hits.locator("mark").first.inner_text() == "调解"
    assert phone.evaluate(FITS)
    _shot(phone, "search")
    hits.get_by_role("link").click()
    phone.wait_for_load_state()
    assert phone.url.endswith(article.url)
    assert phone.locator(".views").inner_text() == "浏览次数: 1 次"
    phone.reload()
    assert phone.locator(".views").inner_text() == "浏览次数: 2 次"
    # The large-text mode brings her back to the article, still without sideways scrolling.
    phone.get_by_role("button", name="大字模式").click()
    phone.wait_for_selector("html.large-text")
    assert phone.locator(".views").inner_text() == "浏览次数: 3 次"
    assert phone.evaluate(FITS)
    _shot(phone, "article-large-text")
    phone.goto("/search/?q=漏")
    assert phone.locator("ol.hits li").count() == 1
    assert phone.evaluate(FITS)
    _shot(phone, "search-large-text")


@pytest.mark.parametrize("path", ["/", "/tongzhi/", "article", "/search/?q=调解",
                                  "/search/?q=%22"])
def test_axe_finds_no_serious_violation_on_the_portal(phone, site, path):
    _target, article = site
    phone.goto(article.url if path == "article" else path)
    assert_accessible(phone)
