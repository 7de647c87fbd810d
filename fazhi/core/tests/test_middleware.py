import json

import pytest
from django.test import Client


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/org/people?q=%00", 422),
        ("/org/people/a%00b/", 400),
    ],
)
def test_a_nul_character_in_the_api_query_or_a_page_path_is_refused_plainly(
        worker, as_user, path, status):
    response = as_user(worker).get(path)
    assert response.status_code == status


def test_a_nul_character_in_a_page_query_is_removed_with_a_warning_and_the_filter_kept(
        worker, as_user):
    response = as_user(worker).get("/org/people/?q=邻居%00漏水")
    assert response.status_code == 200
    assert response.wsgi_request.GET["q"] == "邻居漏水"
    body = response.content.decode()
    assert 'name="q" value="邻居漏水"' in body
    assert "已从搜索和筛选条件中删除 NUL 字符；文本中不允许出现该字符。" in body


def test_a_nul_character_in_json_is_refused_with_a_precise_api_error(worker, as_user):
    response = as_user(worker).post("/api/v1/org/people", data=json.dumps({"name": "a\u0000"}),
                                    content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": "请求中含有 NUL 字符，文本中不允许出现该字符。"}


def test_a_nul_character_in_a_form_posted_to_the_api_is_a_json_422(worker, as_user):
    response = as_user(worker).post("/api/v1/org/people", {"name": "a\x00"})
    assert response.status_code == 422 and "NUL" in response.json()["detail"]


NUL_MESSAGE = "文本中含有 NUL 控制字符，不允许提交；请删除后重新提交。"


def test_a_nul_character_in_a_form_gives_the_form_back_with_the_input_kept(db):
    response = Client().post("/accounts/login/", {"username": "wang\x00li", "password": "x"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username" value="wang\x00li"' in body
    assert f'id="id_username_error" role="alert">{NUL_MESSAGE}' in body


def test_ordinary_requests_pass(worker, as_user):
    assert as_user(worker).get("/org/people/?q=王").status_code == 200
