"""The engine on exact dates of the real 2025/2026 official calendars (no database)."""

import datetime as dt

import pytest

from fazhi.core.workdays import (
    SHANGHAI,
    CalendarUnknown,
    LocalCalendar,
    add_calendar_days,
    add_hours,
    add_months,
    add_working_days,
    due_at,
    end_of_day,
    first_known_year,
    holiday_name,
    is_rest_day,
    is_workday,
    last_known_year,
    remaining,
    state,
)

D = dt.date
NONE: dict[dt.date, bool] = {}


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def test_make_up_sundays_and_saturdays_are_working_days():
    assert is_workday(D(2025, 9, 28), overrides=NONE)  # Sunday, 调休 for National Day
    assert is_workday(D(2025, 10, 11), overrides=NONE)  # Saturday, 调休
    assert is_workday(D(2026, 2, 14), overrides=NONE)  # Saturday before Spring Festival 2026


def test_holidays_and_ordinary_weekends_are_rest_days():
    assert is_rest_day(D(2025, 10, 8), overrides=NONE)  # last day of National Day 2025
    assert is_rest_day(D(2025, 10, 18), overrides=NONE)  # ordinary Saturday
    assert is_rest_day(D(2026, 2, 23), overrides=NONE)  # Monday within Spring Festival 2026
    assert not is_rest_day(D(2025, 10, 9), overrides=NONE)


def test_an_override_wins_over_the_official_calendar():
    assert is_rest_day(D(2025, 10, 10), overrides={D(2025, 10, 10): False})
    assert is_workday(D(2025, 10, 4), overrides={D(2025, 10, 4): True})


def test_is_workday_refuses_a_datetime_to_avoid_a_wrong_time_zone():
    with pytest.raises(TypeError):
        is_workday(at(2025, 10, 1), overrides=NONE)


def test_holiday_name_tells_which_holiday():
    assert holiday_name(D(2025, 10, 1)) == "National Day"
    assert holiday_name(D(2025, 10, 6)) == "Mid-autumn Festival"
    assert holiday_name(D(2025, 9, 28)) is None
    assert holiday_name(D(2025, 10, 18)) is None


def test_the_known_calendar_spans_2004_to_at_least_2026():
    assert first_known_year() == 2004
    assert last_known_year() >= 2026


def test_working_days_skip_the_holiday_and_count_make_up_days():
    assert add_working_days(D(2025, 9, 26), 1, overrides=NONE) == D(2025, 9, 28)
    assert add_working_days(D(2025, 9, 29), 3, overrides=NONE) == D(2025, 10, 10)
    assert add_working_days(D(2025, 10, 1), 1, overrides=NONE) == D(2025, 10, 9)
    assert add_working_days(D(2025, 10, 1), 0, overrides=NONE) == D(2025, 10, 1)


def test_working_days_respect_a_local_rest_day():
    local = {D(2025, 10, 10): False}
    assert add_working_days(D(2025, 9, 29), 3, overrides=local) == D(2025, 10, 11)


def test_calendar_days_do_not_count_the_starting_day():
    assert add_calendar_days(D(2025, 3, 3), 15, overrides=NONE) == D(2025, 3, 18)


def test_a_period_ending_on_1_october_runs_to_the_first_working_day_after_the_holiday():
    # National Day 2025 ran 1-8 October (with Mid-autumn), so the period runs to 9 October.
    assert add_calendar_days(D(2025, 9, 30), 1, overrides=NONE) == D(2025, 10, 9)
    # In 2026 the holiday is 1-7 October.
    assert add_calendar_days(D(2026, 9, 16), 15, overrides=NONE) == D(2026, 10, 8)


def test_a_period_ending_on_an_ordinary_weekend_runs_to_monday():
    assert add_calendar_days(D(2025, 3, 7), 1, overrides=NONE) == D(2025, 3, 10)


def test_a_period_ending_on_a_make_up_working_day_is_not_extended():
    assert add_calendar_days(D(2025, 9, 11), 30, overrides=NONE) == D(2025, 10, 11)
    assert add_calendar_days(D(2025, 8, 29), 30, overrides=NONE) == D(2025, 9, 28)


def test_zero_calendar_days_means_the_same_day():
    assert add_calendar_days(D(2025, 10, 1), 0, overrides=NONE) == D(2025, 10, 1)


