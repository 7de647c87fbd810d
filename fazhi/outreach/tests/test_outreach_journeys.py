"""Outreach as people meet it (issue 10, item 8): today's activities first and marked, the
sign-in confirmation's large-text switch, date fields that show their values."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from fazhi.outreach.forms import ReachPeriodForm, StudySessionForm
from fazhi.outreach.models import StudySession

from .conftest import make_activity

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=BEIJING)


def test_todays_activities_come_first_and_are_marked(as_user, street_staff, time_machine):
    time_machine.move_to(_at(10, 23), tick=False)
    make_activity(title="下周讲座", starts_at=_at(17, 9), ends_at=_at(17, 11))
    make_activity(title="今天上午", starts_at=_at(10, 9), ends_at=_at(10, 11))
    make_activity(title="昨天讲座", starts_at=_at(9, 9), ends_at=_at(9, 11))
    body = as_user(street_staff).get(reverse("outreach:activities")).content.decode()
    titles = re.findall(r'<a href="/outreach/\d+/">([^<]+)</a>', body)
    assert titles == ["今天上午", "下周讲座", "昨天讲座"]
    assert body.count('<tr class="today">') == 1 and '<strong class="badge ok">今天</strong>' in body


def test_the_sign_in_confirmation_keeps_the_large_text_switch(client, time_machine):
    time_machine.move_to(_at(10, 9), tick=False)
    activity = make_activity(starts_at=_at(10, 9), ends_at=_at(10, 11))
    url = reverse("outreach:checkin", args=[activity.code])
    done = client.post(url, {"name": "张三", "mobile": "13912345678"})
    body = done.content.decode()
    assert done.status_code == 201
    assert f'action="{reverse("workbench:large_text")}"' in body
    assert f'name="next" value="{url}"' in body and "大字模式" in body
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    switched = client.post(reverse("workbench:large_text"),
                           {"next": url, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302 and switched.url == url
    assert switched.cookies["fz_large"].value == "1"


def test_the_reach_page_date_fields_carry_iso_values(as_user, street_staff, time_machine):
    time_machine.move_to(_at(10, 9), tick=False)
    body = as_user(street_staff).get(reverse("outreach:reach"), {"year": 2026}).content.decode()
    assert re.findall(r'<input type="date" name="(since|until)" value="([^"]+)"', body) == [
        ("since", "2026-01-01"), ("until", "2026-12-31")]


def test_the_date_fields_show_iso_values_in_chinese(police):
    with translation.override("zh-hans"):
        period = str(ReachPeriodForm(initial={"since": dt.date(2026, 3, 1),
                                              "until": dt.date(2026, 3, 31)})["since"])
        study = str(StudySessionForm(instance=StudySession(unit=police,
                                                           date=dt.date(2026, 3, 10)))["date"])
    assert 'type="date"' in period and 'value="2026-03-01"' in period
    assert 'type="date"' in study and 'value="2026-03-10"' in study
