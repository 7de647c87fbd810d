"""The public search: Chinese words (two characters, one), excerpts with the words marked and
nothing of a page or a query taken as markup, newest first or by relevance, pages, and an
index that follows publishing, unpublishing, deleting and scheduled publishing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from fazhi.core.textlimits import SEARCH_MAX_LENGTH
from fazhi.portal.models import ArticlePage, SearchEntry
from fazhi.portal.searchindex import index_rebuild
from fazhi.portal.searching import NEWEST, RELEVANCE, site_search

from .conftest import at, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the index writes) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def articles(notices, news, on_commit):
    with on_commit():
        old = publish(notices, "关于开展民法典普法宣传的通知", at(2019, 4, 9),
                      "各社区要组织居民学习民法典，调解邻里纠纷。")
        new = publish(news, "红马甲调解队上门化解漏水纠纷", at(2025, 6, 1),
                      "楼上卫生间渗漏，调解员现场查看后促成双方达成协议。")
    return old, new


def _titles(query: str, order: str = NEWEST) -> list[str]:
    return [hit.page.title for hit in site_search(query=query, order=order).hits]


def test_a_two_character_word_finds_every_page_holding_it_newest_first(articles):
    assert _titles("调解") == ["红马甲调解队上门化解漏水纠纷", "关于开展民法典普法宣传的通知"]


def test_a_single_character_finds_the_words_it_is_part_of(articles):
    assert _titles("漏") == ["红马甲调解队上门化解漏水纠纷"]  # 漏水 in the title, 渗漏 in the body


def test_every_word_of_the_query_must_be_on_the_page(articles):
    assert _titles("民法典 调解") == ["关于开展民法典普法宣传的通知"]
    assert _titles("民法典 漏水") == []


def test_relevance_puts_a_match_in_the_title_before_one_in_the_body(news, notices, on_commit):
    with on_commit():
        publish(news, "社区工作简报", at(2025, 1, 1), "本月开展普法讲座三场。")
        publish(notices, "普法讲座安排", at(2020, 1, 1), "时间另行通知。")
    assert _titles("普法", NEWEST) == ["社区工作简报", "普法讲座安排"]
    assert _titles("普法", RELEVANCE) == ["普法讲座安排", "社区工作简报"]


def test_the_excerpt_marks_the_words_around_the_first_match(articles):
    hit = site_search(query="渗漏").hits[0]
    assert str(hit.excerpt) == "楼上卫生间<mark>渗漏</mark>，调解员现场查看后促成双方达成协议。"
    assert str(hit.title) == "红马甲调解队上门化解漏水纠纷"


def test_markup_in_a_page_or_the_query_is_shown_as_text(news, on_commit, client):
    with on_commit():
        publish(news, "<b>公告</b>调解", at(2025, 1, 1), "<img src=x onerror=alert(1)>调解")
    body = client.get("/search/", {"q": "调解"}).content.decode()
    assert "<img src=x" not in body and "<b>公告" not in body
    assert "&lt;b&gt;公告&lt;/b&gt;<mark>调解</mark>" in body
    assert "&lt;img src=x onerror=alert(1)&gt;<mark>调解</mark>" in body
    echoed = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert" not in echoed and "&lt;script&gt;alert(1)&lt;/script&gt;" in echoed


@pytest.mark.parametrize("query", ['"', '"调解', "调解 AND 纠纷", "NEAR(调解 纠纷)", "调*", "*",
                                   "-调解", "调解 OR", "'; DROP TABLE portal_search; --", "^调解",
                                   "title:调解", "调解\x00", "{调解}", "(((", "\\"])
def test_search_syntax_in_a_query_is_taken_as_words_or_nothing(articles, client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.count() == 2


def test_a_query_of_punctuation_only_says_there_is_no_word(client, articles):
    body = client.get("/search/", {"q": '"*"'}).content.decode()
    assert "不含可搜索的词" in body


def test_an_empty_query_asks_for_a_word(client, articles):
    assert "请输入" in client.get("/search/", {"q": "  "}).content.decode()
    assert "请输入" not in client.get("/search/").content.decode()  # the bare page: no scolding


def test_a_10000_character_query_is_cut_to_the_box_and_says_so(client, articles):
    response = client.get("/search/", {"q": "调解" * 5000})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"只搜索了前 {SEARCH_MAX_LENGTH} 个字" in body
    assert f'maxlength="{SEARCH_MAX_LENGTH}"' in body


def test_results_come_in_pages(news, on_commit, client):
    with on_commit():
        for day in range(1, 4):
            publish(news, f"调解简报{day}", at(2024, 1, day))
    first = site_search(query="调解", per_page=2)
    second = site_search(query="调解", per_page=2, number=2)
    assert [h.page.title for h in first.hits] == ["调解简报3", "调解简报2"] and first.has_next
    assert [h.page.title for h in second.hits] == ["调解简报1"] and not second.has_next
    page = client.get("/search/", {"q": "调解", "per_page": 2, "order": "relevance"}).content.decode()
    assert "q=%E8%B0%83%E8%A7%A3&amp;per_page=2&amp;order=relevance&amp;page=2" in page


@pytest.mark.parametrize("page_number", ["0", "-1", "abc", "99999999999"])
def test_a_nonsense_page_number_shows_the_first_page(client, articles, page_number):
    response = client.get("/search/", {"q": "调解", "page": page_number})
    assert response.status_code == 200
    assert "红马甲<mark>调解</mark>队" in response.content.decode()


def test_the_search_page_costs_the_same_queries_at_any_page_size(news, on_commit, client):
    with on_commit():
        for day in range(1, 13):
            publish(news, f"调解简报{day}", at(2024, 1, day))
    client.get("/search/", {"q": "调解"})
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": "调解", "per_page": size}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_unpublished_page_leaves_the_index(articles, on_commit):
    old, _new = articles
    with on_commit():
        old.unpublish()
    assert _titles("民法典") == []
    assert not SearchEntry.objects.filter(page_id=old.pk).exists()


def test_a_deleted_page_leaves_the_index(articles, on_commit):
    _old, new = articles
    with on_commit():
        ArticlePage.objects.get(pk=new.pk).delete()
    assert _titles("漏水") == []
    assert SearchEntry.objects.count() == 1


def test_a_draft_is_not_found_until_it_is_published(news, on_commit):
    with on_commit():
        draft = ArticlePage(title="调解草稿", slug="draft", live=False)
        news.add_child(instance=draft)
        draft.save_revision()
    assert _titles("草稿") == []
    with on_commit():
        draft.get_latest_revision().publish()
    assert _titles("草稿") == ["调解草稿"]


def test_an_edit_is_found_by_its_new_words(articles, on_commit):
    old, _new = articles
    with on_commit():
        old.title = "关于开展宪法宣传周活动的通知"
        old.save_revision().publish()
    assert _titles("宪法") == ["关于开展宪法宣传周活动的通知"]
    assert _titles("民法典") == ["关于开展宪法宣传周活动的通知"]  # still in the body


def test_a_page_behind_a_view_restriction_is_not_shown(articles, notices):
    PageViewRestriction.objects.create(page=notices, restriction_type="login")
    assert _titles("调解") == ["红马甲调解队上门化解漏水纠纷"]


def test_a_scheduled_article_is_found_once_it_goes_live(news, on_commit):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        with on_commit():
            page = ArticlePage(title="定时发布的调解公告", slug="scheduled", live=False,
                               go_live_at=dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC))
            news.add_child(instance=page)
            page.save_revision().publish()  # with a future go-live: scheduled, not live
        assert _titles("定时") == []
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 1, tzinfo=dt.UTC), tick=False):
        with on_commit():
            call_command("publish_scheduled", stdout=StringIO())
        assert _titles("定时") == ["定时发布的调解公告"]


def test_the_rebuild_command_indexes_every_live_article(articles, client):
    SearchEntry.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_search")
    assert _titles("调解") == []
    out = StringIO()
    call_command("portal-search-rebuild", stdout=out)
    assert out.getvalue() == "2 pages indexed\n"
    assert len(_titles("调解")) == 2
    assert index_rebuild() == 2


def test_every_portal_page_has_the_search_box(client, articles):
    for path in ("/", "/tongzhi/", articles[0].url, "/search/"):
        body = client.get(path).content.decode()
        assert 'role="search"' in body and 'action="/search/"' in body, path
