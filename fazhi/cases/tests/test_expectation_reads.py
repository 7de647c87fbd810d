"""What a resident is told to expect (selectors.expectation_of / expectation_for): a case whose
handling clock runs is expected by that clock's own due moment; otherwise (a dispute not yet
accepted, a clock that lapsed) by what the rule of its kind and category gives from today.
Each due moment is worked out by hand below (Beijing time, a rule's days end at 24:00).

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/expectations.py`` left alive.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fazhi.cases.models import Case, Category, Deadline, DeadlineRule
from fazhi.cases.selectors import Expectation, expectation_for, expectation_of
from fazhi.cases.services.deadlines import deadlines_lapse

from .factories import make_case

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))
RECEIVED = dt.datetime(2025, 3, 3, 10, 0, tzinfo=BEIJING)  # a Monday, no holiday near


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59, 999999), tzinfo=BEIJING)


def rule(code: str) -> DeadlineRule:
    return DeadlineRule.objects.get(code=code)


def test_a_running_clock_is_expected_by_its_own_due_moment_not_a_fresh_count(worker, north):
    with time_machine.travel(RECEIVED, tick=False):
        case = make_case(worker, north, kind="appeal", category="environment")
    # Three days later the appeal's 7 days still end 7 days after receipt (10 March), not
    # 7 days after today (13 March).
    with time_machine.travel(RECEIVED + dt.timedelta(days=3), tick=False):
        assert expectation_of(case) == Expectation(
            rule=rule("appeal-general"), due_at=end_of(dt.date(2025, 3, 10)),
            from_acceptance=False)


def test_a_running_clock_and_its_rule_are_read_in_one_query(worker, north,
                                                           django_assert_num_queries):
    case = Case.objects.get(pk=make_case(worker, north, kind="appeal", category="environment").pk)
    with django_assert_num_queries(1):
        expectation = expectation_of(case)
        assert expectation is not None and expectation.rule.name == "一般诉求（7日）"


def test_a_lapsed_clock_gives_way_to_what_the_rule_of_its_category_gives_today(worker, north):
    with time_machine.travel(RECEIVED, tick=False):
        case = make_case(worker, north, kind="appeal", category="emergency")
    later = RECEIVED + dt.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        deadlines_lapse(case=case, at=later)  # as merging or closing the case does
        assert case.deadlines.get().status == Deadline.Status.LAPSED
        # The emergency topic's own 2 hours from now; not the lapsed moment (the day before,
        # 12:00), nor the kind's general 7 days.
        assert expectation_of(case) == Expectation(
            rule=rule("appeal-emergency"), due_at=later + dt.timedelta(hours=2),
            from_acceptance=False)


def test_a_dispute_not_yet_accepted_expects_its_category_s_own_rule_from_today(worker, north):
    family = Category.objects.get(code="marriage-family")
    own = DeadlineRule.objects.create(
        code="mediation-family", name="婚姻家庭纠纷调解（15日）", kind="dispute", category=family,
        clock="accepted", amount=15, unit="calendar_days", concludes_case=True)
    with time_machine.travel(RECEIVED, tick=False):
        case = make_case(worker, north, kind="dispute", category="marriage-family")
        assert not case.deadlines.filter(rule__concludes_case=True).exists()
        # Accepted today, 15 days end on Tuesday 18 March (the kind's 30 days: 2 April).
        assert expectation_of(case) == Expectation(
            rule=own, due_at=end_of(dt.date(2025, 3, 18)), from_acceptance=True)


def test_beyond_the_official_calendar_the_rule_is_told_without_a_date():
    since = dt.datetime(2027, 3, 1, 10, 0, tzinfo=BEIJING)  # past the calendar's last year
    neighbour = Category.objects.get(code="neighbour")
    assert expectation_for(kind="dispute", category_id=neighbour.pk, since=since) == Expectation(
        rule=rule("mediation-conclude"), due_at=None, from_acceptance=True)