def test_months_end_on_the_corresponding_day_or_the_months_last_day():
    assert add_months(D(2025, 1, 15), 1, overrides=NONE) == D(2025, 2, 17)  # 15 Feb is Saturday
    assert add_months(D(2025, 1, 31), 1, overrides=NONE) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1, overrides=NONE) == D(2024, 2, 29)
    assert add_months(D(2025, 8, 31), 1, overrides=NONE) == D(2025, 9, 30)
    assert add_months(D(2025, 11, 30), 3, overrides=NONE) == D(2026, 2, 28)  # make-up Saturday
    assert add_months(D(2025, 9, 1), 1, overrides=NONE) == D(2025, 10, 9)
    assert add_months(D(2025, 12, 17), 2, overrides=NONE) == D(2026, 2, 24)  # Spring Festival


def test_hours_are_clock_hours_through_holidays_and_nights():
    assert add_hours(at(2025, 10, 1, 10), 2) == at(2025, 10, 1, 12)
    assert add_hours(at(2025, 9, 30, 17), 24) == at(2025, 10, 1, 17)


def test_add_hours_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        add_hours(dt.datetime(2025, 10, 1, 10), 2)


def test_day_units_are_due_at_24_00_beijing_time_of_the_last_day():
    due = due_at(at(2025, 9, 30, 9), 1, "calendar_days", overrides=NONE)
    assert due == end_of_day(D(2025, 10, 9))
    assert (due.hour, due.minute, due.second, due.tzinfo) == (23, 59, 59, SHANGHAI)


def test_the_start_date_is_taken_in_beijing_time():
    # 17:30 UTC on 30 September is 01:30 on 1 October in Beijing.
    start = dt.datetime(2025, 9, 30, 17, 30, tzinfo=dt.UTC)
    assert due_at(start, 1, "working_days", overrides=NONE) == end_of_day(D(2025, 10, 9))
    assert due_at(start, 7, "calendar_days", overrides=NONE) == end_of_day(D(2025, 10, 9))


def test_due_at_counts_every_unit():
    start = at(2025, 3, 3, 10)
    assert due_at(start, 2, "hours") == at(2025, 3, 3, 12)
    assert due_at(start, 15, "calendar_days", overrides=NONE) == end_of_day(D(2025, 3, 18))
    assert due_at(start, 5, "working_days", overrides=NONE) == end_of_day(D(2025, 3, 10))
    assert due_at(start, 1, "months", overrides=NONE) == end_of_day(D(2025, 4, 3))
    assert due_at(start, 0, "calendar_days", overrides=NONE) == end_of_day(D(2025, 3, 3))


@pytest.mark.parametrize(("amount", "unit", "error"), [
    (1, "weeks", ValueError), (-1, "calendar_days", ValueError), (1.5, "hours", TypeError),
    (True, "hours", TypeError),
])
def test_due_at_refuses_bad_rules(amount, unit, error):
    with pytest.raises(error):
        due_at(at(2025, 3, 3), amount, unit, overrides=NONE)


def test_due_at_refuses_a_naive_start():
    with pytest.raises(ValueError, match="naive"):
        due_at(dt.datetime(2025, 3, 3), 1, "calendar_days", overrides=NONE)


def test_a_pause_adds_the_whole_days_it_spans():
    start = at(2025, 3, 3, 10)
    pause = (at(2025, 3, 5, 9), at(2025, 3, 8, 9))  # 5, 6 and 7 March are not counted
    assert due_at(start, 15, "calendar_days", pauses=[pause], overrides=NONE) == \
        end_of_day(D(2025, 3, 21))


def test_a_pause_within_one_day_adds_nothing_to_a_day_period():
    start = at(2025, 3, 3, 10)
    pause = (at(2025, 3, 5, 9), at(2025, 3, 5, 17))
    assert due_at(start, 15, "calendar_days", pauses=[pause], overrides=NONE) == \
        end_of_day(D(2025, 3, 18))


def test_a_pause_adds_only_the_working_days_it_spans_to_a_working_day_period():
    start = at(2025, 3, 3, 10)
    pause = (at(2025, 3, 7, 10), at(2025, 3, 10, 10))  # Friday to Monday: one working day
    assert due_at(start, 5, "working_days", pauses=[pause], overrides=NONE) == \
        end_of_day(D(2025, 3, 11))


def test_overlapping_pauses_count_once():
    start = at(2025, 3, 3, 10)
    pauses = [(at(2025, 3, 6, 9), at(2025, 3, 8, 9)), (at(2025, 3, 5, 9), at(2025, 3, 7, 9))]
    assert due_at(start, 15, "calendar_days", pauses=pauses, overrides=NONE) == \
        end_of_day(D(2025, 3, 21))


