"""Planned against done, by quarter, from the activities linked to each list item."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils import timezone

from ..models import Activity, ListItem, ResponsibilityList


def quarter_of(moment: dt.datetime | dt.date) -> int:
    return (moment.month - 1) // 3 + 1


def current_quarter(year: int, today: dt.date) -> int:
    """How many quarters of ``year`` have begun by ``today`` (0 before, 4 after the year)."""
    if today.year < year:
        return 0
    if today.year > year:
        return 4
    return quarter_of(today)


@dataclass
class ItemProgress:
    item: ListItem
    done_by_quarter: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    @property
    def done(self) -> int:
        return sum(self.done_by_quarter)

    @property
    def planned(self) -> int:
        return self.item.planned_count

    @property
    def planned_by_quarter(self) -> list[int]:
        return [self.planned if q == self.item.quarter else 0 for q in range(1, 5)]

    @property
    def credited(self) -> int:
        return min(self.done, self.planned)

    @property
    def percent(self) -> int:
        return round(100 * self.credited / self.planned) if self.planned else 100

    def lagging(self, quarter_now: int) -> bool:
        return self.item.quarter <= quarter_now and self.done < self.planned


@dataclass
class ListProgress:
    lst: ResponsibilityList
    quarter_now: int
    items: list[ItemProgress]

    @property
    def planned(self) -> int:
        return sum(p.planned for p in self.items)

    @property
    def credited(self) -> int:
        return sum(p.credited for p in self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.credited / self.planned) if self.planned else 0

    @property
    def planned_by_quarter(self) -> list[int]:
        return [sum(p.planned_by_quarter[q] for p in self.items) for q in range(4)]

    @property
    def done_by_quarter(self) -> list[int]:
        return [sum(p.done_by_quarter[q] for p in self.items) for q in range(4)]

    @property
    def lagging(self) -> list[ItemProgress]:
        return [p for p in self.items if p.lagging(self.quarter_now)]

    @property
    def quarters(self) -> list[dict[str, Any]]:
        return [{"quarter": q + 1, "planned": self.planned_by_quarter[q],
                 "done": self.done_by_quarter[q]} for q in range(4)]


def _done_counts(item_ids: list[int], now: dt.datetime) -> dict[int, list[int]]:
    """{item id: [done in Q1..Q4]}: linked activities that have started by now and fall in
    the year of the item's list — one query, whatever the number of lists and years."""
    through = Activity.items.through
    rows = through.objects.filter(
        listitem_id__in=item_ids, activity__starts_at__lte=now,
        activity__starts_at__year=F("listitem__responsibility_list__year"),
    ).values_list("listitem_id", "activity__starts_at")
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for item_id, starts_at in rows:
        counts[item_id][quarter_of(timezone.localtime(starts_at)) - 1] += 1
    return counts


def progress_for_lists(lists: list[ResponsibilityList], *,
                       now: dt.datetime | None = None) -> list[ListProgress]:
    """Progress of several lists in two queries (items, then linked activities)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    by_list: dict[int, list[ListItem]] = defaultdict(list)
    for item in ListItem.objects.filter(responsibility_list__in=lists).order_by("position", "id"):
        by_list[item.responsibility_list_id].append(item)
    counts = _done_counts([i.pk for items in by_list.values() for i in items], now)
    result = []
    for lst in lists:
        items = [ItemProgress(item=i, done_by_quarter=list(counts.get(i.pk, [0, 0, 0, 0])))
                 for i in by_list[lst.pk]]
        result.append(ListProgress(lst=lst, quarter_now=current_quarter(lst.year, today),
                                   items=items))
    return result


def list_progress(lst: ResponsibilityList, *, now: dt.datetime | None = None) -> ListProgress:
    return progress_for_lists([lst], now=now)[0]
