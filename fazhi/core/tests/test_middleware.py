import json

import pytest
from django.test import Client


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/api/v1/org/people?q=%00", {}),
        ("/org/people/?q=a%00b", {}),
    ],
)
def test_a_nul_character_in_the_query_is_refused_plainly(worker, as_user, path, kwargs):
    response = as_user(worker).get(path, **kwargs)
    assert response.status_code == 400


def test_a_nul_character_in_json_is_refused_with_a_precise_api_error(worker, as_user):
    response = as_user(worker).post("/api/v1/org/people", data=json.dumps({"name": "a\u0000"}),
                                    content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_character_in_a_form_is_refused(db):
    response = Client().post("/accounts/login/", {"username": "a\x00", "password": "x"})
    assert response.status_code == 400


def test_ordinary_requests_pass(worker, as_user):
    assert as_user(worker).get("/org/people/?q=王").status_code == 200
