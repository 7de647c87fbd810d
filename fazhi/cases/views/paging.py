"""Paging a work queue without COUNT(*) over the whole table.

Django's Paginator counts every matching row to number the pages; over a million cases that
count costs more than the page itself. A queue page instead fetches one row more than it shows
(so it knows whether a next page exists) and counts at most ``CAP + 1`` rows, showing
"more than 200" beyond that: nobody pages through hundreds of cases, they filter; the queue
tabs above carry the exact counts of open cases. The figures are in docs/measurements.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from fazhi.core.counting import capped
from fazhi.core.queryparams import query_int

CAP = 200
MAX_PAGE = 10_000


@dataclass(frozen=True)
class QueuePage:
    rows: list[Any]
    number: int
    has_next: bool
    count: int
    capped: bool

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def queue_page(queryset: QuerySet[Any], *, page: str | None, per_page: int,
               cap: int = CAP, count: int | None = None) -> QueuePage:
    """One page of ``queryset``; ``count``: the matches counted up to ``cap + 1`` already
    (the work queue brings it with its tab counts), else counted here."""
    number = query_int({"page": page}, "page", 1, lo=1, hi=MAX_PAGE, clamp=True) or 1
    offset = (number - 1) * per_page
    rows = list(queryset[offset:offset + per_page + 1])
    if count is None:
        count = capped(queryset, cap).count()
    return QueuePage(rows=rows[:per_page], number=number, has_next=len(rows) > per_page,
                     count=min(count, cap), capped=count > cap)
