"""The JSON API keeps its contract: a snapshot of the OpenAPI document, and schemathesis
generating requests from it finds no server error, called three ways (issue 8): with a personal
token, with a logged-in session (and its CSRF token), and with an administrator's session that
still owes the second factor, which every operation must refuse with 401 or 403."""

import json
from pathlib import Path

import pytest
import schemathesis
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conftest import client_for, make_user
from fazhi.accounts.services import api_token_create
from fazhi.core.roles import Role
from fazhi.wsgi import application

SNAPSHOT = Path(__file__).with_name("openapi.json")
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def _document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_matches_the_committed_snapshot(client):
    """Run `make openapi` (or delete tests/openapi.json) after changing the API on purpose."""
    document = _document(client)
    if not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    assert document == json.loads(SNAPSHOT.read_text())


def test_the_docs_page_is_served(client):
    assert client.get("/api/v1/docs").status_code == 200


@pytest.fixture
def token(north):
    user = make_user("api-admin", Role.STREET_ADMIN)
    make_user("api-worker", Role.COMMUNITY_WORKER, north)
    return api_token_create(user=user, name="schemathesis", second_factor_passed=True)[1]


@pytest.fixture
def keep_connection():
    """Schemathesis calls the WSGI app directly, so Django's request signals would close the
    test's connection (a pooled one on PostgreSQL) inside its transaction. The test Client
    disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_generated_request_causes_a_server_error(case, token, keep_connection):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])


# Bounded for CI: each operation gets a few examples per way of calling (about 40 operations).
BOUNDED = settings(max_examples=5, deadline=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))
CSRF = "fazhicsrfsecret0123456789abcdefgh"  # a 32-character secret, sent as cookie and header


def _routed(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _session_cookies(client: Client) -> dict[str, str]:
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


@pytest.fixture
def session_cookies(north):
    """A community worker logged in through a session, as the pages' htmx calls are."""
    make_user("api-admin", Role.STREET_ADMIN)
    return _session_cookies(client_for(make_user("api-worker", Role.COMMUNITY_WORKER, north)))


@pytest.fixture
def half_logged_in_cookies(north):
    """An administrator who typed the password but not yet the second factor."""
    client = Client()
    client.force_login(make_user("api-admin", Role.STREET_ADMIN))
    return _session_cookies(client)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_no_generated_request_with_a_session_causes_a_server_error(case, session_cookies,
                                                                    keep_connection):
    case.call_and_validate(headers={"X-CSRFToken": CSRF}, cookies=session_cookies,
                           checks=[not_a_server_error])


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_a_session_that_owes_the_second_factor_is_refused_by_every_operation(
        case, half_logged_in_cookies, keep_connection):
    if case.headers:  # the session alone: a request with a token is decided by its token
        case.headers.pop("Authorization", None)
    response = case.call(headers={"X-CSRFToken": CSRF}, cookies=half_logged_in_cookies)
    if case.method.upper() != case.operation.method.upper():  # a probe with another method
        assert response.status_code in {403, 405}  # refused before or after routing
        return
    if response.status_code == 404 and not _routed(case.formatted_path):
        return  # a path no operation serves (e.g. a year that is not a number)
    assert response.status_code in {401, 403}, (case.method, case.formatted_path,
                                                response.status_code)
    content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type", [""])
    assert content_type[0].startswith("application/json"), content_type
