"""Journeys a person takes through log-in, in Debian's Chromium."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, browser_login, make_user
from fazhi.accounts import services
from fazhi.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [
    ("staff", Role.STREET_STAFF, False),
    ("worker", Role.COMMUNITY_WORKER, False),
    ("mediator", Role.MEDIATOR, False),
    ("lawyer", Role.LAWYER, False),
    ("leader", Role.LEADER, False),
    ("admin", Role.STREET_ADMIN, True),
    ("auditor", Role.AUDITOR, True),
    ("sysadmin", Role.SYSTEM_ADMIN, True),
    ("secadmin", Role.SECURITY_ADMIN, True),
]


@pytest.fixture
def everyone(north):
    users = {}
    for username, role, _ in ROLES:
        users[username] = make_user(username, role, north if role in (Role.COMMUNITY_WORKER, Role.MEDIATOR, Role.LAWYER) else None)
    return users


def test_every_role_logs_in_and_lands_on_its_own_home(page, everyone):
    for username, role, second_factor in ROLES:
        page.context.clear_cookies()
        browser_login(page, username)
        if second_factor:
            page.wait_for_url("**/accounts/2fa/enrol/")
            secret = page.get_by_test_id("totp-secret").inner_text()
            page.get_by_label("身份验证器应用显示的 6 位验证码").fill(services.totp_code(secret_b32=secret))
            page.get_by_role("button", name="开启").click()
        if role == Role.LEADER:  # a leader's home is the dashboard (issue 13)
            page.wait_for_url("**/dashboard/")
            assert page.locator("h1").inner_text().startswith("领导看板")
        else:
            page.wait_for_url("**/work/")
            assert page.locator("h1").inner_text().startswith("您好")
            assert everyone[username].get_role_display() in page.content()
        if role == Role.AUDITOR:
            page.get_by_role("link", name="审计日志").click()
            page.wait_for_url("**/audit/")
        page.get_by_role("button", name="退出").click()
        page.wait_for_url("**/accounts/login/")


def test_a_wrong_password_five_times_locks_and_says_so(page, everyone):
    for _ in range(5):
        browser_login(page, "worker", "not-the-password")
        assert page.get_by_role("alert").first.inner_text().startswith("用户名/手机号或密码不正确")
    browser_login(page, "worker", PASSWORD)
    assert "登录失败次数过多" in page.get_by_role("alert").first.inner_text()
    assert "/accounts/login/" in page.url


def test_large_text_mode_makes_the_text_larger_and_sticks(page, everyone):
    page.goto("/accounts/login/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="大字模式").click()
    page.wait_for_load_state()
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large >= normal * 1.25
    browser_login(page, "worker")
    page.wait_for_url("**/work/")
    assert "large-text" in page.locator("html").get_attribute("class")
    page.get_by_role("button", name="标准字号").click()
    page.wait_for_load_state()
    assert "large-text" not in (page.locator("html").get_attribute("class") or "")


def test_the_interface_switches_to_english(page, everyone):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Log in to Fazhi")).to_be_visible()
