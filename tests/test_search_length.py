"""Every search term is bounded once (core.textlimits.SEARCH_MAX_LENGTH): a page cuts a longer
term to that length (or its filter form says so beside the field), the API answers 422."""

import pytest

from fazhi.core.queryparams import query_search
from fazhi.core.textlimits import SEARCH_MAX_LENGTH

HUGE = "漏" * 100_000


def test_a_search_term_is_stripped_and_cut_to_the_search_box_length():
    assert query_search({"q": f"  {HUGE}  "}) == "漏" * SEARCH_MAX_LENGTH
    assert query_search({"q": " 王 "}) == "王"
    assert query_search({}) == ""


@pytest.mark.parametrize("path", ["/outreach/", "/org/regions/", "/accounts/users/",
                                  "/org/people/", "/org/units/", "/org/agreements/", "/cases/"])
def test_a_100000_character_search_on_any_list_page_is_not_a_server_error(street_admin, secadmin,
                                                                          as_user, path):
    user = secadmin if path.startswith("/accounts/") else street_admin
    assert as_user(user).get(path, {"q": HUGE}).status_code == 200


@pytest.mark.parametrize("path", ["/outreach/", "/org/regions/", "/accounts/users/"])
def test_a_page_reading_q_by_hand_cuts_it_and_keeps_it_in_the_box(street_admin, secadmin,
                                                                   as_user, path):
    user = secadmin if path.startswith("/accounts/") else street_admin
    body = as_user(user).get(path, {"q": HUGE}).content.decode()
    assert f'name="q" value="{"漏" * SEARCH_MAX_LENGTH}" maxlength="{SEARCH_MAX_LENGTH}"' in body


@pytest.mark.parametrize("path", ["/api/v1/org/regions", "/api/v1/org/units",
                                  "/api/v1/org/people", "/api/v1/org/agreements",
                                  "/api/v1/cases/"])
def test_an_api_search_longer_than_the_search_box_is_a_422(street_admin, as_user, path):
    response = as_user(street_admin).get(path, {"q": "漏" * (SEARCH_MAX_LENGTH + 1)})
    assert response.status_code == 422
    assert as_user(street_admin).get(path, {"q": "漏" * SEARCH_MAX_LENGTH}).status_code == 200
