"""The 2022 petition regulation's periods, reproduced with the engine across the 2025 and
2026 National Day and Spring Festival holidays and their make-up working days.

Official arrangements used (chinesecalendar):
- Spring Festival 2025: rest 28 Jan - 4 Feb; make-up Sunday 26 Jan and Saturday 8 Feb.
- National Day 2025: rest 1 - 8 Oct (with Mid-autumn); make-up Sunday 28 Sep, Saturday 11 Oct.
- Spring Festival 2026: rest 15 - 23 Feb; make-up Saturday 14 Feb and Saturday 28 Feb.
- Mid-autumn 2026: rest 25 - 27 Sep. National Day 2026: rest 1 - 7 Oct; make-up Sunday
  20 Sep and Saturday 10 Oct.
"""

import datetime as dt

import pytest

from fazhi.core.workdays import SHANGHAI, CalendarUnknown, due_at, end_of_day, last_known_year

NONE: dict[dt.date, bool] = {}


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def by(y, m, d):
    return end_of_day(dt.date(y, m, d))


@pytest.mark.parametrize(("received", "due"), [
    (at(2025, 9, 16), by(2025, 10, 9)),   # day 15 is 1 Oct: holiday to 8 Oct
    (at(2026, 9, 16), by(2026, 10, 8)),   # day 15 is 1 Oct: holiday to 7 Oct
    (at(2025, 1, 13), by(2025, 2, 5)),    # day 15 is 28 Jan: Spring Festival to 4 Feb
    (at(2026, 2, 1), by(2026, 2, 24)),    # day 15 is 16 Feb: Spring Festival to 23 Feb
    (at(2026, 1, 30), by(2026, 2, 14)),   # day 15 is the make-up Saturday: not extended
])
def test_routing_within_15_days(received, due):
    assert due_at(received, 15, "calendar_days", overrides=NONE) == due


@pytest.mark.parametrize(("accepted", "due"), [
    (at(2025, 8, 2), by(2025, 10, 9)),    # day 60 is 1 Oct 2025
    (at(2025, 12, 19), by(2026, 2, 24)),  # day 60 is 17 Feb 2026, inside Spring Festival
    (at(2025, 11, 29), by(2026, 1, 28)),  # ordinary Wednesday
    (at(2026, 8, 11), by(2026, 10, 10)),  # day 60 is the make-up Saturday 10 Oct
])
def test_handling_and_written_reply_within_60_days_of_acceptance(accepted, due):
    assert due_at(accepted, 60, "calendar_days", overrides=NONE) == due


def test_one_extension_of_at_most_30_days_counts_from_the_original_due_moment():
    original = due_at(at(2025, 8, 2), 60, "calendar_days", overrides=NONE)
    assert original == by(2025, 10, 9)
    # 30 days after 9 Oct is Saturday 8 Nov: an ordinary weekend, so Monday 10 Nov.
    assert due_at(original, 30, "calendar_days", overrides=NONE) == by(2025, 11, 10)


def test_an_extension_that_ends_in_spring_festival_2026_runs_past_it():
    original = due_at(at(2025, 11, 19), 60, "calendar_days", overrides=NONE)
    assert original == by(2026, 1, 19)
    assert due_at(original, 30, "calendar_days", overrides=NONE) == by(2026, 2, 24)


@pytest.mark.parametrize(("replied", "due"), [
    (at(2024, 12, 29), by(2025, 2, 5)),   # day 30 is 28 Jan 2025
    (at(2026, 1, 17), by(2026, 2, 24)),   # day 30 is 16 Feb 2026
    (at(2025, 9, 11), by(2025, 10, 11)),  # day 30 is the make-up Saturday 11 Oct
    (at(2025, 8, 29), by(2025, 9, 28)),   # day 30 is the make-up Sunday 28 Sep
    (at(2026, 9, 1), by(2026, 10, 8)),    # day 30 is 1 Oct 2026
])
def test_review_and_re_review_windows_of_30_days(replied, due):
    # The same count serves the request (from the reply) and the answer (from the request).
    assert due_at(replied, 30, "calendar_days", overrides=NONE) == due


def test_re_review_hearing_time_is_not_counted():
    requested = at(2025, 9, 1)
    hearing = (at(2025, 9, 15, 9), at(2025, 9, 17, 9))  # 15 and 16 Sep are not counted
    assert due_at(requested, 30, "calendar_days", overrides=NONE) == by(2025, 10, 9)
    # 3 Oct is then day 30; still inside the holiday, so 9 Oct again.
    assert due_at(requested, 30, "calendar_days", pauses=[hearing], overrides=NONE) == \
        by(2025, 10, 9)
    hearing_long = (at(2025, 9, 15, 9), at(2025, 10, 15, 9))  # a month of hearings
    assert due_at(requested, 30, "calendar_days", pauses=[hearing_long], overrides=NONE) == \
        by(2025, 10, 31)


@pytest.mark.parametrize(("received", "due"), [
    (at(2025, 9, 26), by(2025, 10, 10)),  # 28 Sep (make-up), 29, 30 Sep, 9, 10 Oct
    (at(2025, 1, 24), by(2025, 2, 7)),    # 26 Jan (make-up), 27 Jan, 5, 6, 7 Feb
    (at(2026, 2, 12), by(2026, 2, 26)),   # 13, 14 (make-up) Feb, 24, 25, 26 Feb
    (at(2026, 9, 24), by(2026, 10, 9)),   # 28, 29, 30 Sep, 8, 9 Oct (25-27 Mid-autumn)
    (at(2026, 9, 18), by(2026, 9, 24)),   # 20 Sep (make-up Sunday), 21, 22, 23, 24 Sep
])
def test_objection_by_a_body_not_competent_within_5_working_days(received, due):
    assert due_at(received, 5, "working_days", overrides=NONE) == due


def test_on_the_spot_notice_is_due_the_same_day():
    assert due_at(at(2025, 10, 1, 10), 0, "calendar_days", overrides=NONE) == by(2025, 10, 1)


def test_a_local_rest_day_moves_a_petition_deadline():
    # Say the sub-district closes on Monday 10 Nov 2025: the extension then ends on 11 Nov.
    local = {dt.date(2025, 11, 10): False}
    assert due_at(by(2025, 10, 9), 30, "calendar_days", overrides=local) == by(2025, 11, 11)


def test_a_petition_accepted_in_december_of_the_last_known_year_cannot_be_counted():
    last = last_known_year()
    with pytest.raises(CalendarUnknown) as caught:
        due_at(at(last, 12, 1), 60, "calendar_days", overrides=NONE)
    message = str(caught.value)
    assert f"{last + 1}-01-30" in message
    assert f"（2004 年至 {last} 年）" in message
