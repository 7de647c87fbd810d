"""Keeping the full-text index in step with a case (called by the services that change text)."""

from __future__ import annotations

from django.db import connection

from fazhi.core.textsearch import index_text

from ..models import Case


def search_index(case: Case) -> None:
    notes = list(case.events.exclude(text="").values_list("text", flat=True))
    body = index_text(case.title, case.description, case.address, *notes)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO cases_search (case_id, document) VALUES (%s, to_tsvector('simple', %s))"
                " ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document",
                [case.pk, body])
        else:
            cursor.execute("DELETE FROM cases_search WHERE rowid = %s", [case.pk])
            cursor.execute("INSERT INTO cases_search (rowid, body) VALUES (%s, %s)",
                           [case.pk, body])


def search_remove(case_id: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM cases_search WHERE case_id = %s", [case_id])
        else:
            cursor.execute("DELETE FROM cases_search WHERE rowid = %s", [case_id])
