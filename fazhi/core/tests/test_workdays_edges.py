"""The workday engine's edges: what it refuses and says, the first and last known years, and how
much of the local calendar one count reads (written against mutation survivors)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from fazhi.core.workdays import (
    SHANGHAI,
    CalendarUnknown,
    OverrideConflict,
    add_calendar_days,
    add_months,
    add_working_days,
    calendar_override_get,
    calendar_override_set,
    calendar_year_enter,
    due_at,
    end_of_day,
    first_known_year,
    holiday_name,
    is_workday,
    last_known_year,
    local_date,
)
from fazhi.core.workdays.official import official_arrangement

D = dt.date
NONE: dict[dt.date, bool] = {}
COUNTS = (add_working_days, add_calendar_days, add_months)


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.mark.parametrize("count", COUNTS)
@pytest.mark.parametrize("amount", [True, 2.0, "3"])
def test_a_count_takes_a_whole_number_and_says_so(count, amount):
    with pytest.raises(TypeError, match="^the amount must be an int$"):
        count(D(2025, 3, 3), amount, overrides=NONE)


@pytest.mark.parametrize("count", COUNTS)
def test_a_count_refuses_a_negative_amount_and_says_so(count):
    with pytest.raises(ValueError, match="^the amount must not be negative$"):
        count(D(2025, 3, 3), -1, overrides=NONE)


@pytest.mark.django_db
@pytest.mark.parametrize("count", COUNTS)
def test_a_count_reads_the_local_calendar_from_its_start_on_only(count):
    """The overrides before the start cannot change the count; reading them all would grow
    with the years of overrides kept."""
    with CaptureQueriesContext(connection) as queries:
        count(D(2025, 3, 3), 5)
    reads = [q["sql"] for q in queries if "core_calendaroverride" in q["sql"]]
    assert len(reads) == 1
    assert "2025-03-03" in reads[0]


def test_holiday_names_are_known_from_the_first_to_the_last_year_of_the_calendar():
    assert holiday_name(D(first_known_year(), 1, 1)) == "New Year's Day"
    assert holiday_name(D(last_known_year(), 10, 1)) == "National Day"


@pytest.mark.parametrize("day", [D(first_known_year() - 1, 10, 1), D(last_known_year() + 1, 10, 1)])
def test_a_holiday_name_outside_the_calendar_is_unknown_naming_the_day(day):
    with pytest.raises(CalendarUnknown) as caught:
        holiday_name(day)
    assert caught.value.day == day


@pytest.mark.django_db
def test_a_conflict_names_the_date_or_year_it_is_about():
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    with pytest.raises(OverrideConflict) as caught:
        calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="again")
    assert caught.value.key == D(2025, 11, 10)
    year = last_known_year() + 1
    calendar_year_enter(year=year, note="published")
    with pytest.raises(OverrideConflict) as caught:
        calendar_year_enter(year=year, note="again")
    assert caught.value.key == year


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "is_workday", "message"), [
    (D(2025, 9, 28), True, "官方日历中该日已是工作日，无需调整。"),  # make-up Sunday
    (D(2025, 10, 1), False, "官方日历中该日已是休息日，无需调整。"),  # National Day
])
def test_an_override_repeating_the_calendar_says_which_it_repeats(day, is_workday, message):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        calendar_override_set(day=day, is_workday=is_workday, note="same as official")
    assert caught.value.message_dict == {"is_workday": [message]}


@pytest.mark.django_db
def test_one_days_answer_reads_that_days_override_only():
    with CaptureQueriesContext(connection) as queries:
        is_workday(D(2025, 11, 10))
    reads = [q["sql"] for q in queries if "core_calendaroverride" in q["sql"]]
    assert len(reads) == 1
    assert reads[0].count("2025-11-10") == 2  # from and to the day


@pytest.mark.django_db
def test_a_due_moment_reads_the_local_calendar_from_its_start_on_only():
    with CaptureQueriesContext(connection) as queries:
        due_at(at(2025, 3, 3, 10), 5, "calendar_days")
    reads = [q["sql"] for q in queries if "core_calendaroverride" in q["sql"]]
    assert len(reads) == 1
    assert "2025-03-03" in reads[0]


def test_a_datetime_given_for_a_day_is_refused_with_the_way_to_convert_it():
    with pytest.raises(TypeError) as caught:
        is_workday(at(2025, 10, 1), overrides=NONE)
    assert str(caught.value) == "is_workday takes a date; use .astimezone(SHANGHAI).date() first"


def test_a_naive_moment_is_refused_with_its_reason():
    with pytest.raises(ValueError) as caught:
        local_date(dt.datetime(2025, 10, 1, 9))
    assert str(caught.value) == "a naive datetime has no place in time: pass an aware one"


@pytest.mark.parametrize(("amount", "unit", "error", "message"), [
    (1, "weeks", ValueError,
     "unknown unit 'weeks'; expected one of hours, calendar_days, working_days, months"),
    (1.5, "hours", TypeError, "the amount must be an int"),
    (True, "calendar_days", TypeError, "the amount must be an int"),
    (-1, "months", ValueError, "the amount must not be negative"),
])
def test_a_bad_rule_is_refused_with_what_is_wrong(amount, unit, error, message):
    with pytest.raises(error) as caught:
        due_at(at(2025, 3, 3), amount, unit, overrides=NONE)
    assert str(caught.value) == message


@override_settings(TIME_ZONE="UTC")
def test_beijing_dates_and_moments_whatever_the_servers_time_zone():
    late_evening_utc = dt.datetime(2025, 9, 30, 17, 30, tzinfo=dt.UTC)  # 01:30 on 1 October
    assert local_date(late_evening_utc) == D(2025, 10, 1)
    due = due_at(late_evening_utc, 2, "hours", overrides=NONE)
    assert due.tzinfo is SHANGHAI
    assert (due.date(), due.hour, due.minute) == (D(2025, 10, 1), 3, 30)


def test_a_pause_of_no_length_is_accepted_and_moves_nothing():
    start = at(2025, 3, 3, 10)
    instant = at(2025, 3, 3, 11)
    assert due_at(start, 2, "hours", pauses=[(instant, instant)], overrides=NONE) == at(2025, 3, 3, 12)


def test_a_pause_ending_before_it_begins_is_refused_with_its_reason():
    with pytest.raises(ValueError) as caught:
        due_at(at(2025, 3, 3, 10), 2, "hours", pauses=[(at(2025, 3, 3, 12), at(2025, 3, 3, 11))],
               overrides=NONE)
    assert str(caught.value) == "a pause cannot end before it begins"


def test_overlapping_pauses_stop_the_clock_once_for_the_hours_they_share():
    start = at(2025, 3, 3, 8)
    pauses = [(at(2025, 3, 3, 9), at(2025, 3, 3, 11)), (at(2025, 3, 3, 10), at(2025, 3, 3, 12))]
    # 24 hours plus the three hours from 09:00 to 12:00, not 2 + 2
    assert due_at(start, 24, "hours", pauses=pauses, overrides=NONE) == at(2025, 3, 4, 11)


def test_a_period_ending_on_a_weekend_moves_past_a_paused_monday_too():
    # Five days from Monday 3 March end on Saturday 8 March: the rest rule moves the last day
    # to Monday 10 March, but the clock was stopped on the 10th, so it moves on to the 11th.
    pause = (at(2025, 3, 10, 9), at(2025, 3, 11, 9))
    assert (due_at(at(2025, 3, 3, 10), 5, "calendar_days", pauses=[pause], overrides=NONE)
            == end_of_day(D(2025, 3, 11)))
    assert due_at(at(2025, 3, 3, 10), 5, "calendar_days", overrides=NONE) == end_of_day(D(2025, 3, 10))


def test_the_arrangement_is_known_from_the_first_to_the_last_year():
    assert official_arrangement(first_known_year())[0].first == D(first_known_year(), 1, 1)
    assert official_arrangement(last_known_year())[0].names == ("New Year's Day",)


@pytest.mark.parametrize("year", [first_known_year() - 1, last_known_year() + 1])
def test_the_arrangement_of_an_unknown_year_names_its_first_day(year):
    with pytest.raises(CalendarUnknown) as caught:
        official_arrangement(year)
    assert caught.value.day == D(year, 1, 1)


def test_a_break_names_each_holiday_it_is_for_once():
    national = official_arrangement(2025)[-1]
    assert national.names == ("National Day", "Mid-autumn Festival")
    assert (national.first, national.last) == (D(2025, 10, 1), D(2025, 10, 8))
    assert national.makeup_workdays == (D(2025, 9, 28), D(2025, 10, 11))


def test_a_make_up_day_belongs_to_the_nearest_break_of_its_holiday():
    # 2018 had two New Year breaks: 1 January, and 30-31 December for 2019; the Saturday
    # worked on 29 December made up for the second.
    new_years = [b for b in official_arrangement(2018) if b.names == ("New Year's Day",)]
    assert [(b.first, b.makeup_workdays) for b in new_years] == [
        (D(2018, 1, 1), ()), (D(2018, 12, 30), (D(2018, 12, 29),))]


@pytest.mark.django_db
def test_the_override_of_a_day_is_read_by_its_date():
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    assert calendar_override_get(day=D(2025, 11, 10)).note == "local"
    assert calendar_override_get(day=D(2025, 11, 11)) is None
