"""The large-text switch: a cookie for everyone, back to the page it was pressed on."""

import pytest


@pytest.mark.parametrize("target", ["abc", "99999999999999999999"])
def test_a_next_that_is_not_a_path_goes_back_as_it_was_given_instead_of_a_server_error(client,
                                                                                      target):
    response = client.post("/large-text/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, target)
    assert response.cookies["fz_large"].value == "1"


def test_a_next_on_another_site_goes_home(client):
    response = client.post("/large-text/", {"next": "https://evil.example/"})
    assert (response.status_code, response["Location"]) == (302, "/")
