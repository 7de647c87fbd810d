import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from fazhi.accounts import services
from fazhi.accounts.middleware import SESSION_KEY
from fazhi.accounts.models import LoginFailure
from fazhi.audit.models import Entry

LOGIN = "/accounts/login/"


def _post(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_login_page_is_chinese_by_default(db):
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.content.decode()


def test_a_worker_logs_in_with_username(worker):
    client = Client()
    response = _post(client, "worker", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("workbench:home")
    assert Entry.objects.filter(action="login", actor_name="worker", success=True).exists()


def test_staff_log_in_with_their_mobile_number(street_staff):
    client = Client()
    response = _post(client, "138 0013 8000", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200


def test_a_wrong_password_says_so_and_is_recorded(worker):
    response = _post(Client(), "worker", "wrong")
    assert "用户名/手机号或密码不正确。" in response.content.decode()
    assert LoginFailure.objects.filter(username="worker").count() == 1
    assert Entry.objects.filter(action="login_failed", success=False).count() == 1


def test_repeated_failures_lock_the_username_from_that_address_only(worker, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        _post(Client(), "worker", "wrong", ip="10.0.0.1")
    locked = _post(Client(), "worker", PASSWORD, ip="10.0.0.1")
    assert locked.status_code == 200
    assert locked.context["form"].non_field_errors().as_data()[0].code == "locked"
    # a colleague behind the same office address is not locked out
    assert _post(Client(), "street_x", "wrong", ip="10.0.0.1").context["form"].non_field_errors().as_data()[0].code == "invalid_login"
    # the same user from another address still gets in
    assert _post(Client(), "worker", PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lock_ends_after_the_cool_off(worker, settings, time_machine):
    settings.LOGIN_FAILURE_LIMIT = 2
    time_machine.move_to("2026-11-26 09:00:00+08:00", tick=False)
    for _ in range(2):
        _post(Client(), "worker", "wrong")
    assert _post(Client(), "worker", PASSWORD).status_code == 200
    time_machine.move_to("2026-11-26 09:16:00+08:00", tick=False)
    assert _post(Client(), "worker", PASSWORD).status_code == 302


def test_a_security_admin_unlocks_a_user(worker, secadmin, as_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        _post(Client(), "worker", "wrong")
    as_user(secadmin).post(reverse("accounts:user_security", args=[worker.pk]), {"action": "unlock"})
    assert _post(Client(), "worker", PASSWORD).status_code == 302


def test_an_administrator_must_enrol_a_second_factor_before_anything_else(street_admin):
    client = Client()
    assert _post(client, "admin", PASSWORD).status_code == 302
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:totp_enrol")
    page = client.get(reverse("accounts:totp_enrol"))
    secret = client.session["fz_totp_pending"]
    assert "<svg" in page.content.decode()
    bad = client.post(reverse("accounts:totp_enrol"), {"code": "000000"})
    assert bad.status_code == 200 and bad.context["form"].errors["code"]
    code = services.totp_code(secret_b32=secret)
    assert client.post(reverse("accounts:totp_enrol"), {"code": code}).status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200
    street_admin.refresh_from_db()
    assert street_admin.totp_confirmed_at is not None


def test_an_enrolled_user_passes_the_code_once(street_admin):
    secret = services.totp_secret_new()
    services.totp_enrol(user=street_admin, secret_b32=secret, code=services.totp_code(secret_b32=secret))
    client = Client()
    _post(client, "admin", PASSWORD)
    assert client.get(reverse("workbench:home"))["Location"] == reverse("accounts:totp_verify")
    street_admin.refresh_from_db()
    # the code used at enrolment cannot be replayed
    replay = client.post(reverse("accounts:totp_verify"), {"code": services.totp_code(secret_b32=secret)})
    assert replay.status_code == 200
    assert client.session.get(SESSION_KEY) is None


def test_a_community_worker_needs_no_second_factor(worker):
    client = Client()
    _post(client, "worker", PASSWORD)
    assert client.get(reverse("workbench:home")).status_code == 200


def test_logging_out_needs_a_post(worker, as_user):
    client = as_user(worker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 302


def test_a_session_ends_after_idle_minutes(worker, settings, time_machine):
    """30 idle minutes end a session; each request more than a minute after the session's
    last save moves its end on; requests within that minute write nothing."""
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_TOUCH_SECONDS == 60
    home = reverse("workbench:home")
    time_machine.move_to("2026-11-26 09:00:00+08:00", tick=False)
    client = Client()
    client.post(LOGIN, {"username": "worker", "password": PASSWORD})
    key = client.session.session_key

    def expires():
        return Session.objects.get(session_key=key).expire_date

    first = expires()
    time_machine.move_to("2026-11-26 09:00:50+08:00", tick=False)
    assert client.get(home).status_code == 200
    assert expires() == first  # within the minute: nothing written
    time_machine.move_to("2026-11-26 09:29:00+08:00", tick=False)
    assert client.get(home).status_code == 200
    moved = expires()
    assert moved > first
    time_machine.move_to("2026-11-26 09:58:00+08:00", tick=False)  # 58 minutes after log-in
    assert client.get(home).status_code == 200
    time_machine.move_to("2026-11-26 10:28:30+08:00", tick=False)  # 30.5 idle minutes
    assert client.get(home).status_code == 302


def test_next_cannot_redirect_off_site(worker):
    client = Client()
    response = client.post(LOGIN + "?next=https://evil.example/", {"username": "worker", "password": PASSWORD})
    assert response["Location"] == reverse("workbench:home")


@pytest.mark.parametrize("password", ["short1A!", "alllowercaseletters", "1234567890123"])
def test_weak_passwords_are_refused(worker, as_user, password):
    response = as_user(worker).post(reverse("accounts:profile"), {"pw-old_password": PASSWORD, "pw-new_password": password})
    assert response.status_code == 200
    assert response.context["password_form"].errors["new_password"]
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


def test_keeping_sessions_alive_never_creates_one(worker):
    """An anonymous visit and a log-out leave no session behind."""
    from django.contrib.sessions.models import Session

    client = Client()
    client.get(LOGIN)
    assert not Session.objects.exists()
    client.post(LOGIN, {"username": "worker", "password": PASSWORD})
    assert Session.objects.count() == 1
    client.post(reverse("accounts:logout"))
    assert not Session.objects.exists()
