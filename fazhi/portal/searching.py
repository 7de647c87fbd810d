"""The public search over the portal's published pages (the index of ``searchindex``).

A query is reduced to words as in cases (``core.textsearch``: jieba; each term quoted, so
quotes, ``*``, ``AND``, ``NEAR`` are words or nothing, never syntax); a page matches when it
holds every word. Both orders read from the index's side, as cases' ``search_first_matches``
does, and stop once they have a page: "newest first" takes the matches in the order FTS5 keeps
them (its rowid is the publish time, then the page: ``models.search_key``), checking each is
live by its primary key; on PostgreSQL the planner walks the GIN index or the time index,
whichever is the smaller side. "Relevance" is FTS5's bm25 (the title weighs four times the
body) or PostgreSQL's ts_rank over the ``RANKED`` newest matches: ranking every match of a
word that half the pages hold costs a score each (docs/measurements.md), and beyond the few
thousand newest the order no longer helps a reader; results by relevance stop there.
Pages are found without a COUNT, as channel lists are: one row more says whether a next page
exists. Every result is checked live and public again when it is shown, so a page unpublished
a moment ago or put behind a view restriction never shows, even before the index catches up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString
from wagtail.models import Page

from fazhi.core.highlight import highlight, snippet
from fazhi.core.textsearch import fts5_match, query_terms, tsquery

from .models import PAGE_MASK

NEWEST, RELEVANCE = "newest", "relevance"
ORDERS = (NEWEST, RELEVANCE)
PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 100
RANKED = 2000  # "relevance" orders this many newest matches


@dataclass(frozen=True)
class Hit:
    page: Any
    title: SafeString
    excerpt: SafeString
    published_at: dt.datetime | None


@dataclass(frozen=True)
class Results:
    query: str
    order: str = NEWEST
    terms: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    number: int = 1
    per_page: int = PER_PAGE
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_rank(self) -> int:
        return (self.number - 1) * self.per_page + 1


def _ids(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


# Each match read is checked live by primary key (the EXISTS), so a page the index has not
# yet caught up with is skipped rather than shown and later dropped.
def _newest(query: str, start: int, stop: int) -> list[int]:
    if connection.vendor == "postgresql":
        return _ids("SELECT s.page_id FROM portal_search s "
                    "JOIN portal_searchentry e ON e.page_id = s.page_id "
                    "WHERE s.document @@ to_tsquery('simple', %s) AND EXISTS (SELECT 1 FROM "
                    "wagtailcore_page p WHERE p.id = s.page_id AND p.live) "
                    "ORDER BY e.published_at DESC, s.page_id DESC LIMIT %s OFFSET %s",
                    [tsquery(query, prefix=False), stop - start, start])
    return _ids("SELECT s.rowid & %s FROM portal_search s "
                "WHERE s.portal_search MATCH %s AND EXISTS (SELECT 1 FROM wagtailcore_page p "
                "WHERE p.id = (s.rowid & %s) AND p.live) "
                "ORDER BY s.rowid DESC LIMIT %s OFFSET %s",
                [PAGE_MASK, fts5_match(query, prefix=False), PAGE_MASK, stop - start, start])


def _by_relevance(query: str, start: int, stop: int) -> list[int]:
    stop = min(stop, RANKED)
    if start >= stop:
        return []
    if connection.vendor == "postgresql":
        terms = tsquery(query, prefix=False)
        return _ids("SELECT page_id FROM (SELECT s.page_id, e.published_at, "
                    "ts_rank(s.document, to_tsquery('simple', %s)) AS score "
                    "FROM portal_search s JOIN portal_searchentry e ON e.page_id = s.page_id "
                    "WHERE s.document @@ to_tsquery('simple', %s) AND EXISTS (SELECT 1 FROM "
                    "wagtailcore_page p WHERE p.id = s.page_id AND p.live) "
                    "ORDER BY e.published_at DESC, s.page_id DESC LIMIT %s) newest "
                    "ORDER BY score DESC, published_at DESC, page_id DESC LIMIT %s OFFSET %s",
                    [terms, terms, RANKED, stop - start, start])
    return _ids("SELECT sk & %s FROM (SELECT s.rowid AS sk, "
                "bm25(portal_search, 4.0, 1.0) AS score "  # the title weighs four times
                "FROM portal_search s WHERE s.portal_search MATCH %s AND EXISTS (SELECT 1 "
                "FROM wagtailcore_page p WHERE p.id = (s.rowid & %s) AND p.live) "
                "ORDER BY s.rowid DESC LIMIT %s) newest "
                "ORDER BY score, sk DESC LIMIT %s OFFSET %s",
                [PAGE_MASK, fts5_match(query, prefix=False), PAGE_MASK, RANKED, stop - start,
                 start])


def site_search(*, query: str, order: str = NEWEST, number: int = 1,
                per_page: int = PER_PAGE) -> Results:
    """One page of the published pages holding every word of ``query``, with excerpts."""
    order = order if order in ORDERS else NEWEST
    number = min(max(number, 1), MAX_PAGE)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    terms = query_terms(query)
    if not terms:
        return Results(query=query, order=order, number=number, per_page=per_page)
    start = (number - 1) * per_page
    find = _by_relevance if order == RELEVANCE else _newest
    ids = find(query, start, start + per_page + 1)
    shown = ids[:per_page]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=shown).live().public().specific()}
    hits = []
    for pk in shown:
        page = pages.get(pk)
        if page is None:
            continue
        text = page.search_text() if hasattr(page, "search_text") else ""
        when = page.search_date() if hasattr(page, "search_date") else None
        hits.append(Hit(page=page, title=highlight(page.title, terms),
                        excerpt=snippet(text, terms), published_at=when or page.first_published_at))
    return Results(query=query, order=order, terms=terms, hits=hits, number=number,
                   per_page=per_page, has_next=len(ids) > per_page)
