"""The portal's search index, kept in step with the pages by Wagtail itself.

A page is in the index while it is live and public and its model says what its words are
(``search_text()``, ``search_date()``: articles; a page type of another app joins by defining
both). The index is two tables: ``SearchEntry`` (the page and its publish time, the order of
"newest first") and ``portal_search``, the words cut by jieba as in cases
(``core.textsearch``): FTS5 columns (title, body) on SQLite, its rowid the entry's key (publish
time, then page: ``models.search_key``), so FTS5 itself returns matches newest first; a
tsvector with the title weighted 'A', keyed by page id, on PostgreSQL.

Who calls it: ``IndexBackend`` is listed in ``WAGTAILSEARCH_BACKENDS``, so Wagtail's search
auto-update calls its ``add()`` after every save of a page (a task: the worker in production,
at once in tests) and its ``delete()`` when a page is deleted. Every way a page goes live or
stops being live saves it: the editor, a reviewer's approval, ``publish_scheduled``, an
expiry, the importer. (Wagtail's ``after_publish_page`` hooks run only in the editor's own
views: not on a workflow approval nor on scheduled publishing.) The segmenting runs after
the commit, never under the write lock, and the write is one short transaction of its own.
``fazhi portal-search-rebuild`` rebuilds it all.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection, transaction
from modelsearch.backends.base import BaseSearchBackend
from wagtail.models import Page

from fazhi.core.textsearch import index_text

from .models import SearchEntry

logger = logging.getLogger("fazhi.search")


def indexable(page: Page) -> Any | None:
    """The specific page if it belongs in the index (live, public, has words), else None."""
    specific = page.specific
    if not page.live or not hasattr(specific, "search_text"):
        return None
    if not Page.objects.filter(pk=page.pk).public().exists():
        return None
    return specific


def page_index(page_id: int) -> None:
    """Index the page once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: page_index_now(page_id), robust=True)


def page_index_now(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    specific = indexable(page) if page is not None else None
    if specific is None:
        page_remove(page_id)
        return
    title = index_text(specific.title)
    body = index_text(specific.search_text())
    when = specific.search_date() or specific.first_published_at
    with transaction.atomic():
        _words_remove(page_id)
        entry, _created = SearchEntry.objects.update_or_create(
            page_id=page_id, defaults={"published_at": when})
        _words_write(entry, title, body)


def _words_write(entry: SearchEntry, title: str, body: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO portal_search (page_id, document) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || to_tsvector('simple', %s))"
                " ON CONFLICT (page_id) DO UPDATE SET document = EXCLUDED.document",
                [entry.page_id, title, body])
        else:
            cursor.execute("INSERT INTO portal_search (rowid, title, body) VALUES (%s, %s, %s)",
                           [entry.key, title, body])


def _words_remove(page_id: int) -> None:
    """Delete the page's words (on SQLite found by the key of its entry, which is still there)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM portal_search WHERE page_id = %s", [page_id])
            return
        entry = SearchEntry.objects.filter(page_id=page_id).first()
        if entry is not None:
            cursor.execute("DELETE FROM portal_search WHERE rowid = %s", [entry.key])


def page_remove(page_id: int) -> None:
    with transaction.atomic():
        _words_remove(page_id)
        SearchEntry.objects.filter(page_id=page_id).delete()


def index_rebuild() -> int:
    """Empty the index and index every live page again; returns how many are in it."""
    with transaction.atomic(), connection.cursor() as cursor:
        SearchEntry.objects.all().delete()
        cursor.execute("DELETE FROM portal_search")
    for page_id in Page.objects.live().order_by("pk").values_list("pk", flat=True).iterator():
        page_index_now(page_id)
    return SearchEntry.objects.count()


class IndexBackend(BaseSearchBackend):
    """Wagtail's side: keeps the index; it does not answer Wagtail's own searches (the
    editor's searches stay on the "default" backend). The public search is
    ``portal.searching``: Chinese words, excerpts, newest first or by relevance."""

    def add(self, obj: Any) -> None:
        if isinstance(obj, Page):
            page_index(obj.pk)

    def add_bulk(self, model: Any, obj_list: Any) -> None:
        for obj in obj_list:
            self.add(obj)

    def delete(self, obj: Any) -> None:
        if isinstance(obj, Page):
            page_remove(obj.pk)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("the portal's search is portal.searching.site_search")

    autocomplete = search


SearchBackend = IndexBackend
