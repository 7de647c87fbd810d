"""The workday engine's edges: what it refuses and says, the first and last known years, and how
much of the local calendar one count reads (written against mutation survivors)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from fazhi.core.workdays import (
    CalendarUnknown,
    OverrideConflict,
    add_calendar_days,
    add_months,
    add_working_days,
    calendar_override_set,
    calendar_year_enter,
    first_known_year,
    holiday_name,
    last_known_year,
)

D = dt.date
NONE: dict[dt.date, bool] = {}
COUNTS = (add_working_days, add_calendar_days, add_months)


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
