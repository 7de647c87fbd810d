"""A deadline counted past the last year of the official calendar is provisional: plain
calendar days (a month as 31, five working days as seven), flagged so the page says so.

Written to kill mutants ``make mutate MODULE=fazhi/cases/services/deadlines.py`` left alive:
no test reached the provisional branch of ``_compute``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Deadline, DeadlineRule
from fazhi.cases.services import deadlines

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))
LAST_MOMENT = dt.time(23, 59, 59, 999999)


def computed(amount: int, unit: str, start: dt.datetime, extended: int = 0) -> Deadline:
    rule = DeadlineRule(code="t", name="t", kind="dispute", clock="accepted", amount=amount,
                        unit=unit)
    deadline = Deadline(rule=rule, started_at=start, due_at=start, pauses=[],
                        extended_amount=extended, provisional=True)
    deadline.due_at = deadlines._compute(deadline)
    return deadline


def local(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    moment = moment.astimezone(BEIJING)
    return moment.date(), moment.time()


@pytest.mark.parametrize(("amount", "unit", "extended", "last_day"), [
    (10, DeadlineRule.Unit.CALENDAR_DAYS, 2, dt.date(2027, 3, 13)),   # 12 days
    (2, DeadlineRule.Unit.MONTHS, 1, dt.date(2027, 6, 2)),            # 3 x 31 = 93 days
    (5, DeadlineRule.Unit.WORKING_DAYS, 2, dt.date(2027, 3, 10)),     # 7 x 7 // 5 = 9 days
    (5, DeadlineRule.Unit.WORKING_DAYS, 0, dt.date(2027, 3, 8)),      # 5 x 7 // 5 = 7 days
])
def test_beyond_the_calendar_a_deadline_counts_plain_days_and_is_provisional(
        amount, unit, extended, last_day):
    start = dt.datetime(2027, 3, 1, 10, 0, tzinfo=BEIJING)
    deadline = computed(amount, unit, start, extended)
    assert local(deadline.due_at) == (last_day, LAST_MOMENT)
    assert deadline.provisional is True


def test_within_the_calendar_a_deadline_is_final_and_an_extension_counts_from_the_due_day():
    start = dt.datetime(2025, 8, 2, 10, 0, tzinfo=BEIJING)
    plain = computed(60, DeadlineRule.Unit.CALENDAR_DAYS, start)
    # 60 days end on 1 October, inside the 1-8 October holiday.
    assert local(plain.due_at) == (dt.date(2025, 10, 9), LAST_MOMENT)
    assert plain.provisional is False
    extended = computed(60, DeadlineRule.Unit.CALENDAR_DAYS, start, extended=30)
    assert local(extended.due_at) == (dt.date(2025, 11, 10), LAST_MOMENT)  # 8 Nov: Saturday
    assert extended.provisional is False
