from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from fazhi.accounts import services
from fazhi.accounts.models import ApiToken, User
from fazhi.audit.models import Entry


def test_a_token_is_shown_once_and_stored_hashed(worker, as_user):
    response = as_user(worker).post(reverse("accounts:profile"), {"tok-name": "12345 hotline"})
    raw = response.context["new_token"]
    token = ApiToken.objects.get(user=worker)
    assert raw.startswith("fz_") and raw not in (token.key_hash, token.prefix)
    api = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.status_code == 200 and api.json()["username"] == "worker"


def test_a_revoked_token_no_longer_works(worker, as_user):
    token, raw = services.api_token_create(user=worker, name="x")
    as_user(worker).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_someone_else_cannot_revoke_my_token(worker, outsider, as_user):
    token, raw = services.api_token_create(user=worker, name="x")
    assert as_user(outsider).post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_api_refuses_anonymous_requests(db):
    assert Client().get("/api/v1/accounts/me").status_code == 401


def test_only_system_and_security_admins_list_accounts(worker, sysadmin, secadmin, leader, as_user):
    assert as_user(sysadmin).get(reverse("accounts:user_list")).status_code == 200
    assert as_user(secadmin).get(reverse("accounts:user_list")).status_code == 200
    assert as_user(worker).get(reverse("accounts:user_list")).status_code == 403
    assert as_user(leader).get(reverse("accounts:user_list")).status_code == 403


def test_a_system_admin_creates_an_account_with_a_valid_mobile(sysadmin, north, as_user):
    client = as_user(sysadmin)
    bad = client.post(reverse("accounts:user_list"), {
        "username": "newbie", "display_name": "新人", "role": "community_worker",
        "mobile": "12345", "community": north.pk, "password": "Str0ng-Passw0rd!"})
    assert bad.status_code == 200 and bad.context["form"].errors["mobile"]
    assert not User.objects.filter(username="newbie").exists()
    ok = client.post(reverse("accounts:user_list"), {
        "username": "newbie", "display_name": "新人", "role": "community_worker",
        "mobile": "13912345678", "community": north.pk, "password": "Str0ng-Passw0rd!"})
    assert ok.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.mobile_masked == "139****5678" and "13912345678" not in user.mobile_enc
    assert Entry.objects.filter(action="create", object_type="accounts.user", actor_name="sysadmin").exists()


def test_a_security_admin_cannot_create_accounts_and_a_sysadmin_cannot_unlock(sysadmin, secadmin, worker, as_user):
    response = as_user(secadmin).post(reverse("accounts:user_list"), {"username": "x"})
    assert response.status_code == 200 and not User.objects.filter(username="x").exists()
    assert as_user(sysadmin).post(reverse("accounts:user_security", args=[worker.pk]), {"action": "unlock"}).status_code == 403


def test_a_security_admin_disables_an_account(secadmin, worker, as_user):
    as_user(secadmin).post(reverse("accounts:user_security", args=[worker.pk]), {"action": "deactivate"})
    worker.refresh_from_db()
    assert worker.is_active is False
    response = Client().post("/accounts/login/", {"username": "worker", "password": PASSWORD})
    assert response.status_code == 200
