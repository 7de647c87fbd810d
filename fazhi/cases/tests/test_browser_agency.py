"""Journey (c): 诉求代理 — a resident authorises a lawyer in writing (scope, validity, scanned
授权委托书); the lawyer completes two tasks; the resident sees the public result by code."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from conftest import browser_login, make_user
from fazhi.audit.models import Entry
from fazhi.cases.models import AgencyMode, Authorisation, Case
from fazhi.core.roles import Role
from fazhi.core.tests.samples import PDF

from .browsing import SHOTS, do_action, seed_reference, track
from .factories import make_case

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCAN = PDF


def _task(article, title: str, due: str) -> None:
    box = article.locator("details", has_text="添加事项")
    box.locator("summary").click()
    box.locator("[name=title]").fill(title)
    box.locator("[name=due_on]").fill(due)
    box.locator("button[type=submit]").click()


def test_journey_c_an_authorised_agent_completes_two_tasks(page, north, tmp_path):
    seed_reference()
    SHOTS.mkdir(parents=True, exist_ok=True)
    staff = make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
    make_user("lawyer", Role.LAWYER, north, display_name="刘律师")
    case = make_case(staff, north, kind="appeal", category="appeal-other",
                     title="工伤认定申请", description="在小区物业工作时受伤，需要申请工伤认定。")
    today = timezone.localdate()
    scan = tmp_path / "授权委托书.pdf"
    scan.write_bytes(SCAN)

    # Staff accept the appeal, record the written authorisation with its scan, and the mode.
    browser_login(page, "staff")
    page.goto(f"/cases/{case.pk}/")
    do_action(page, "accept", {"note": "可由驻社区律师代理"})
    box = page.locator("#do-authorisation")
    box.locator("summary").click()
    box.locator("[name=party]").select_option(label="张三")
    box.locator("[name=agent_name]").fill("刘律师")
    box.locator("[name=relation]").fill("驻社区律师")
    box.locator("[name=scope]").fill("代为申请工伤认定、领取决定书")
    box.locator("[name=valid_from]").fill(today.isoformat())
    box.locator("[name=valid_until]").fill((today + dt.timedelta(days=90)).isoformat())
    box.locator("[name=document]").set_input_files(str(scan))
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    auth = Authorisation.objects.get(case=case)
    assert auth.document and auth.scope == "代为申请工伤认定、领取决定书"
    lawyer_pk = str(case.created_by.__class__.objects.get(username="lawyer").pk)
    do_action(page, "mode", {"mode": "claim", "agent": lawyer_pk, "authorisation": str(auth.pk)})
    assert AgencyMode.objects.filter(case=case, mode="claim", authorisation=auth).exists()

    # The lawyer, acting as agent, takes on and completes two tasks.
    page.context.clear_cookies()
    browser_login(page, "lawyer")
    page.goto(f"/cases/{case.pk}/")
    scan_link = page.get_by_role("link", name="授权委托书扫描件")
    download = page.request.get(scan_link.get_attribute("href"))
    assert download.ok and download.body() == SCAN
    article = page.get_by_test_id("mode-claim")
    _task(article, "向人社局提交工伤认定申请", (today + dt.timedelta(days=5)).isoformat())
    article = page.get_by_test_id("mode-claim")
    _task(article, "调取医院诊断证明", (today + dt.timedelta(days=3)).isoformat())
    article = page.get_by_test_id("mode-claim")
    items = article.locator("li", has=page.locator("input[name=result]"))
    assert items.count() == 2
    first = article.locator("li", has_text="调取医院诊断证明")
    first.locator("[name=result]").fill("已取得诊断证明原件")
    first.locator("[name=public]").uncheck()  # an internal step: not shown to the resident
    first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    second = page.get_by_test_id("mode-claim").locator("li", has_text="向人社局提交工伤认定申请")
    second.locator("[name=result]").fill("已提交，受理编号2025-0315")
    second.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("mode-claim").get_by_text("已完成").count() == 2
    page.screenshot(path=str(SHOTS / "agency-tasks.png"), full_page=True)
    assert Entry.objects.filter(action="view", detail="download scanned authorisation").exists()

    # The resident sees the public result, not the internal one, on the tracking page.
    case = Case.objects.get(pk=case.pk)
    track(page, case.tracking_code, "5678")
    events = page.get_by_test_id("public-events").inner_text()
    assert "已提交，受理编号2025-0315" in events
    assert "已取得诊断证明原件" not in events
    assert "刘律师" in events  # the agency mode is announced to the resident
    page.screenshot(path=str(SHOTS / "agency-track.png"), full_page=True)
