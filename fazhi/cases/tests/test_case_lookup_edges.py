"""The search box's exact look-ups at their edges (selectors/lookups.case_lookup): a blank or
over-long query asks nothing; an identifier (mobile, tracking code, number, a number's last
digits) stands alone even when another case's words mention it, while a party's name adds the
words' matches; a number's last digits: up to six padded to six, seven or eight as typed.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/lookups.py`` left alive.
"""

from __future__ import annotations

import pytest

from fazhi.cases.models import Case, NumberCounter
from fazhi.cases.selectors import case_list_for, search_filter
from fazhi.cases.selectors.lookups import Lookup, case_lookup
from fazhi.cases.services.search import search_index_now

from .factories import applicant, make_case, respondent

pytestmark = pytest.mark.django_db

# A company's registered name, as parties to a property dispute are: 40 characters, the
# longest query the look-up takes, and the same with one more character.
FORTY = "武汉市江汉区北湖街道江汉北路社区物业管理服务有限责任公司第三分公司江汉北路项目部"[:40]
FORTY_ONE = FORTY + "甲"


def test_the_names_are_as_long_as_they_say():
    assert (len(FORTY), len(FORTY_ONE)) == (40, 41)


@pytest.mark.parametrize("query", ["", "   ", None, FORTY_ONE, f" {FORTY_ONE} "])
def test_a_blank_or_over_long_query_names_no_case_and_asks_nothing(
        worker, north, query, django_assert_num_queries):
    make_case(worker, north, parties=[applicant(), respondent(name=FORTY_ONE)])
    with django_assert_num_queries(0):
        assert case_lookup(Case.objects.all(), query) == Lookup([], False)


def test_a_party_s_exact_name_of_forty_characters_is_looked_up(worker, north):
    case = make_case(worker, north, parties=[applicant(), respondent(name=FORTY)])
    make_case(worker, north)
    assert case_lookup(Case.objects.all(), f" {FORTY} ") == Lookup([case.pk], False)


@pytest.fixture
def held_and_mentioned(worker, north):
    """A case, and a second one whose description mentions the first's mobile, number and
    tracking code and its applicant's name."""
    held = make_case(worker, north, title="噪音扰民", parties=[
        applicant(name="王五", id_number="", mobile="13700001111"), respondent()])
    mentioned = make_case(worker, north, title="另案", description=(
        f"申请人王五，电话13700001111，前案{held.number}，查询码{held.tracking_code}。"))
    for case in (held, mentioned):
        search_index_now(case.pk)
    return held, mentioned


def identifiers(held: Case) -> dict[str, str]:
    return {"mobile": "13700001111", "tracking code": held.tracking_code.lower(),
            "number": held.number.lower(), "last digits": str(int(held.number[-6:]))}


@pytest.mark.parametrize("what", ["mobile", "tracking code", "number", "last digits"])
def test_an_identifier_stands_alone_though_another_case_s_words_mention_it(
        worker, held_and_mentioned, what):
    held, mentioned = held_and_mentioned
    query = identifiers(held)[what]
    # The words alone would find the case that mentions it ...
    assert mentioned in search_filter(Case.objects.all(), query)
    # ... but the identifier names its own case only.
    assert case_lookup(Case.objects.all(), query) == Lookup([held.pk], True)
    assert list(case_list_for(actor=worker, q=query)) == [held]


def test_a_party_s_name_adds_the_cases_whose_words_hold_it(worker, held_and_mentioned):
    held, mentioned = held_and_mentioned
    assert case_lookup(Case.objects.all(), "王五") == Lookup([held.pk], False)
    assert list(case_list_for(actor=worker, q="王五")) == [mentioned, held]


def numbered(worker, north, last: int) -> Case:
    """The next case after the counter was set to ``last`` (numbers grow past six digits)."""
    NumberCounter.objects.update(last=last)
    return make_case(worker, north)


def test_a_number_s_last_digits_name_the_whole_tail_up_to_eight_digits(worker, north):
    first = make_case(worker, north)  # …-000001
    eleventh = numbered(worker, north, 10)  # …-000011
    millionth = numbered(worker, north, 1_000_000)  # …-1000001
    eight = numbered(worker, north, 12_345_677)  # …-12345678
    tails = [c.number.rsplit("-", 1)[1] for c in (first, eleventh, millionth, eight)]
    assert tails == ["000001", "000011", "1000001", "12345678"]
    cases = Case.objects.all()
    # Up to six digits: the number padded to six, whole (not every number ending in 1).
    assert case_lookup(cases, "1") == Lookup([first.pk], True)
    assert case_lookup(cases, "11") == Lookup([eleventh.pk], True)
    assert case_lookup(cases, "000001") == Lookup([first.pk], True)
    # Seven or eight: the number's last digits as typed.
    assert case_lookup(cases, "1000001") == Lookup([millionth.pk], True)
    assert case_lookup(cases, "2345678") == Lookup([eight.pk], True)
    assert case_lookup(cases, "12345678") == Lookup([eight.pk], True)
    # Nine digits (an account, a QQ number) are no number's tail: left to the words.
    assert case_lookup(cases, "112345678") == Lookup([], False)
