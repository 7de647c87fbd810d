"""The full-text search's edges (selectors/search.py): a query with no searchable word is
counted as nothing beside the page's other counts; a bare search on the queue page is counted
from the index's side; and PostgreSQL is sent its own statement.

The suite (and the mutation run) run on SQLite, where the PostgreSQL branches are never taken;
CI's PostgreSQL lane runs the search tests against PostgreSQL itself. The last three tests
here pin on SQLite what that branch sends: the tsvector statement with every value a parameter
(SQL keywords and unquoted names are case-insensitive on both databases; ``%s`` is not), and
how the possible duplicates are scored from PostgreSQL's answer.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/search.py`` left alive.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext

from fazhi.cases.models import Case
from fazhi.cases.selectors import (
    case_matches_capped,
    queue_counts,
    search_filter,
    similar_case_ids,
)
from fazhi.cases.selectors.search import search_first_matches
from fazhi.cases.services.search import search_index_now
from fazhi.core.counting import RawRows
from fazhi.core.textsearch import tsquery

from .factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaks(worker, north, outsider, south):
    """Two indexed cases about a leak in the worker's community, one in another community."""
    made = [make_case(worker, north), make_case(worker, north), make_case(outsider, south)]
    for case in made:
        search_index_now(case.pk)
    return made


@pytest.mark.parametrize("query", ['"', "*(-", ")^"])
def test_a_query_without_a_word_counts_nothing_beside_the_other_counts(worker, leaks, query):
    matching = case_matches_capped(actor=worker, q=query)
    counts = queue_counts(actor=worker, only=("all",), matching=matching)
    assert counts == {"matching": 0}
    # The same round trip still counts the queues beside it.
    counts = queue_counts(actor=worker, only=("community",), matching=matching)
    assert counts == {"community": 2, "matching": 0}


def test_a_bare_search_on_the_queue_page_is_counted_from_the_index_side(as_user, worker, leaks):
    client = as_user(worker)
    # The form sends its drill-down flags unticked (False): they filter nothing.
    assert isinstance(case_matches_capped(actor=worker, q="漏水", mediated=False,
                                          backlog=False), RawRows)
    with CaptureQueriesContext(connection) as bare:
        response = client.get("/cases/", {"q": "漏水"})
    assert response.status_code == 200
    assert response.context["page"].count == 2
    assert any(" FROM cases_search s WHERE " in q["sql"] for q in bare.captured_queries)
    assert response.context["filtering"] is False  # the filter box stays closed for a search
    # With a filter the filtered cases are the smaller side: they are counted instead.
    with CaptureQueriesContext(connection) as filtered:
        response = client.get("/cases/", {"q": "漏水", "kind": "dispute"})
    assert response.context["page"].count == 2
    assert not any(" FROM cases_search s WHERE " in q["sql"] for q in filtered.captured_queries)
    assert response.context["filtering"] is True


def same_sql(sent: str, expected: str) -> bool:
    return sent.lower() == expected.lower() and sent.count("%s") == expected.count("%s")


@pytest.fixture
def on_postgresql(monkeypatch):
    """The default connection says it is PostgreSQL while the statement is built (it is
    only built here, never sent)."""
    def build(function, *args):
        with monkeypatch.context() as patched:
            patched.setattr(connection, "vendor", "postgresql")
            return function(*args)
    return build


def test_on_postgresql_the_search_filter_reads_the_tsvector_index(on_postgresql, north):
    scoped = Case.objects.filter(community=north)
    searched = on_postgresql(search_filter, scoped, "楼上 漏水")
    by_hand = scoped.filter(pk__in=RawSQL(  # noqa: S611 (a constant)
        "SELECT case_id FROM cases_search WHERE document @@ to_tsquery('simple', %s)",
        [tsquery("楼上 漏水")]))
    sql, params = searched.query.sql_with_params()
    expected_sql, expected_params = by_hand.query.sql_with_params()
    assert same_sql(sql, expected_sql)
    assert params == expected_params == (north.pk, tsquery("楼上 漏水"))


def test_on_postgresql_the_first_matches_are_read_from_the_tsvector_index(on_postgresql, north):
    scoped = Case.objects.filter(community=north)
    rows = on_postgresql(search_first_matches, scoped, "楼上 漏水", 200)
    head = "SELECT s.case_id FROM cases_search s WHERE s.document @@ to_tsquery('simple', %s) "
    assert same_sql(rows.sql[:len(head)], head)
    inner = rows.sql[len(head):]
    assert same_sql(inner[:len("AND EXISTS (")], "AND EXISTS (")
    assert same_sql(inner[-len(") LIMIT %s"):], ") LIMIT %s")
    # Each scoped case is checked by its key against the index row's case.
    assert '"cases_case"."id" = (s.case_id)' in inner.lower()
    assert rows.params == (tsquery("楼上 漏水"), north.pk, 201)
    assert rows.using == scoped.db


class AsPostgreSQL:
    """A cursor that records the statement sent and answers as PostgreSQL does: each row's
    case and its ``document::text`` (``'word':positions``)."""

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        self.rows = rows
        self.sent: list[tuple[str, list[str]]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def execute(self, sql, params):
        self.sent.append((sql, params))

    def fetchall(self):
        return self.rows


def test_on_postgresql_possible_duplicates_are_scored_from_the_tsvector_text(monkeypatch):
    cursor = AsPostgreSQL([
        (7, "'ceiling':3 'leak':2 'mould':4 'water':1"),  # all four words
        (8, "'ceiling':1 'leak':3,5 'water':2"),  # three: the text's own case, left out
        (9, "'kitchen':3 'leak':2 'water':1"),  # two of four
        (10, "'bedroom':2 'mould':1"),  # one of four: a quarter, the least kept
        (11, "'noise':1 'night':2"),  # none
    ])
    with monkeypatch.context() as patched:
        patched.setattr(connection, "vendor", "postgresql")
        patched.setattr(connection, "cursor", lambda: cursor)
        found = similar_case_ids("water leak ceiling mould", exclude=8)
    assert found == [7, 9, 10]
    [(sql, params)] = cursor.sent
    assert same_sql(sql, "SELECT case_id, document::text FROM cases_search WHERE document @@ "
                         "to_tsquery('simple', %s) ORDER BY ts_rank(document, "
                         "to_tsquery('simple', %s)) DESC LIMIT 30")
    assert params == ["'water' | 'leak' | 'ceiling' | 'mould'"] * 2
