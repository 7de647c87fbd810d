"""/django-admin/ has no log-in form of its own: it sends people to Fazhi's log-in, so it cannot
be used to try passwords past the lock-out, the audit log or the second factor."""

from django.test import Client

from conftest import PASSWORD
from fazhi.accounts.models import LoginFailure
from fazhi.audit.models import Entry

ADMIN_LOGIN = "/django-admin/login/"
TO_FAZHI = "/accounts/login/?next=/django-admin/"


def test_the_admin_login_form_checks_no_password(sysadmin):
    answers = set()
    for password in (PASSWORD, "wrong", "wrong again"):
        client = Client()
        response = client.post(ADMIN_LOGIN, {"username": "sysadmin", "password": password,
                                             "next": "/django-admin/"})
        answers.add((response.status_code, response["Location"]))
        assert "_auth_user_id" not in client.session
    assert answers == {(302, TO_FAZHI)}
    assert not Entry.objects.filter(action__in=["login", "login_failed"]).exists()
    assert not LoginFailure.objects.exists()


def test_the_admin_sends_an_anonymous_visitor_to_fazhis_login(db):
    client = Client()
    first = client.get("/django-admin/")
    assert first.status_code == 302
    assert client.get(first["Location"])["Location"] == TO_FAZHI


def test_a_system_admin_with_a_password_only_is_asked_for_the_second_factor(sysadmin):
    client = Client()
    client.post("/accounts/login/", {"username": "sysadmin", "password": PASSWORD})
    response = client.get("/django-admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/enrol/"


def test_a_system_admin_past_the_second_factor_uses_the_admin(sysadmin, as_user):
    client = as_user(sysadmin)
    assert client.get("/django-admin/").status_code == 200
    assert client.get(ADMIN_LOGIN)["Location"] == "/django-admin/"


def test_a_logged_in_user_who_is_not_staff_is_refused(worker, as_user):
    assert as_user(worker).get(ADMIN_LOGIN).status_code == 403
