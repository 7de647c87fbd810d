"""The case page's countdown (selectors.countdown_for): the days left to the case's due moment,
or past it, counted as the running deadline's rule counts them — working days across the
National Day holiday and its make-up Saturdays and Sundays, a local override, calendar days
beyond the official calendar. Every count is worked out by hand from the 2025 calendar below.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/countdown.py`` left alive.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from fazhi.cases.models import Deadline, DeadlineRule
from fazhi.cases.selectors import SOON, Countdown, countdown_for
from fazhi.core.workdays import calendar_override_set

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))
WORKING, CALENDAR = DeadlineRule.Unit.WORKING_DAYS, DeadlineRule.Unit.CALENDAR_DAYS


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=BEIJING)


def end_of(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(23, 59, 59, 999999),
                               tzinfo=BEIJING)


def deadline(due: dt.datetime, unit: str, status: str = "running") -> Deadline:
    return Deadline(status=status, due_at=due, rule=DeadlineRule(unit=unit))


def countdown(due: dt.datetime | None, now: dt.datetime, unit: str = WORKING,
              deadlines: list[Deadline] | None = None, is_open: bool = True) -> Countdown | None:
    if deadlines is None:
        deadlines = [deadline(due, unit)] if due is not None else []
    return countdown_for(SimpleNamespace(is_open=is_open, due_at=due), deadlines, now, SOON)


# From Friday 26 September to Monday 13 October 2025: 17 days, of which working days are
# Sunday 28 September (made up), 29 and 30 September, 9 and 10 October, Saturday 11 October
# (made up) and Monday 13 October: 7. The 1-8 October holiday and Saturday 27 September,
# Sunday 12 October are rest days.
def test_working_days_skip_the_national_day_holiday_and_count_its_make_up_days():
    assert countdown(end_of("2025-10-13"), at("2025-09-26")) == Countdown(7, False, True, "ok")


def test_calendar_days_count_every_day():
    assert countdown(end_of("2025-10-13"), at("2025-09-26"), CALENDAR) == Countdown(
        17, False, False, "ok")


def test_a_local_override_counts_and_the_calendar_is_read_once(django_assert_num_queries):
    # Monday 3 to Monday 10 November 2025: 4 to 7 and 10 November, 5 working days; a local
    # make-up working day on Saturday 8 November makes 6.
    due, now = end_of("2025-11-10"), at("2025-11-03")
    assert countdown(due, now) == Countdown(5, False, True, "ok")
    calendar_override_set(day=dt.date(2025, 11, 8), is_workday=True, note="本地调休上班")
    with django_assert_num_queries(2):  # the overrides and the entered years, once
        assert countdown(due, now) == Countdown(6, False, True, "ok")


def test_due_today_is_zero_days_and_due_soon_without_reading_the_calendar(
        django_assert_num_queries):
    for unit in (WORKING, CALENDAR):
        with django_assert_num_queries(0):
            assert countdown(end_of("2025-11-03"), at("2025-11-03"), unit) == Countdown(
                0, False, unit == WORKING, "due_soon")


def test_past_due_counts_the_days_since_and_at_least_one():
    # Due on Friday 7 November: on Monday 10th one working day past; on the 11th four days.
    assert countdown(end_of("2025-11-07"), at("2025-11-10")) == Countdown(1, True, True,
                                                                           "overdue")
    assert countdown(end_of("2025-11-07"), at("2025-11-11"), CALENDAR) == Countdown(
        4, True, False, "overdue")
    # Two hours past a moment of the same day: still one day overdue, not zero.
    assert countdown(at("2025-11-07", 12), at("2025-11-07", 14), CALENDAR) == Countdown(
        1, True, False, "overdue")


def test_only_the_running_deadline_of_the_case_s_due_moment_decides_the_unit():
    due, now = end_of("2025-10-13"), at("2025-09-26")
    other = end_of("2025-10-20")
    # A working-days deadline due at another moment, or one no longer running, does not.
    assert countdown(due, now, deadlines=[deadline(other, WORKING), deadline(due, CALENDAR)]) \
        == Countdown(17, False, False, "ok")
    assert countdown(due, now, deadlines=[deadline(due, WORKING, "met")]) == Countdown(
        17, False, False, "ok")
    assert countdown(due, now, deadlines=[]) == Countdown(17, False, False, "ok")


def test_beyond_the_official_calendar_working_days_are_counted_as_calendar_days():
    # 1 to 8 March 2027 (the calendar ends with 2026): seven days, still marked working.
    assert countdown(end_of("2027-03-08"), at("2027-03-01")) == Countdown(7, False, True, "ok")


def test_a_closed_case_or_one_without_a_due_moment_has_no_countdown():
    assert countdown(end_of("2025-11-10"), at("2025-11-03"), is_open=False) is None
    assert countdown(None, at("2025-11-03"), deadlines=[]) is None
