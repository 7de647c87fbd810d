"""View counts: once per reader's view, never crawlers or previews, written in batches that
add up across processes."""

from __future__ import annotations

import pytest

from fazhi.portal.models import ArticlePage
from fazhi.portal.viewcounts import ViewBuffer, buffer, is_crawler

from .conftest import BROWSER_AGENT

pytestmark = pytest.mark.django_db


def _views(article: ArticlePage) -> int:
    return ArticlePage.objects.get(pk=article.pk).views


def test_each_view_counts_once(client, notice):
    for _ in range(3):
        assert client.get(notice.url, HTTP_USER_AGENT=BROWSER_AGENT).status_code == 200
    assert buffer.flush() == 3
    assert _views(notice) == 3


def test_the_page_shows_its_own_view_before_it_is_written(client, notice):
    first = client.get(notice.url, HTTP_USER_AGENT=BROWSER_AGENT).content.decode()
    second = client.get(notice.url, HTTP_USER_AGENT=BROWSER_AGENT).content.decode()
    assert "浏览次数: 1 次" in first and "浏览次数: 2 次" in second
    assert _views(notice) == 0
    buffer.flush()
    third = client.get(notice.url, HTTP_USER_AGENT=BROWSER_AGENT).content.decode()
    assert "浏览次数: 3 次" in third


@pytest.mark.parametrize("agent", [
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1",
    "curl/8.5.0",
])
def test_crawlers_are_not_counted(client, notice, agent):
    assert client.get(notice.url, HTTP_USER_AGENT=agent).status_code == 200
    assert buffer.flush() == 0
    assert _views(notice) == 0


def test_a_browser_is_not_taken_for_a_crawler():
    assert not is_crawler(BROWSER_AGENT)
    assert not is_crawler("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                          "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")


def test_a_head_request_is_not_counted(client, notice):
    client.head(notice.url, HTTP_USER_AGENT=BROWSER_AGENT)
    assert buffer.flush() == 0


def test_an_editor_previewing_is_not_counted(as_user, street_admin, notice):
    editor = as_user(street_admin)
    response = editor.get(f"/cms/pages/{notice.pk}/view_draft/", HTTP_USER_AGENT=BROWSER_AGENT)
    assert response.status_code == 200
    assert buffer.flush() == 0
    assert _views(notice) == 0


def test_two_processes_add_up_exactly(notice, news):
    from .conftest import at, publish

    other = publish(news, "另一篇", at(2024, 5, 1))
    first, second = ViewBuffer(), ViewBuffer()
    for _ in range(7):
        first.add(notice.pk)
    for _ in range(5):
        second.add(notice.pk)
    second.add(other.pk)
    assert first.flush() == 7
    assert second.flush() == 6
    assert _views(notice) == 12
    assert _views(other) == 1
    assert first.flush() == 0  # nothing written twice


def test_a_failed_write_keeps_the_counts_for_the_next_one(notice, monkeypatch):
    from django.db.models.query import QuerySet

    pending = ViewBuffer()
    pending.add(notice.pk)
    pending.add(notice.pk)

    def broken(self, **kwargs):
        raise RuntimeError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(QuerySet, "update", broken)
        with pytest.raises(RuntimeError):
            pending.flush()
    assert pending.pending(notice.pk) == 2
    assert pending.flush() == 2
    assert _views(notice) == 2
