"""Several counts in one round trip to the database.

A page that shows many figures (the work queue's tabs, its "more than 200" and the unread badge)
would otherwise pay a query each: Django's compiling, a parse, a plan and a trip per figure.
``count_at_once`` sends one ``SELECT 0, COUNT(*) FROM (…) UNION ALL SELECT 1, COUNT(*) FROM (…)``
instead. Each part keeps its own WHERE clause, so the database still answers each from the
index that suits it (a single aggregate with one FILTER per figure would read every row that
any figure needs and test each filter on each). Each part is the queryset's own SQL, compiled by
Django with its parameters; only the wrapping is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet


@dataclass(frozen=True)
class RawRows:
    """A part written in SQL (for a shape the ORM cannot say, e.g. a full-text index driving
    the look-up); its rows are counted. ``sql`` uses ``%s`` placeholders for ``params``."""

    sql: str
    params: tuple[Any, ...] = ()
    using: str = DEFAULT_DB_ALIAS


def _part(rows: QuerySet[Any] | RawRows) -> tuple[str, str, tuple[Any, ...]]:
    if isinstance(rows, RawRows):
        return rows.using, rows.sql, rows.params
    if not rows.query.is_sliced:
        rows = rows.order_by()
    try:
        sql, params = rows.values("pk").query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:
        # A queryset that can match nothing (``.none()``, an empty ``pk__in``) has no SQL
        # of its own: Django raises instead of compiling it; it counts as no rows.
        return rows.db, "SELECT 1 WHERE 1 = 0", ()
    return rows.db, sql, tuple(params)


def count_at_once(parts: dict[str, QuerySet[Any] | RawRows]) -> dict[str, int]:
    """``{name: part.count()}`` for every entry, in one query (querysets of any models, on
    one database; a sliced queryset counts the rows of its slice)."""
    if not parts:
        return {}
    names = list(parts)
    compiled = [_part(rows) for rows in parts.values()]
    using = {db for db, _sql, _params in compiled}
    if len(using) != 1:
        raise ValueError("count_at_once needs parts on one database")
    selects: list[str] = []
    params: list[Any] = []
    for position, (_db, sql, part_params) in enumerate(compiled):
        # The ORM's compiled SQL (or a RawRows' own) and a number; values stay parameters.
        selects.append(f"SELECT {position}, COUNT(*) FROM ({sql}) part{position}")  # noqa: S608
        params.extend(part_params)
    counts = dict.fromkeys(names, 0)
    with connections[using.pop()].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for position, n in cursor.fetchall():
            counts[names[position]] = n
    return counts


def capped(queryset: QuerySet[Any], cap: int) -> QuerySet[Any]:
    """The first ``cap + 1`` rows of ``queryset``, for ``count_at_once``: their count tells
    "exactly n" from "more than cap" without counting every match (over a million rows a full
    count costs more than the page it is shown on)."""
    return queryset.order_by().values("pk")[:cap + 1]
