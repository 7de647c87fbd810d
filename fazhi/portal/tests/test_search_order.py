"""How the search reads its index: newest first in the index's own order (on SQLite the FTS5
rowid is the publish time, then the page), relevance over the newest ``RANKED`` matches, one
row of words per page whatever its publish time becomes. These run on both databases (CI's
step 4 runs them on PostgreSQL); the plan test is SQLite's, as cases' plan tests are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.portal import searching
from fazhi.portal.models import PAGE_MASK, SearchEntry, search_key
from fazhi.portal.searching import NEWEST, RELEVANCE, site_search

from .conftest import at, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _titles(query: str, order: str = NEWEST, **kwargs) -> list[str]:
    return [hit.page.title for hit in site_search(query=query, order=order, **kwargs).hits]


def _word_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_search")
        return cursor.fetchone()[0]


def test_the_search_key_orders_by_time_then_page_and_gives_the_page_back():
    base = dt.datetime(2019, 4, 9, 10, 31, tzinfo=dt.UTC)
    keys = [search_key(base - dt.timedelta(days=40000), 7), search_key(base, 5),
            search_key(base, 6), search_key(base + dt.timedelta(seconds=1), 1),
            search_key(dt.datetime(2100, 1, 1, tzinfo=dt.UTC), PAGE_MASK)]
    assert keys == sorted(keys) and len(set(keys)) == 5
    assert [k & PAGE_MASK for k in keys] == [7, 5, 6, 1, PAGE_MASK]
    assert all(-(1 << 63) <= k < (1 << 63) for k in keys)
    with pytest.raises(ValueError):
        search_key(base, PAGE_MASK + 1)


def test_pages_of_one_second_come_newest_page_first(news, on_commit):
    with on_commit():
        for n in range(3):
            publish(news, f"调解简报{n}", at(2024, 5, 1))
    assert _titles("调解") == ["调解简报2", "调解简报1", "调解简报0"]


def test_a_new_publish_time_moves_the_page_and_leaves_one_row_of_words(news, on_commit):
    with on_commit():
        first = publish(news, "调解简报一", at(2020, 1, 1))
        publish(news, "调解简报二", at(2022, 1, 1))
    with on_commit():
        first.published_at = at(2024, 1, 1)
        first.save_revision().publish()
    assert _titles("调解") == ["调解简报一", "调解简报二"]
    assert _word_rows() == SearchEntry.objects.count() == 2
    with on_commit():
        first.unpublish()
    assert _titles("调解") == ["调解简报二"] and _word_rows() == 1


def test_relevance_ranks_the_newest_matches_and_stops_there(news, notices, on_commit, monkeypatch):
    with on_commit():
        publish(notices, "普法讲座安排", at(2018, 1, 1), "时间另行通知。")  # title: the best
        publish(news, "社区工作简报", at(2024, 1, 1), "本月开展普法讲座三场。")
        publish(news, "街道工作简报", at(2025, 1, 1), "普法宣传进社区。")
    assert _titles("普法", RELEVANCE)[0] == "普法讲座安排"
    monkeypatch.setattr(searching, "RANKED", 2)
    ranked = site_search(query="普法", order=RELEVANCE, per_page=1, number=2)
    assert [h.page.title for h in ranked.hits] == ["社区工作简报"] and not ranked.has_next
    assert _titles("普法", RELEVANCE, per_page=1, number=3) == []
    assert _titles("普法", NEWEST, per_page=1, number=3) == ["普法讲座安排"]


def test_a_single_character_is_found_without_a_prefix_search(news, on_commit):
    with on_commit():
        publish(news, "楼上渗漏", at(2024, 1, 1), "卫生间渗漏。")
        publish(news, "漏水维修", at(2023, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        assert _titles("漏") == ["楼上渗漏", "漏水维修"]
    sent = " ".join(q["sql"] for q in queries.captured_queries)
    assert "漏" in sent and '"漏"*' not in sent and "'漏':*" not in sent


@pytest.mark.skipif("connection.vendor != 'sqlite'",
                    reason="PostgreSQL plans from its own statistics")
@pytest.mark.parametrize("order", [NEWEST, RELEVANCE])
def test_sqlite_reads_the_matches_in_the_index_order_without_sorting_them(news, on_commit,
                                                                           order):
    with on_commit():
        publish(news, "调解简报", at(2024, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        site_search(query="调解", order=order)
    (sql,) = [q["sql"] for q in queries.captured_queries if "MATCH" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = [row[-1] for row in cursor.fetchall()]
    assert any("VIRTUAL TABLE" in step for step in plan), plan
    # newest: the order is the virtual table's own; relevance: one sort, of the window only
    sorts = [step for step in plan if "TEMP B-TREE" in step]
    assert len(sorts) == (0 if order == NEWEST else 1), plan
