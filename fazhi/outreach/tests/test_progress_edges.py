"""Progress against the plan at its edges: repeats, a `now` of the caller's, item order, and
when an item is lagging (written against the mutants `make mutate` left in progress.py)."""

from __future__ import annotations

import time_machine

from fazhi.outreach.selectors.progress import list_progress, progress_for_lists

from .conftest import add_item, at, make_activity


def _day(month: int, day: int, items):
    return make_activity(starts_at=at(2026, month, day), ends_at=at(2026, month, day, 11),
                         items=items)


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_two_activities_of_one_item_in_one_quarter_count_twice(approved_list):
    first, _second = approved_list.items.order_by("position")
    _day(1, 10, [first])
    _day(3, 30, [first])
    progress = list_progress(approved_list)
    assert progress.items[0].done_by_quarter == [2, 0, 0, 0]
    assert (progress.items[0].done, progress.items[0].credited) == (2, 2)
    assert progress.lagging == []  # the first quarter's item is done; the third's not begun


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_progress_is_read_at_the_moment_asked_not_the_clock(approved_list):
    """A report of the year's end, made in May, counts what had started by then: here the
    August activity (past in December, in the future of May is what the clock would say)."""
    _first, second = approved_list.items.order_by("position")
    _day(8, 6, [second])
    year_end = at(2026, 12, 31, 23)
    for progress in (list_progress(approved_list, now=year_end),
                     progress_for_lists([approved_list], now=year_end)[0]):
        assert progress.quarter_now == 4
        assert progress.done_by_quarter == [0, 0, 1, 0]
        assert [p.item.pk for p in progress.lagging] == [p.item.pk for p in progress.items]
    in_may = list_progress(approved_list)
    assert (in_may.quarter_now, in_may.done_by_quarter) == (2, [0, 0, 0, 0])


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_items_come_in_their_list_order_not_the_order_they_were_made(draft_list):
    made_first = add_item(draft_list, position=3, planned=1, quarter=2)
    made_second = add_item(draft_list, position=1, planned=1, quarter=1)
    made_third = add_item(draft_list, position=2, planned=1, quarter=4)
    progress = list_progress(draft_list)
    assert [p.item.pk for p in progress.items] == [made_second.pk, made_third.pk, made_first.pk]


@time_machine.travel(at(2026, 2, 20), tick=False)
def test_an_item_lags_from_its_own_quarter_until_it_is_done_to_plan(draft_list):
    this_quarter = add_item(draft_list, position=1, planned=2, quarter=1)
    on_plan = add_item(draft_list, position=2, planned=1, quarter=1)
    add_item(draft_list, position=3, planned=1, quarter=2)  # not begun: never lagging yet
    _day(1, 15, [this_quarter])
    _day(2, 10, [on_plan])
    progress = list_progress(draft_list)
    assert progress.quarter_now == 1
    assert [p.item.pk for p in progress.lagging] == [this_quarter.pk]
    assert [(p.done, p.planned) for p in progress.items] == [(1, 2), (1, 1), (0, 1)]
