"""A session that still owes its second factor gets nothing from the API, on any path, and
cannot make itself a token that would skip the factor."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, make_user
from fazhi.accounts import services
from fazhi.accounts.models import ApiToken
from fazhi.audit.models import Entry
from fazhi.core.roles import SECOND_FACTOR_ROLES, Role
from fazhi.org.models import Person
from fazhi.org.services import person_secret_columns

REFUSAL = "Enter the code from your authenticator app first: /accounts/2fa/"


def _password_only(username: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _refused(response) -> bool:
    return (response.status_code, response["Content-Type"], response.json()) == (
        403, "application/json; charset=utf-8", {"detail": REFUSAL})


def test_an_administrator_with_a_password_only_reads_and_unmasks_nothing(street_admin, north):
    person = Person.objects.create(name="张伟", kind=Person.Kind.LAWYER, community=north,
                                   **person_secret_columns(mobile="13912345678"))
    client = _password_only("admin")
    assert _refused(client.get("/api/v1/cases/"))
    assert _refused(client.post(f"/api/v1/org/people/{person.pk}/unmask/mobile", {},
                                content_type="application/json"))
    assert not Entry.objects.filter(action="unmask").exists()


def test_the_auditor_with_a_password_only_cannot_read_the_audit_log(auditor):
    assert _refused(_password_only("auditor").get("/api/v1/audit/entries"))


def test_a_worker_who_enrolled_a_second_factor_owes_it_to_the_api_too(worker):
    secret = services.totp_secret_new()
    services.totp_enrol(user=worker, secret_b32=secret, code=services.totp_code(secret_b32=secret))
    assert _refused(_password_only("worker").get("/api/v1/accounts/me"))


def test_after_the_second_factor_the_session_reads_the_api(street_admin, as_user):
    response = as_user(street_admin).get("/api/v1/accounts/me")
    assert response.status_code == 200 and response.json()["username"] == "admin"


@pytest.mark.parametrize("role", sorted(SECOND_FACTOR_ROLES))
def test_every_api_operation_refuses_a_session_that_owes_the_second_factor(role, north):
    make_user("owing", role)
    client = _password_only("owing")
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    answers = {}
    for path, operations in paths.items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method in operations:
            call = getattr(client, method)
            response = (call(url) if method == "get"
                        else call(url, {}, content_type="application/json"))
            answers[f"{method} {path}"] = _refused(response)
    assert len(answers) >= 30
    assert {name for name, refused in answers.items() if not refused} == set()


def test_an_administrators_token_needs_the_second_factor(street_admin):
    with pytest.raises(PermissionDenied):
        services.api_token_create(user=street_admin, name="hotline")
    assert not ApiToken.objects.exists()
    _token, raw = services.api_token_create(user=street_admin, name="hotline",
                                            second_factor_passed=True)
    assert Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_the_profile_page_makes_no_token_for_a_session_that_owes_the_second_factor(sysadmin):
    client = _password_only("sysadmin")
    response = client.post(reverse("accounts:profile"), {"tok-name": "script"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:totp_enrol")
    assert not ApiToken.objects.exists()


def test_a_worker_without_a_second_factor_makes_a_token_after_the_password(worker):
    client = _password_only("worker")
    response = client.post(reverse("accounts:profile"), {"tok-name": "script"})
    assert response.status_code == 200 and response.context["new_token"].startswith("fz_")
    assert ApiToken.objects.filter(user=worker).count() == 1


def test_a_bearer_token_still_works_beside_a_session_that_owes_the_factor(street_admin, worker):
    _token, raw = services.api_token_create(user=worker, name="x")
    client = _password_only("admin")
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response.json()["username"] == "worker"
    assert response.json()["role"] == Role.COMMUNITY_WORKER
