"""The lock-out counts the account the typed text names (however it was typed) and the address;
text that names no account is limited the same way, without saying that no account exists."""

import pytest
from django.test import Client

from conftest import PASSWORD, make_user
from fazhi.accounts import services
from fazhi.accounts.models import LoginFailure
from fazhi.audit.models import Entry
from fazhi.core.roles import Role

LOGIN = "/accounts/login/"
MOBILE = "15884039648"


def _post(username, password, ip="10.0.0.1"):
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _refusal(response) -> str:
    assert response.status_code == 200
    return response.context["form"].non_field_errors().as_data()[0].code


@pytest.fixture
def lawyer_with_mobile(north):
    return make_user("lawyer", Role.LAWYER, north, mobile=MOBILE)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to("2026-11-26 09:00:00+08:00", tick=False)


SPELLINGS = [MOBILE, "+86" + MOBILE, "158 8403 9648", "158-8403-9648", "+86 158-8403-9648",
             "0086 158 8403 9648", "(158) 8403.9648", "１５８８４０３９６４８", "158\u30008403\u30009648",
             "158\u20148403\u20149648", "ｌａｗｙｅｒ", "  lawyer  "]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_a_locked_account_gets_no_more_tries_however_it_is_typed(lawyer_with_mobile, frozen, typed):
    for _ in range(5):
        assert _refusal(_post("lawyer", "wrong")) == "invalid_login"
    assert _refusal(_post(typed, PASSWORD)) == "locked"
    assert LoginFailure.objects.filter(user=lawyer_with_mobile).count() == 5


@pytest.mark.parametrize("typed", SPELLINGS)
def test_each_spelling_of_the_mobile_or_username_logs_in(lawyer_with_mobile, typed):
    assert _post(typed, PASSWORD).status_code == 302


def test_failures_typed_in_different_ways_count_against_one_account(lawyer_with_mobile, frozen):
    for typed in ["lawyer", MOBILE, "+8615884039648", "158 8403 9648", "１５８８４０３９６４８"]:
        assert _refusal(_post(typed, "wrong")) == "invalid_login"
    assert _refusal(_post("lawyer", PASSWORD)) == "locked"
    # the lock is per address: the lawyer still gets in from the office
    assert _post("lawyer", PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_lock_and_a_refused_try_are_audited(lawyer_with_mobile, frozen):
    for _ in range(5):
        _post(MOBILE, "wrong")
    _post("158 8403 9648", PASSWORD)
    entries = list(Entry.objects.filter(object_id=str(lawyer_with_mobile.pk))
                   .exclude(action="create")
                   .order_by("id")
                   .values_list("action", "object_repr", "success", "detail"))
    assert entries == [
        *[("login_failed", "lawyer", False, "password")] * 5,
        ("security", "lawyer", False, "log-in locked for 15 minutes"),
        ("login_failed", "lawyer", False, "refused: locked"),
    ]


def test_a_try_counts_before_its_password_is_checked(lawyer_with_mobile, frozen):
    """Tries sent at the same moment: five still being checked leave none for a sixth."""
    started = [services.login_attempt_start(typed=typed, ip="10.0.0.1")
               for typed in ["lawyer", MOBILE, "+8615884039648", "158-8403-9648", "lawyer"]]
    assert [attempt.locked_minutes for attempt in started] == [0, 0, 0, 0, 0]
    assert services.login_attempt_start(typed="158 8403 9648", ip="10.0.0.1").locked_minutes == 15


def test_a_good_password_forgives_its_own_try(lawyer_with_mobile, frozen):
    for _ in range(4):
        _post("lawyer", "wrong")
    assert _post(MOBILE, PASSWORD).status_code == 302
    assert not LoginFailure.objects.exists()
    assert _refusal(_post("lawyer", "wrong")) == "invalid_login"


def test_text_naming_no_account_is_limited_and_answered_as_an_account_would_be(
        lawyer_with_mobile, frozen):
    unknown = "13900001111"
    for typed in [unknown, "+86 139 0000 1111", "139-0000-1111", "１３９００００１１１１",
                  "0086 13900001111"]:
        assert _refusal(_post(typed, "wrong")) == "invalid_login"
    for _ in range(5):
        _post(MOBILE, "wrong")
    for_nobody = _post("139 0000 1111", "anything")
    for_lawyer = _post("158 8403 9648", "anything")
    assert _refusal(for_nobody) == _refusal(for_lawyer) == "locked"
    assert (for_nobody.context["form"].non_field_errors()
            == for_lawyer.context["form"].non_field_errors())
    # the same text from another address is not locked
    assert _refusal(_post(unknown, "wrong", ip="10.0.0.9")) == "invalid_login"


def test_a_mobile_number_naming_no_account_is_kept_only_hashed_and_masked(db, frozen):
    _post("139 0000 1111", "wrong")
    failure = LoginFailure.objects.get()
    assert failure.user is None and "13900001111" not in failure.username
    assert list(Entry.objects.values_list("action", "object_repr", "success")) == [
        ("login_failed", "139****1111", False)]


def test_a_username_naming_no_account_is_limited_by_its_text(db, frozen):
    for _ in range(5):
        assert _refusal(_post("nobody", "wrong")) == "invalid_login"
    assert _refusal(_post("ｎｏｂｏｄｙ", "wrong")) == "locked"
    # a different text is another key: it names no account either, and gets its own tries
    assert _refusal(_post("Nobody", "wrong")) == "invalid_login"


def test_unlocking_ends_every_lock_on_the_account(lawyer_with_mobile, secadmin, frozen):
    for ip in ("10.0.0.1", "10.0.0.2"):
        for _ in range(5):
            _post(MOBILE, "wrong", ip=ip)
    services.login_unlock(actor=secadmin, user=lawyer_with_mobile)
    assert _post("lawyer", PASSWORD, ip="10.0.0.1").status_code == 302
    assert _post("lawyer", PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lock_lasts_until_fewer_than_the_limit_remain_in_the_window(lawyer_with_mobile, time_machine):
    time_machine.move_to("2026-11-26 09:00:00+08:00", tick=False)
    for _ in range(4):
        _post("lawyer", "wrong")
    time_machine.move_to("2026-11-26 09:10:00+08:00", tick=False)
    _post("lawyer", "wrong")
    locked = _post("lawyer", PASSWORD)
    assert _refusal(locked) == "locked" and "请 5 分钟后再试" in locked.context["form"].non_field_errors()[0]
    time_machine.move_to("2026-11-26 09:15:00+08:00", tick=False)
    assert _post("lawyer", PASSWORD).status_code == 302
