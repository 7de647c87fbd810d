"""How SQLite plans the work queue's queries (the embedded default keeps no statistics, so its
plans depend only on the schema and the SQL, and an empty test database plans exactly as the
bench's million cases do). Each combination here once read hundreds of thousands of rows or
called a function on every row: see docs/casework.md, "Benchmarks"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from fazhi.cases.models import Category
from fazhi.cases.selectors import case_list_for, case_matches_capped

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif("connection.vendor != 'sqlite'",
                                 reason="PostgreSQL plans from its own statistics")]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(row[-1] for row in cursor.fetchall())


def _filters(north) -> dict[str, dict]:
    category = Category.objects.order_by("pk").first().pk
    return {
        "state": {"state": "closed"},
        "channel and state": {"channel": "hotline", "state": "closed"},
        "community": {"community": north.pk},
        "community and category": {"community": north.pk, "category": category},
        "category": {"category": category},
        "kind and risk": {"kind": "dispute", "risk": "major"},
        "state and channel": {"state": "in_progress", "channel": "online"},
        "a month": {"since": dt.date(2016, 1, 1), "until": dt.date(2016, 1, 31)},
        "a month and a kind": {"since": dt.date(2020, 3, 1), "until": dt.date(2020, 3, 31),
                               "kind": "dispute"},
        "everything": {"kind": "petition", "community": north.pk, "state": "referred",
                       "channel": "letter_visit", "risk": "high", "category": category},
    }


def test_every_filter_walks_an_index_in_receipt_order(street_staff, north):
    for label, filters in _filters(north).items():
        plan = _plan(case_list_for(actor=street_staff, **filters)[:25])
        assert "USING" in plan and "INDEX" in plan, (label, plan)
        # No sort of every match; at most of cases received in the same second, by id.
        assert "TEMP B-TREE FOR ORDER BY" not in plan, (label, plan)


def test_a_filtered_count_reads_only_an_index(street_staff, north):
    for label, filters in _filters(north).items():
        counted = case_matches_capped(actor=street_staff, **filters)
        plan = _plan(counted)
        assert "COVERING INDEX" in plan, (label, plan)


def test_a_period_is_a_range_not_a_function_of_every_row(street_staff, north):
    sql = str(case_list_for(actor=street_staff, since=dt.date(2016, 1, 1)).query)
    assert "django_datetime_cast_date" not in sql


def test_the_open_queues_drive_from_their_own_index_when_filtered(street_staff, worker, north):
    for queue in ("overdue", "due_soon"):
        plan = _plan(case_list_for(actor=street_staff, queue=queue, kind="dispute")[:25])
        assert "cases_state_due_cover" in plan, (queue, plan)
    plan = _plan(case_list_for(actor=worker, queue="community", kind="dispute",
                               category=Category.objects.order_by("pk").first().pk)[:25])
    assert "(community_id=?" in plan and "kind_filters" not in plan, plan
    assert "category_filters" not in plan, plan


def test_a_search_of_closed_cases_drives_from_the_search_index(street_staff):
    plan = _plan(case_list_for(actor=street_staff, q="漏水", state="closed")[:25])
    assert "cases_state_filters" not in plan and "VIRTUAL TABLE" in plan, plan


def test_a_filtered_search_walks_its_matches_newest_first(street_staff, north):
    plan = _plan(case_list_for(actor=street_staff, q="工资", channel="hotline",
                               community=north.pk)[:25])
    assert "_filters" not in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan
