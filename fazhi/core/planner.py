"""Hints for SQLite's query planner, written so that other databases see plain SQL.

Without ``ANALYZE`` statistics SQLite guesses that every equality is equally selective, so in
``state = 'closed' AND id IN (full-text matches)`` it may walk nearly every case instead
of the few thousand matches, and in an overdue queue filtered by kind it may walk every dispute
instead of the few overdue cases. ``likelihood(X, p)`` tells it how often X holds; the function
costs nothing at run time and X stays usable by an index. PostgreSQL keeps real statistics, so
there the condition is written bare. (Why not ``ANALYZE``: docs/measurements.md.)
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Lookup, Q


class _Likelihood(Lookup):
    """``lhs`` (a condition) with the planner told that it holds for ``rhs`` of the rows. A
    Lookup, so that ``filter()`` puts it in WHERE as it is (a plain function would be compared
    with True, and SQLite cannot use an index through that comparison)."""

    lookup_name = "likelihood"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.lhs)
        if connection.vendor == "sqlite":
            # SQLite takes only a literal here, never a bound parameter.
            return f"likelihood({sql}, {self.rhs:.4f})", params
        return sql, params


def likely(condition: Q, probability: float) -> Lookup:
    """``condition``, holding for about ``probability`` (0 < p < 1) of the rows it is tested
    on; for ``filter()``. A high probability tells SQLite that the condition is a refinement
    that should not drive the query; a low one that it should."""
    if not 0.0 < probability < 1.0:
        raise ValueError("probability must be between 0 and 1")
    return _Likelihood(ExpressionWrapper(condition, output_field=BooleanField()), probability)
