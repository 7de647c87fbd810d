"""A system administrator enters a local rest day in Django admin, in a real browser."""

import datetime as dt
import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from conftest import client_for
from fazhi.core.models import CalendarOverride

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_adds_a_local_rest_day_in_the_admin(page, sysadmin, live_server):
    sysadmin.user_permissions.add(*Permission.objects.filter(codename__endswith="calendaroverride"))
    session = client_for(sysadmin).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                               "url": live_server.url}])
    page.goto("/django-admin/core/calendaroverride/add/")
    page.get_by_label("日期").fill("2025-11-10")
    page.get_by_label("备注").fill("街道办公楼停电，暂停办公")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url("**/calendaroverride/")
    assert page.get_by_text("街道办公楼停电，暂停办公").is_visible()
    if os.environ.get("SCREENSHOT_DIR"):  # pragma: no cover - for a person to look at
        page.screenshot(path=os.environ["SCREENSHOT_DIR"] + "/calendar_admin.png",
                        full_page=True)
    row = CalendarOverride.objects.get()
    assert (row.date, row.is_workday, row.updated_by) == (dt.date(2025, 11, 10), False, sysadmin)
