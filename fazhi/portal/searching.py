"""The public search over the portal's published pages (the index of ``searchindex``).

A query is reduced to words as in cases (``core.textsearch``: jieba; each term quoted, so
quotes, ``*``, ``AND``, ``NEAR`` are words or nothing, never syntax); a page matches when it
holds every word. "Newest first" walks ``SearchEntry``'s time index and keeps the matches;
"relevance" is FTS5's bm25 (the title weighs four times the body) or PostgreSQL's ts_rank.
Pages are found without a COUNT, as channel lists are: one row more says whether a next page
exists. Every result is checked live and public again when it is shown, so a page unpublished
a moment ago or put behind a view restriction never shows, even before the index catches up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString
from wagtail.models import Page

from fazhi.core.highlight import highlight, snippet
from fazhi.core.textsearch import fts5_match, query_terms, tsquery

from .models import SearchEntry

NEWEST, RELEVANCE = "newest", "relevance"
ORDERS = (NEWEST, RELEVANCE)
PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 100


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


def _newest(query: str, start: int, stop: int) -> list[int]:
    if connection.vendor == "postgresql":
        words = RawSQL("SELECT page_id FROM portal_search WHERE document @@ "  # noqa: S611
                       "to_tsquery('simple', %s)", [tsquery(query)])
    else:
        words = RawSQL("SELECT rowid FROM portal_search WHERE portal_search MATCH %s",  # noqa: S611
                       [fts5_match(query)])
    return list(SearchEntry.objects.filter(page__live=True, page_id__in=words)
                .order_by("-published_at", "-page_id")
                .values_list("page_id", flat=True)[start:stop])


def _by_relevance(query: str, start: int, stop: int) -> list[int]:
    if connection.vendor == "postgresql":
        sql = ("SELECT s.page_id FROM portal_search s "
               "JOIN portal_searchentry e ON e.page_id = s.page_id "
               "JOIN wagtailcore_page p ON p.id = s.page_id "
               "WHERE s.document @@ to_tsquery('simple', %s) AND p.live "
               "ORDER BY ts_rank(s.document, to_tsquery('simple', %s)) DESC, "
               "e.published_at DESC, s.page_id DESC LIMIT %s OFFSET %s")
        params: list[Any] = [tsquery(query), tsquery(query), stop - start, start]
    else:
        sql = ("SELECT s.rowid FROM portal_search s "
               "JOIN portal_searchentry e ON e.page_id = s.rowid "
               "JOIN wagtailcore_page p ON p.id = s.rowid "
               "WHERE s.portal_search MATCH %s AND p.live "
               "ORDER BY bm25(portal_search, 4.0, 1.0), "  # the title weighs four times
               "e.published_at DESC, s.rowid DESC LIMIT %s OFFSET %s")
        params = [fts5_match(query), stop - start, start]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


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
