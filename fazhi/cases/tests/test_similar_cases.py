"""Possible duplicates on the case page (selectors.similar_case_ids): the cases whose indexed
words cover the most of a text's words, best first, at least a quarter of them. Latin words
keep the index's tokens predictable; each expected score is worked out by hand below.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/search.py`` left alive.
"""

from __future__ import annotations

import pytest

from fazhi.cases.selectors import similar_case_ids
from fazhi.cases.services.search import search_index_now

from .factories import make_case

pytestmark = pytest.mark.django_db

# The query's words (four, each of two letters or more): water leak ceiling mould.
QUERY = "water leak ceiling mould"
# Each case's description and the share of the query's four words it holds.
CASES = {
    "all-four": ("water leak ceiling mould upstairs", 4 / 4),
    "three": ("water leak ceiling stain", 3 / 4),
    "two-older": ("water leak kitchen", 2 / 4),
    "two-newer": ("ceiling mould bedroom", 2 / 4),
    "one": ("mould behind wardrobe", 1 / 4),
    "none": ("noise night music", 0),
}


@pytest.fixture
def cases(worker, north):
    made = {}
    for title, (description, _share) in CASES.items():
        made[title] = make_case(worker, north, title=title, description=description)
        search_index_now(made[title].pk)
    return made


def _expected(cases, shares: dict[str, float], exclude: str | None = None,
              limit: int = 5) -> list[int]:
    kept = [(share, cases[t].pk) for t, share in shares.items() if share >= 0.25 and t != exclude]
    return [pk for _share, pk in sorted(kept, reverse=True)[:limit]]


def test_the_best_matches_come_first_and_ties_newest_first(cases):
    shares = {t: share for t, (_d, share) in CASES.items()}
    expected = _expected(cases, shares)
    assert expected == [cases[t].pk for t in
                                       ("all-four", "three", "two-newer", "two-older", "one")]
    assert similar_case_ids(QUERY) == expected


def test_the_case_itself_is_left_out(cases):
    found = similar_case_ids(QUERY, exclude=cases["all-four"].pk)
    assert found == [cases[t].pk for t in ("three", "two-newer", "two-older", "one")]


def test_at_most_the_limit_is_returned(cases):
    assert similar_case_ids(QUERY, limit=2) == [cases["all-four"].pk, cases["three"].pk]


def test_a_share_below_the_threshold_is_not_similar(cases):
    assert similar_case_ids(QUERY, threshold=0.5) == [
        cases[t].pk for t in ("all-four", "three", "two-newer", "two-older")]


def test_a_word_of_one_letter_does_not_count_among_the_text_s_words(cases):
    # With "a" counted, "one" would hold one word of five (0.2) and fall below a quarter.
    assert cases["one"].pk in similar_case_ids("a " + QUERY)


def test_only_the_first_twenty_four_words_of_the_text_are_compared(cases):
    filler = " ".join(f"q{chr(97 + n)}" for n in range(24))  # qa ... qx
    assert similar_case_ids(f"{filler} {QUERY}", threshold=0.01) == []
    # Twenty-three fillers leave room for "water" alone: one word of twenty-four each.
    assert similar_case_ids(f"{filler[:-3]} {QUERY}", threshold=0.01) == [
        cases[t].pk for t in ("two-older", "three", "all-four")]


def test_only_the_first_two_thousand_characters_of_the_text_are_read(cases):
    # "water" ends at the 1996th character, "leak" is cut to "lea": one word of three.
    assert similar_case_ids("x" * 1990 + " water leak") == [
        cases[t].pk for t in ("two-older", "three", "all-four")]
    assert similar_case_ids("x" * 1995 + " water leak") == []


def test_a_text_without_words_finds_nothing(cases):
    assert similar_case_ids("a b c") == []
    assert similar_case_ids("") == []


def test_a_one_word_text_is_wholly_held_by_a_case_with_that_word(cases):
    # One word of one: a share of 1, above any threshold short of 1.
    assert similar_case_ids("wardrobe", threshold=0.9) == [cases["one"].pk]


def test_the_case_page_is_offered_five_possible_duplicates_at_most(cases, worker, north):
    sixth = make_case(worker, north, title="sixth", description="water ceiling attic")
    search_index_now(sixth.pk)
    found = similar_case_ids(QUERY)  # the case page's call, with the default limit
    assert len(found) == 5
    assert found[:2] == [cases["all-four"].pk, cases["three"].pk]
    assert cases["one"].pk not in found  # the sixth match, a quarter, is the one left out
