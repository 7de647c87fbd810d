"""Look-ups of single cases and match counts (cases/selectors/cases.py) that the queues' tests
do not reach: the resident's tracking page, the public timeline, the capped match count.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/cases.py`` left alive.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fazhi.cases.models import Case, Event
from fazhi.cases.selectors import case_matches_capped, public_events
from fazhi.cases.selectors.cases import case_track
from fazhi.core.counting import count_at_once

from .factories import applicant, make_case, respondent

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(worker, north):
    """Two cases whose applicants' mobiles end in the same four digits."""
    first = make_case(worker, north, title="甲",
                      parties=[applicant(mobile="13900001234"), respondent()])
    second = make_case(worker, north, title="乙",
                       parties=[applicant(mobile="13700001234"), respondent()])
    return first, second


def test_a_tracking_code_opens_its_own_case_and_no_other(two_cases):
    first, second = two_cases
    assert case_track(code=first.tracking_code, last4="1234") == first
    assert case_track(code=second.tracking_code, last4="1234") == second
    assert case_track(code=f" {first.tracking_code.lower()} ", last4=" 1234 ") == first


def test_a_tracking_code_needs_the_applicants_digits_not_the_respondents(two_cases):
    first, _second = two_cases
    assert case_track(code=first.tracking_code, last4="5432") is None  # the respondent's
    assert case_track(code=first.tracking_code, last4="0000") is None


def test_a_malformed_tracking_request_is_refused_without_a_query(two_cases,
                                                                django_assert_num_queries):
    first, _second = two_cases
    with django_assert_num_queries(0):
        assert case_track(code=first.tracking_code[:9], last4="1234") is None
        assert case_track(code=first.tracking_code, last4="123") is None
        assert case_track(code=None, last4=None) is None  # type: ignore[arg-type]


def test_the_tracked_case_brings_its_category_and_deadline_rules_in_two_queries(
        worker, north, django_assert_num_queries):
    case = make_case(worker, north, kind="appeal", category="environment", channel="station",
                     parties=[applicant(mobile="13900001234")])
    with django_assert_num_queries(2):
        found = case_track(code=case.tracking_code, last4="1234")
        assert found.category.code == "environment"
        assert [d.rule.code for d in found.deadlines.all()] == ["appeal-general"]


def test_public_events_run_in_time_order_whatever_order_they_were_written(worker, north):
    case = make_case(worker, north)
    Event.objects.filter(case=case).delete()
    at = dt.datetime(2025, 8, 2, 10, 0, tzinfo=dt.UTC)
    for hours, text in ((3, "三"), (1, "一"), (2, "二")):
        Event.objects.create(case=case, at=at + dt.timedelta(hours=hours), action="note",
                             text=text, public=True)
    Event.objects.create(case=case, at=at, action="note", text="内部", public=False)
    assert [e.text for e in public_events(case)] == ["一", "二", "三"]


def matching(**kwargs) -> int:
    return count_at_once({"m": case_matches_capped(**kwargs)})["m"]


def test_a_search_limited_to_a_period_counts_only_the_period(
        worker, north, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed after the commit
        with time_machine.travel(dt.datetime(2025, 3, 3, 2, 0, tzinfo=dt.UTC), tick=False):
            make_case(worker, north)
        with time_machine.travel(dt.datetime(2025, 6, 2, 2, 0, tzinfo=dt.UTC), tick=False):
            make_case(worker, north)
    assert matching(actor=worker, q="漏水") == 2
    assert matching(actor=worker, q="漏水", since=dt.date(2025, 5, 1)) == 1
    assert matching(actor=worker, q="漏水", until=dt.date(2025, 5, 1)) == 1
    assert matching(actor=worker, q="漏水", kind="") == 2
    assert matching(actor=worker, q="漏水", kind="appeal") == 0


def test_the_match_count_stops_at_two_hundred_and_one(worker, north):
    make_case(worker, north)
    capped = case_matches_capped(actor=worker)
    assert (capped.query.low_mark, capped.query.high_mark) == (0, 201)
    assert Case.objects.count() == 1


def test_a_bare_search_naming_a_case_by_its_tracking_code_or_number_counts_that_case(
        worker, north, django_capture_on_commit_callbacks):
    """A code or number is not among the indexed words: the count comes from the look-up."""
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(worker, north)
        make_case(worker, north)
    assert matching(actor=worker, q=case.tracking_code) == 1
    assert matching(actor=worker, q=case.number) == 1
