"""The issue's "done when" journey in Debian's Chromium: a unit uploads its list (a bad file
rejected row by row, then a good one), the sub-district approves it; staff create an activity
that fulfils an item, print its poster, attendees sign in on a phone (a repeat recorded once);
the unit's quarterly progress and the reach figures update."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login, make_user
from fazhi.core.roles import Role
from fazhi.org.models import Region, Unit
from fazhi.outreach.models import Activity, ResponsibilityList, SignIn

from .conftest import GOOD_ROW, workbook

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/outreach-{name}.png", full_page=True)


@pytest.fixture
def world(transactional_db):
    district = Region.objects.create(name="江岸区", level=Region.Level.DISTRICT, code="JA")
    sub = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM",
                                parent=district)
    north = Region.objects.create(name="江汉北路社区", level=Region.Level.COMMUNITY,
                                  code="XM-JHBL", parent=sub)
    police = Unit.objects.create(name="西马派出所", kind=Unit.Kind.POLICE_STATION, region=sub,
                                 is_member_unit=True)
    make_user("police", Role.MEDIATOR, unit_id=police.pk)
    make_user("staff", Role.STREET_STAFF)
    return {"north": north, "police": police}


def _upload(page, data: bytes) -> None:
    page.set_input_files("#id_file", {"name": "清单.xlsx", "mimeType": XLSX, "buffer": data})
    page.get_by_role("button", name="导入", exact=True).click()


def test_list_approval_activity_poster_phone_sign_in_progress_and_reach(browser, page, phone,
                                                                        world, live_server):
    year = timezone.localdate().year
    quarter = (timezone.localdate().month - 1) // 3 + 1
    # 1. The unit opens its list and uploads a bad workbook, then a good one.
    browser_login(page, "police")
    page.goto("/outreach/lists/")
    page.select_option("#id_unit", str(world["police"].pk))
    page.fill("#id_year", str(year))
    page.get_by_role("button", name="新建", exact=True).click()
    bad = workbook([GOOD_ROW, [*GOOD_ROW[:3], "许多", *GOOD_ROW[4:]],
                    [*GOOD_ROW[:4], 7, *GOOD_ROW[5:]]])
    _upload(page, bad)
    errors = page.locator("#import-errors")
    assert "未导入任何内容" in errors.inner_text()
    assert "第 3 行" in errors.inner_text() and "第 4 行" in errors.inner_text()
    _shot(page, "1-import-errors")
    lst = ResponsibilityList.objects.get()
    assert not lst.items.exists()
    good = workbook([[*GOOD_ROW[:3], 1, quarter, *GOOD_ROW[5:]],
                     [*GOOD_ROW[:3], 2, 4, *GOOD_ROW[5:]]])
    _upload(page, good)
    assert page.locator("#items tbody tr").count() == 2
    page.get_by_role("button", name="报送街道").click()
    assert "已报送" in page.locator("h1").inner_text()

    # 2. The sub-district approves it.
    staff_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    staff = staff_context.new_page()
    staff.set_default_timeout(10_000)
    browser_login(staff, "staff")
    staff.goto(f"/outreach/lists/{lst.pk}/")
    staff.get_by_role("button", name="批准").click()
    assert "已批准" in staff.locator("h1").inner_text()

    # 3. Staff create an activity that fulfils the first item, and print its poster.
    start = timezone.localtime() - dt.timedelta(minutes=10)
    staff.goto("/outreach/new/")
    staff.select_option("#id_kind", "lecture_hall")
    staff.fill("#id_title", "宪法进社区")
    staff.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    staff.fill("#id_ends_at", (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    staff.fill("#id_venue", "江汉北路社区活动室")
    staff.select_option("#id_community", str(world["north"].pk))
    staff.locator("input[name=items]").first.check()
    staff.get_by_role("button", name="保存").click()
    activity = Activity.objects.get()
    assert staff.url.endswith(f"/outreach/{activity.pk}/")
    with staff.expect_popup() as popup:
        staff.get_by_role("link", name="打印 A4 海报").click()
    poster = popup.value
    poster.wait_for_load_state()
    expect(poster.locator(".qr svg")).to_be_visible()
    expect(poster.get_by_text("宪法进社区")).to_be_visible()
    poster.emulate_media(media="print")
    expect(poster.locator(".noprint")).not_to_be_visible()
    _shot(poster, "2-poster")

    # 4. An attendee signs in on a phone, then again: one record.
    phone.goto(f"/checkin/{activity.code}/")
    expect(phone.locator("#privacy")).to_be_visible()
    phone.fill("#id_name", "王小明")
    phone.fill("#id_mobile", "13812345678")
    phone.select_option("#id_community", str(world["north"].pk))
    phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_role("heading", name="签到成功")).to_be_visible()
    _shot(phone, "3-phone-signed-in")
    phone.goto(f"/checkin/{activity.code}/")
    phone.fill("#id_name", "王小明")
    phone.fill("#id_mobile", "138 1234 5678")
    phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_role("heading", name="您已经签到过了")).to_be_visible()
    assert SignIn.objects.filter(activity=activity).count() == 1

    # 5. The live count, the unit's quarterly progress and the reach figures update.
    staff.goto(f"/outreach/{activity.pk}/")
    assert staff.get_by_test_id("attendance-total").inner_text() == "1"
    page.goto(f"/outreach/lists/{lst.pk}/")
    row = page.locator("#quarters tbody tr").nth(quarter - 1)
    assert row.locator("td").nth(2).inner_text() == "1"
    _shot(page, "4-progress")
    staff.goto(f"/outreach/reach/?year={year}")
    assert staff.get_by_test_id("sessions").inner_text() == "1"
    assert staff.get_by_test_id("unique").inner_text() == "1"
    _shot(staff, "5-reach")
    staff_context.close()