def test_pauses_before_the_start_or_after_the_due_moment_change_nothing():
    start = at(2025, 3, 3, 10)
    pauses = [(at(2025, 2, 1), at(2025, 3, 3, 9)), (at(2025, 3, 19, 0), at(2025, 3, 25))]
    assert due_at(start, 15, "calendar_days", pauses=pauses, overrides=NONE) == \
        end_of_day(D(2025, 3, 18))
    assert due_at(start, 24, "hours", pauses=pauses) == at(2025, 3, 4, 10)


def test_a_month_period_with_a_pause_moves_past_the_qingming_holiday():
    start = at(2025, 3, 3, 10)
    pause = (at(2025, 3, 10, 9), at(2025, 3, 11, 9))  # one day: 3 April becomes 4 April
    assert due_at(start, 1, "months", pauses=[pause], overrides=NONE) == end_of_day(D(2025, 4, 7))


def test_an_hours_rule_adds_the_exact_paused_time():
    start = at(2025, 3, 3, 10)
    pause = (at(2025, 3, 3, 12), at(2025, 3, 3, 15, 30))
    assert due_at(start, 24, "hours", pauses=[pause]) == at(2025, 3, 4, 13, 30)
    assert due_at(start, 2, "hours", pauses=[(at(2025, 3, 3, 12), at(2025, 3, 3, 13))]) == \
        at(2025, 3, 3, 13)


def test_a_pause_that_ends_before_it_begins_is_refused():
    with pytest.raises(ValueError, match="end before"):
        due_at(at(2025, 3, 3), 1, "hours", pauses=[(at(2025, 3, 4), at(2025, 3, 3))])


def test_state_is_ok_then_due_soon_then_overdue():
    due = end_of_day(D(2025, 10, 9))
    soon = dt.timedelta(days=1)
    assert state(due, at(2025, 10, 1), soon) == "ok"
    assert state(due, at(2025, 10, 9, 8), soon) == "due_soon"
    assert state(due, due, soon) == "due_soon"
    assert state(due, at(2025, 10, 10), soon) == "overdue"
    assert remaining(due, at(2025, 10, 9, 12)) == dt.timedelta(hours=12) - dt.timedelta(
        microseconds=1)
    assert remaining(due, at(2025, 10, 10, 1)) < dt.timedelta(0)


def test_a_date_beyond_the_known_calendar_raises_calendar_unknown_naming_it():
    last = last_known_year()
    with pytest.raises(CalendarUnknown) as caught:
        add_calendar_days(D(last, 12, 20), 15, overrides=NONE)
    assert caught.value.day == D(last + 1, 1, 4)
    assert f"{last + 1}-01-04" in str(caught.value)
    assert "chinesecalendar" in str(caught.value)
    with pytest.raises(CalendarUnknown):
        due_at(at(last, 12, 28), 5, "working_days", overrides=NONE)


def test_a_date_before_the_known_calendar_raises_calendar_unknown():
    with pytest.raises(CalendarUnknown, match="早于已知的官方日历"):
        is_workday(D(2003, 5, 1), overrides=NONE)


def test_calendar_unknown_reads_in_english_for_english_users():
    from django.utils import translation

    with translation.override("en"), pytest.raises(CalendarUnknown) as caught:
        is_workday(D(last_known_year() + 1, 3, 1), overrides=NONE)
    assert "lies beyond the known official calendar, which covers 2004 to" in str(caught.value)


def test_an_override_makes_a_single_day_beyond_the_calendar_countable():
    last = last_known_year()
    day = D(last + 1, 1, 4)
    assert add_calendar_days(D(last, 12, 20), 15, overrides={day: True}) == day


def test_a_year_entered_by_administrators_follows_its_overrides_then_the_weekdays():
    year = last_known_year() + 1
    local = LocalCalendar({D(year, 1, 1): False}, entered_years=frozenset({year}))
    assert not is_workday(D(year, 1, 1), overrides=local)
    monday = next(D(year, 1, d) for d in range(4, 11) if D(year, 1, d).weekday() == 0)
    assert is_workday(monday, overrides=local)
    assert is_rest_day(monday - dt.timedelta(days=1), overrides=local)
    with pytest.raises(CalendarUnknown):
        is_workday(D(year + 1, 1, 5), overrides=local)


def test_calendar_unknown_speaks_chinese_to_chinese_users():
    from django.utils import translation

    last = last_known_year()
    with translation.override("zh-hans"), pytest.raises(CalendarUnknown) as caught:
        is_workday(D(last + 1, 3, 1), overrides=NONE)
    assert str(caught.value).startswith(f"{last + 1}-03-01 超出已知的官方日历范围（2004 年至 {last} 年）")
