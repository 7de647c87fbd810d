"""Full-text search over the index kept by services/search.py (FTS5 or tsvector 'simple')."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from fazhi.core.counting import RawRows
from fazhi.core.textsearch import fts5_match, index_text, query_terms, tsquery

from ..models import Case

SIMILAR_CHARS = 2000


def search_filter(queryset: QuerySet[Case], query: str) -> QuerySet[Case]:
    if not query_terms(query):
        return queryset.none()
    if connection.vendor == "postgresql":
        sql = "SELECT case_id FROM cases_search WHERE document @@ to_tsquery('simple', %s)"
        return queryset.filter(pk__in=RawSQL(sql, [tsquery(query)]))  # noqa: S611 (parameterised)
    sql = "SELECT rowid FROM cases_search WHERE cases_search MATCH %s"
    return queryset.filter(pk__in=RawSQL(sql, [fts5_match(query)]))  # noqa: S611 (parameterised)


def search_first_matches(queryset: QuerySet[Case], query: str, cap: int) -> RawRows:
    """The first ``cap + 1`` cases of ``queryset`` (not yet searched) that match ``query``,
    read from the search index's side: each indexed match is checked against ``queryset`` by
    primary key until enough are found. For a bare search (no filter but the viewer's scope)
    that reads a few hundred index entries, where ``search_filter``'s IN list first gathers
    every match (docs/measurements.md). With selective filters the
    filtered cases are the smaller side: count ``capped(search_filter(...))`` then.
    A query without a searchable term matches nothing (it is never sent as MATCH '')."""
    if not query_terms(query):
        return RawRows(sql="SELECT 1 WHERE 1 = 0", using=queryset.db)
    postgres = connection.vendor == "postgresql"
    key = "s.case_id" if postgres else "s.rowid"
    inner = queryset.order_by().filter(pk=RawSQL(key, [])).values("pk")  # noqa: S611 (constant)
    inner_sql, inner_params = inner.query.get_compiler(using=inner.db).as_sql()
    match = ("s.document @@ to_tsquery('simple', %s)" if postgres
             else "s.cases_search MATCH %s")
    # Built from constants and the ORM's own compiled SQL; every value is a parameter.
    sql = (f"SELECT {key} FROM cases_search s WHERE {match} "  # noqa: S608
           f"AND EXISTS ({inner_sql}) LIMIT %s")
    term = tsquery(query) if postgres else fts5_match(query)
    return RawRows(sql=sql, params=(term, *inner_params, cap + 1), using=inner.db)


def similar_case_ids(text: str, *, exclude: int | None = None, limit: int = 5,
                     threshold: float = 0.25) -> list[int]:
    """Cases whose indexed words overlap most with ``text`` (possible duplicates)."""
    # the first words are enough to find a duplicate, and keep a long text's detail page quick
    terms = [t for t in index_text(text[:SIMILAR_CHARS]).split() if len(t) >= 2][:24]
    if not terms:
        return []
    wanted = set(terms)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT case_id, document::text FROM cases_search WHERE document @@ "
                "to_tsquery('simple', %s) ORDER BY ts_rank(document, to_tsquery('simple', %s))"
                " DESC LIMIT 30", [" | ".join(f"'{t}'" for t in terms)] * 2)
            rows = [(pk, {w.split(":")[0].strip("'") for w in doc.split()})
                    for pk, doc in cursor.fetchall()]
        else:
            cursor.execute("SELECT rowid, body FROM cases_search WHERE cases_search MATCH %s "
                           "ORDER BY bm25(cases_search) LIMIT 30",
                           [" OR ".join(f'"{t}"' for t in terms)])
            rows = [(pk, set(body.split())) for pk, body in cursor.fetchall()]
    scored = []
    for pk, words in rows:
        if pk == exclude:
            continue
        score = len(wanted & words) / max(len(wanted), 1)
        if score >= threshold:
            scored.append((score, pk))
    scored.sort(reverse=True)
    return [pk for _score, pk in scored[:limit]]
