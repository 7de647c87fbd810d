"""Keeping the full-text index in step with a case (called by the services that change text).

Segmenting Chinese text is CPU work; done inside a service's transaction it held SQLite's write
lock for every other writer (23-47 s for one hostile appeal). So a service only asks for the
case to be indexed, and the index row is written after the commit: the text is read and
segmented outside any transaction, then written in a short one of its own. A failure is logged
and leaves the case saved (it is then found again on its next change)."""

from __future__ import annotations

import logging

from django.db import connection, transaction

from fazhi.core.textsearch import index_text

from ..models import Case, Event

logger = logging.getLogger("fazhi.search")


def search_index(case: Case) -> None:
    """Index ``case`` once the current transaction commits (at once outside one)."""
    case_id = case.pk
    transaction.on_commit(lambda: search_index_now(case_id), robust=True)


def search_index_now(case_id: int) -> None:
    row = Case.objects.filter(pk=case_id).values_list("title", "description", "address").first()
    if row is None:
        return
    notes = Event.objects.filter(case_id=case_id).exclude(text="").order_by("pk")
    body = index_text(*row, *notes.values_list("text", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO cases_search (case_id, document) VALUES (%s, to_tsvector('simple', %s))"
                " ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document",
                [case_id, body])
        else:
            cursor.execute("DELETE FROM cases_search WHERE rowid = %s", [case_id])
            cursor.execute("INSERT INTO cases_search (rowid, body) VALUES (%s, %s)",
                           [case_id, body])

