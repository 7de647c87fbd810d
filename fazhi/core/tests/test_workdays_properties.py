"""Invariants of the engine over the whole known calendar (hypothesis, no database)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.workdays import (
    SHANGHAI,
    add_calendar_days,
    add_months,
    add_working_days,
    due_at,
    is_workday,
    local_date,
    state,
)

# Late enough that 12 months or 60 working days stay inside the known calendar (2004-2026).
starts = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2025, 10, 31))
amounts = st.integers(min_value=0, max_value=60)
overrides = st.dictionaries(
    st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 6, 30)), st.booleans(),
    max_size=20,
)
moments = st.datetimes(min_value=dt.datetime(2004, 1, 2), max_value=dt.datetime(2025, 10, 31),
                       timezones=st.just(SHANGHAI))
units = st.sampled_from(["hours", "calendar_days", "working_days", "months"])


@given(starts, amounts, overrides)
def test_adding_working_days_lands_on_a_working_day_after_the_start(start, n, local):
    last = add_working_days(start, n, overrides=local)
    assert last >= start
    if n:
        assert last > start
        assert is_workday(last, overrides=local)


@given(starts, st.integers(min_value=0, max_value=59), overrides)
def test_adding_working_days_is_strictly_monotonic(start, n, local):
    assert add_working_days(start, n, overrides=local) < add_working_days(start, n + 1,
                                                                          overrides=local)


@given(starts, st.integers(min_value=1, max_value=60), overrides)
def test_a_calendar_day_period_ends_on_a_working_day_no_earlier_than_day_n(start, n, local):
    last = add_calendar_days(start, n, overrides=local)
    assert last >= start + dt.timedelta(days=n)
    assert is_workday(last, overrides=local)
    # Nothing between day n and the end is a working day: the extension is minimal.
    day = start + dt.timedelta(days=n)
    while day < last:
        assert not is_workday(day, overrides=local)
        day += dt.timedelta(days=1)


@given(starts, st.integers(min_value=0, max_value=59))
def test_calendar_day_periods_are_monotonic_in_n(start, n):
    assert add_calendar_days(start, n, overrides={}) <= add_calendar_days(start, n + 1,
                                                                          overrides={})


@given(starts, st.integers(min_value=1, max_value=11))
def test_month_periods_end_on_a_working_day_and_are_monotonic(start, n):
    last = add_months(start, n, overrides={})
    assert is_workday(last, overrides={})
    assert last <= add_months(start, n + 1, overrides={})
    assert (last.year - start.year) * 12 + last.month - start.month in (n, n + 1)


pauses = st.lists(
    st.tuples(moments, st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=20)))
    .map(lambda p: (p[0], p[0] + p[1])),
    max_size=3,
)


@settings(max_examples=150)
@given(moments, st.integers(min_value=0, max_value=11), units, pauses)
def test_due_is_never_before_the_start_and_pauses_never_shorten_it(start, n, unit, paused):
    plain = due_at(start, n, unit, overrides={})
    assert plain >= start
    assert due_at(start, n, unit, pauses=paused, overrides={}) >= plain


@given(moments, st.integers(min_value=0, max_value=11), units)
def test_due_is_monotonic_in_the_amount(start, n, unit):
    assert due_at(start, n, unit, overrides={}) <= due_at(start, n + 1, unit, overrides={})


@given(moments, st.integers(min_value=1, max_value=30))
def test_a_working_day_due_moment_falls_on_a_working_day(start, n):
    assert is_workday(local_date(due_at(start, n, "working_days", overrides={})), overrides={})


@given(moments, moments, st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9)))
def test_state_is_overdue_exactly_when_now_is_past_the_due_moment(due, now, soon):
    assert (state(due, now, soon) == "overdue") == (now > due)
    if now <= due:
        assert (state(due, now, soon) == "due_soon") == (due - now <= soon)
