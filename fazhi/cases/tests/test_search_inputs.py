"""Searches with quotes, operators and single characters: never syntax, never a 500."""

import pytest

from fazhi.core.textsearch import fts5_match, query_terms, tsquery

from .factories import make_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ['"', "'", "*", "(", "-", ")", "AND", "NEAR(", "^", ":"])
def test_a_query_of_syntax_alone_lists_no_case_and_answers_200(as_user, worker, north, query):
    make_case(worker, north)
    response = as_user(worker).get("/cases/", {"q": query})
    assert response.status_code == 200
    assert "楼上漏水" not in response.content.decode()


@pytest.mark.parametrize("query", ["漏", '邻"', "渗", '"漏水', "漏水 -", "(楼上"])
def test_a_single_character_or_a_word_beside_syntax_finds_the_case(
        as_user, worker, north, query, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed after the commit
        make_case(worker, north, description="邻居家渗漏，楼上卫生间漏水。")
    for params in ({"q": query}, {"q": query, "state": "received"}):
        response = as_user(worker).get("/cases/", params)
        assert response.status_code == 200
        assert "楼上漏水" in response.content.decode()


def test_the_export_takes_the_same_hostile_query(as_user, worker, north):
    make_case(worker, north)
    response = as_user(worker).get("/cases/export/", {"q": '邻"*('})
    assert response.status_code == 200


def test_query_terms_keep_a_lone_character_but_drop_it_beside_words():
    assert query_terms("漏") == ["漏"]
    assert query_terms("的漏水") == ["漏水"]
    assert query_terms('"*(-') == []
    assert fts5_match('邻"') == '"邻"*'
    assert tsquery("漏") == "'漏':*"
    assert fts5_match("漏水 AND") == '"漏水" AND "and"'


def test_the_api_search_takes_syntax_and_bounds_the_length(as_user, worker, north,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed after the commit
        make_case(worker, north)
    client = as_user(worker)
    found = client.get("/api/v1/cases/", {"q": '漏"'})
    assert found.status_code == 200 and found.json()["count"] == 1
    assert client.get("/api/v1/cases/", {"q": '"*(-'}).json()["count"] == 0
    assert client.get("/api/v1/cases/", {"q": "漏" * 101}).status_code == 422
