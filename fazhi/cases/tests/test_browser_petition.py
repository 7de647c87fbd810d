"""Journey (b): a petition through acceptance, a referral, an extension requested by staff
and approved by the head, and the conclusion, its deadlines counted across the 2025 National
Day holiday (1-8 October) and its make-up working days (Sunday 28 September, Saturday 11
October).

Time is frozen to dates in 2025 (the official calendar is known); it moves between the steps,
and the idle session timeout means staff sign in again after each move.
"""

import datetime as dt
import os

import pytest
import time_machine

from conftest import browser_login, make_user
from fazhi.cases.models import Case, Deadline
from fazhi.core.roles import Role
from fazhi.org.models import Unit

from .browsing import SHOTS, do_action, seed_reference, track

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEIJING = dt.timezone(dt.timedelta(hours=8))


def _at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, 0, tzinfo=BEIJING)


def _due(page, code: str) -> str:
    return page.get_by_test_id(f"deadline-{code}").locator("time").inner_text().strip()


def test_journey_b_a_petition_on_statutory_deadlines_across_national_day(page, north):
    seed_reference()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(_at(8, 2), tick=True) as clock:
        make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
        make_user("leader", Role.LEADER, display_name="街道主任")
        police = Unit.objects.create(name="西马派出所", kind=Unit.Kind.POLICE_STATION,
                                     region=north.parent)
        # Saturday 2 August 2025: a letter arrives; staff register it at the station.
        browser_login(page, "staff")
        page.goto("/cases/new/")
        page.locator("#id_kind").select_option("petition")
        page.locator("#id_channel").select_option("letter_visit")
        page.locator("#id_category").select_option(label="申诉求决")
        page.locator("#id_community").select_option(str(north.pk))
        page.locator("#id_title").fill("小区违建长期未处理")
        page.locator("#id_description").fill("小区内违章搭建占用消防通道，多次反映无人处理。")
        page.locator("#id_party-0-name").fill("陈七")
        page.locator("#id_party-0-mobile").fill("13912345678")
        page.get_by_role("button", name="登记").click()
        page.wait_for_load_state()
        page.screenshot(path=str(SHOTS / "petition-intake.png"), full_page=True)
        case = Case.objects.get(title="小区违建长期未处理")
        assert page.url.endswith(f"/cases/{case.pk}/")
        # Register and route within 15 days: 17 August is a Sunday, so Monday the 18th.
        assert _due(page, "petition-route") == "2025-08-18 23:59"

        # Accepted the same day: 60 days end on 1 October, inside the holiday -> 9 October.
        do_action(page, "accept", {"note": "属于信访受理范围，书面告知信访人"})
        assert _due(page, "petition-conclude") == "2025-10-09 23:59"
        assert page.get_by_test_id("deadline-petition-route").get_by_text("按期").count() == 1
        do_action(page, "assign", {"handler": str(case.created_by_id), "reason": "街道承办"})

        # Friday 26 September: referred to the police station, which may object within five
        # working days: Sunday 28 September is a make-up working day, 1-8 October are rest.
        clock.move_to(_at(9, 26))
        browser_login(page, "staff")
        page.goto(f"/cases/{case.pk}/")
        do_action(page, "refer", {"unit": str(police.pk), "reason": "涉及治安，转派出所协同"})
        assert _due(page, "petition-objection") == "2025-10-10 23:59"
        do_action(page, "acknowledge", {"note": "派出所已签收"})
        assert "移交已签收" in page.content() and "待签收" not in page.content()

        # Monday 29 September: staff ask for one extension of 30 days; the head approves it
        # on the case page, from 9 October to 8 November, a Saturday -> Monday 10 November.
        clock.move_to(_at(9, 29))
        browser_login(page, "staff")
        page.goto(f"/cases/{case.pk}/")
        do_action(page, "extension_request", {"days": "30", "reason": "涉及多个部门，情况复杂"})
        assert "等待审批" in page.content()
        assert _due(page, "petition-conclude") == "2025-10-09 23:59"  # not before approval
        page.context.clear_cookies()
        browser_login(page, "leader")
        page.goto("/work/")
        page.get_by_role("link", name="1 件延期申请待您审批").click()
        page.get_by_role("link", name=case.number).click()
        page.screenshot(path=str(SHOTS / "petition-extension-pending.png"), full_page=True)
        page.get_by_role("button", name="批准延期").click()
        page.wait_for_load_state()
        assert _due(page, "petition-conclude") == "2025-11-10 23:59"
        page.screenshot(path=str(SHOTS / "petition-extended.png"), full_page=True)
        # A second request is refused with the rule's own words; nothing changes.
        page.context.clear_cookies()
        browser_login(page, "staff")
        page.goto(f"/cases/{case.pk}/")
        do_action(page, "extension_request", {"days": "5", "reason": "再次延期"})
        assert "已无剩余" in page.content()
        assert _due(page, "petition-conclude") == "2025-11-10 23:59"

        # Monday 20 October: answered in writing, on time; the resident's 30 days to ask for a
        # review run to Wednesday 19 November.
        clock.move_to(_at(10, 20))
        browser_login(page, "staff")
        page.goto(f"/cases/{case.pk}/")
        do_action(page, "conclude", {"outcome": "answered", "summary": "已书面答复，违建已拆除",
                                     "public_reply": "经核查，违章搭建已于10月17日拆除。"})
        assert page.get_by_test_id("state").inner_text() == "已办结，待回访"
        assert _due(page, "petition-review-request") == "2025-11-19 23:59"
        conclude = case.deadlines.get(rule__code="petition-conclude")
        assert conclude.status == Deadline.Status.MET and conclude.extensions == 1
        page.screenshot(path=str(SHOTS / "petition-concluded.png"), full_page=True)

        # The petitioner follows it by code: the answer, the extension's reason, the windows.
        case.refresh_from_db()
        track(page, case.tracking_code, "5678")
        body = page.content()
        assert "经核查，违章搭建已于10月17日拆除。" in body
        assert "2025-11-10" in body and "涉及多个部门，情况复杂" in body
        assert "2025-11-19" in body
        assert "涉及治安，转派出所协同" not in body  # internal reasons stay internal
        page.screenshot(path=str(SHOTS / "petition-track.png"), full_page=True)
