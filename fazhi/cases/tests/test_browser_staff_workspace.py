"""Journey: a staff member from log-in through accept, assign to a mediator, and 诉求代理 with
its written authorisation in the same step, counting the clicks and choices (typing aside)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from conftest import PASSWORD, make_user
from fazhi.cases.models import AgencyMode, Authorisation, Case
from fazhi.core.roles import Role

from .browsing import seed_reference
from .factories import make_case

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


class Counted:
    """The page, counting each click and choice a person makes (typing is not counted)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        self.count += 1
        locator.click()
        self.page.wait_for_load_state()

    def choose(self, locator, **option):
        self.count += 1
        locator.select_option(**option)


def test_staff_accept_assign_and_record_a_claim_with_its_authorisation_in_eight_steps(
        page, north, south):
    seed_reference()
    SHOTS.mkdir(parents=True, exist_ok=True)
    staff = make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
    make_user("mediator", Role.MEDIATOR, north, display_name="王调解")
    make_user("gx-worker", Role.COMMUNITY_WORKER, south, display_name="高雄社工")
    case = make_case(staff, north, kind="appeal", category="appeal-other", title="工伤认定申请",
                     description="在小区物业工作时受伤，需要申请工伤认定。")
    me = Counted(page)

    page.goto("/")
    page.goto("/accounts/login/")
    page.get_by_label("用户名或手机号").fill("staff")
    page.get_by_label("密码").fill(PASSWORD)
    me.click(page.get_by_role("button", name="登录"))
    me.click(page.get_by_role("link", name=f"{case.number} 工伤认定申请"))

    # The page leads with the state, the countdown and the next actions, primary ones open.
    head = page.locator(".case-head")
    assert head.get_by_test_id("state").inner_text() == "已登记"
    assert "距答复期限" in head.get_by_test_id("countdown").inner_text()
    page.screenshot(path=str(SHOTS / "staff-1-case-received.png"), full_page=True)
    assert page.locator("#do-assign").get_attribute("open") is not None  # offered already
    me.click(page.locator("#do-accept button[type=submit]"))
    assert page.get_by_test_id("state").inner_text() == "已受理，待分派"

    # The handler picker lists only those who may take this case, with role and community.
    handler = page.locator("#do-assign [name=handler]")
    options = handler.locator("option").all_inner_texts()
    assert "王调解 · 调解员 · 江汉北路社区" in options
    assert not [o for o in options if "高雄" in o]
    page.screenshot(path=str(SHOTS / "staff-2-assign.png"), full_page=True)
    me.choose(handler, label="王调解 · 调解员 · 江汉北路社区")
    me.click(page.locator("#do-assign button[type=submit]"))
    assert page.get_by_test_id("state").inner_text() == "办理中"

    # 诉求代理 asks for the written authorisation in the same form.
    box = page.locator("#do-mode")
    me.click(box.locator("summary"))
    me.choose(box.locator("[name=mode]"), label="诉求代理")
    box.locator("[name=scope]").fill("代为申请工伤认定、领取决定书")
    page.screenshot(path=str(SHOTS / "staff-3-claim-with-authorisation.png"), full_page=True)
    me.click(box.locator("button[type=submit]"))
    page.screenshot(path=str(SHOTS / "staff-4-done.png"), full_page=True)

    case = Case.objects.get(pk=case.pk)
    assert case.state == "in_progress" and case.handler.username == "mediator"
    auth = Authorisation.objects.get(case=case)
    assert (auth.scope, auth.agent_name, auth.party.name) == ("代为申请工伤认定、领取决定书",
                                                              "街道办事员", "张三")
    assert AgencyMode.objects.filter(case=case, mode="claim", authorisation=auth,
                                     agent=staff).exists()
    assert me.count == 8
