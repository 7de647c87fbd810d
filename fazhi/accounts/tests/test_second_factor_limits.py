"""Second-factor codes are limited per account like passwords: wrong codes lock, from every
address, and each try is audited."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from fazhi.accounts import services
from fazhi.accounts.middleware import SESSION_KEY
from fazhi.accounts.models import LoginFailure
from fazhi.audit.models import Entry

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
VERIFY = reverse("accounts:totp_verify")


@pytest.fixture
def enrolled_admin(street_admin, time_machine):
    time_machine.move_to("2026-11-26 09:00:00+08:00", tick=False)
    services.totp_enrol(user=street_admin, secret_b32=SECRET, code=services.totp_code(secret_b32=SECRET))
    time_machine.move_to("2026-11-26 09:01:00+08:00", tick=False)  # the enrolment code is used
    return street_admin


def _wrong_codes(n: int) -> list[str]:
    right = {services.totp_code(secret_b32=SECRET, at=at) for at in
             (services.time.time() + drift for drift in (-30, 0, 30))}
    return [code for code in (f"{i:06d}" for i in range(n + 3)) if code not in right][:n]


def _password_only(ip="10.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=ip)
    assert client.post("/accounts/login/", {"username": "admin", "password": PASSWORD}).status_code == 302
    return client


def _code_error(response) -> str:
    assert response.status_code == 200
    return response.context["form"].errors.as_data()["code"][0].code


def test_two_hundred_wrong_codes_then_the_right_one_is_refused_while_locked(enrolled_admin, time_machine):
    client = _password_only()
    errors = [_code_error(client.post(VERIFY, {"code": code})) for code in _wrong_codes(200)]
    assert errors == ["invalid"] * 5 + ["locked"] * 195
    right = client.post(VERIFY, {"code": services.totp_code(secret_b32=SECRET)})
    assert _code_error(right) == "locked"
    assert "15" in right.content.decode()  # minutes left, in the message
    assert client.session.get(SESSION_KEY) is None
    assert client.get("/api/v1/cases/").status_code == 403
    assert LoginFailure.objects.filter(user=enrolled_admin, stage="second_factor").count() == 5
    audited = Entry.objects.filter(action__in=["login_failed", "security"], actor_name="admin")
    assert Counter(audited.values_list("action", "success", "detail")) == {
        ("login_failed", False, "second factor"): 5,
        ("security", False, "second factor locked for 15 minutes"): 1,
        ("login_failed", False, "second factor refused: locked"): 196,
        ("security", True, "two-factor enrolled"): 1,
    }
    time_machine.move_to("2026-11-26 09:16:00+08:00", tick=False)
    assert client.post(VERIFY, {"code": services.totp_code(secret_b32=SECRET)}).status_code == 302
    assert client.session.get(SESSION_KEY) is True
    assert not LoginFailure.objects.exists()


def test_wrong_codes_from_several_addresses_lock_the_account_everywhere(enrolled_admin):
    codes = iter(_wrong_codes(5))
    for ip in ("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.3"):
        assert _code_error(_password_only(ip).post(VERIFY, {"code": next(codes)})) == "invalid"
    fresh = _password_only("10.0.0.4")
    assert _code_error(fresh.post(VERIFY, {"code": services.totp_code(secret_b32=SECRET)})) == "locked"


def test_logging_in_again_with_the_password_does_not_forgive_wrong_codes(enrolled_admin):
    codes = iter(_wrong_codes(5))
    for _ in range(5):
        _password_only().post(VERIFY, {"code": next(codes)})
    assert LoginFailure.objects.filter(stage="second_factor").count() == 5
    again = _password_only()
    assert _code_error(again.post(VERIFY, {"code": services.totp_code(secret_b32=SECRET)})) == "locked"


def test_a_code_already_used_is_refused_and_audited_as_such(enrolled_admin):
    first = _password_only()
    code = services.totp_code(secret_b32=SECRET)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = _password_only("10.0.0.2")
    assert _code_error(second.post(VERIFY, {"code": code})) == "invalid"
    assert Entry.objects.filter(action="login_failed",
                                detail="second factor: code already used").count() == 1


def test_the_security_admin_unlocks_the_second_factor(enrolled_admin, secadmin, as_user):
    for code in _wrong_codes(5):
        _password_only().post(VERIFY, {"code": code})
    as_user(secadmin).post(reverse("accounts:user_security", args=[enrolled_admin.pk]),
                           {"action": "unlock"})
    assert _password_only().post(VERIFY, {"code": services.totp_code(secret_b32=SECRET)}).status_code == 302


def test_an_administrator_who_never_enrolled_cannot_pass_with_a_code_of_an_empty_secret(street_admin):
    client = _password_only()
    empty_secret_code = services._totp(b"").generate(services.time.time()).decode()
    assert _code_error(client.post(VERIFY, {"code": empty_secret_code})) == "invalid"
    assert client.session.get(SESSION_KEY) is None


def test_a_password_alone_cannot_enrol_a_new_authenticator_over_the_old_one(enrolled_admin):
    client = _password_only()
    enrol = reverse("accounts:totp_enrol")
    assert client.get(enrol)["Location"] == VERIFY
    attacker_secret = services.totp_secret_new()
    response = client.post(enrol, {"code": services.totp_code(secret_b32=attacker_secret)})
    assert response["Location"] == VERIFY and client.session.get(SESSION_KEY) is None
    with pytest.raises(PermissionDenied):
        services.totp_enrol(user=enrolled_admin, secret_b32=attacker_secret,
                            code=services.totp_code(secret_b32=attacker_secret))
    enrolled_admin.refresh_from_db()
    assert services.decrypt(enrolled_admin.totp_secret_enc) == SECRET
