"""The API answers every error as JSON and lists the error statuses in its OpenAPI document."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

API = "/api/v1"


def test_a_caller_without_the_auditor_role_gets_a_json_403_from_the_audit_log(as_user, worker):
    response = as_user(worker).get(f"{API}/audit/entries")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "您的角色无权执行此操作。"}


def test_an_anonymous_caller_gets_a_json_401(db):
    response = Client().get(f"{API}/audit/entries")
    assert response.status_code == 401 and response.json() == {"detail": "Unauthorized"}


def test_a_validation_error_from_a_service_is_a_json_422_naming_the_field(as_user, auditor,
                                                                          monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"since": ["Too early."]})

    monkeypatch.setattr("fazhi.audit.api.entry_list_for", refuse)
    response = as_user(auditor).get(f"{API}/audit/entries")
    assert response.status_code == 422
    assert response.json() == {"detail": "since: Too early.", "errors": {"since": ["Too early."]}}


def test_a_server_error_is_json_and_logged_with_its_traceback(as_user, auditor, monkeypatch,
                                                              caplog):
    def fail(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("fazhi.audit.api.entry_list_for", fail)
    client = as_user(auditor)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="fazhi.api"):
        response = client.get(f"{API}/audit/entries")
    assert response.status_code == 500
    assert response.json() == {"detail": "服务器出错，已记录。"}
    (record,) = [r for r in caplog.records if r.name == "fazhi.api"]
    assert record.exc_info and record.exc_info[0] is RuntimeError


@pytest.mark.parametrize(("method", "path", "statuses"), [
    ("get", "/api/v1/audit/entries", {"200", "401", "403", "422"}),
    ("get", "/api/v1/cases/{pk}", {"200", "401", "403", "404", "422"}),
    ("post", "/api/v1/cases/{pk}/transitions/note", {"201", "401", "403", "404", "409", "422"}),
    ("post", "/api/v1/cases/{pk}/transitions/accept", {"200", "401", "403", "404", "409", "422"}),
    ("patch", "/api/v1/org/people/{pk}", {"200", "401", "403", "404", "409", "422"}),
])
def test_the_openapi_document_lists_each_operations_error_responses(db, method, path, statuses):
    document = Client().get(f"{API}/openapi.json").json()
    responses = document["paths"][path][method]["responses"]
    assert set(responses) == statuses
    assert responses["403"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"}


def test_every_conflict_is_one_409_shape_from_core(db):
    """One handler answers every app's core.conflicts.Conflict: message, code, version."""
    document = Client().get(f"{API}/openapi.json").json()
    shapes = {operation["responses"]["409"]["content"]["application/json"]["schema"]["$ref"]
              for methods in document["paths"].values() for operation in methods.values()
              if "409" in operation["responses"]}
    assert shapes == {"#/components/schemas/ConflictOut"}
