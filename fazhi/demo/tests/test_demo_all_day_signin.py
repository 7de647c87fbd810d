"""The demo's all-day activity takes sign-ins all of its day in Beijing time (a check at 23:41
found it closed: sign-in closed two hours after its 21:00 end)."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fazhi.demo.world import World
from fazhi.demo.world_outreach import _upcoming
from fazhi.outreach.models import Activity

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def all_day(north, south) -> Activity:
    rows = _upcoming(random.Random(7), World(today=DAY, communities=[north, south, north]))
    Activity.objects.bulk_create(rows)
    return Activity.objects.get(title__endswith="（全天）")


@pytest.mark.parametrize("clock", [dt.time(0, 0), dt.time(8, 0), dt.time(23, 41),
                                   dt.time(23, 59, 59)])
def test_the_all_day_activity_takes_sign_ins_at_any_beijing_hour(client, all_day, time_machine,
                                                                 clock):
    time_machine.move_to(dt.datetime.combine(DAY, clock, tzinfo=BEIJING), tick=False)
    page = client.get(reverse("outreach:checkin", args=[all_day.code]))
    assert "签到已截止" not in page.content.decode() and "签到尚未开始" not in page.content.decode()
    response = client.post(reverse("outreach:checkin", args=[all_day.code]),
                           {"name": "张三", "mobile": "13912345678"})
    assert response.status_code == 201


def test_the_all_day_activity_closes_at_midnight(all_day):
    assert all_day.checkin_opens == dt.datetime(2026, 3, 10, 0, 0, tzinfo=BEIJING)
    assert all_day.checkin_closes == dt.datetime(2026, 3, 11, 0, 0, tzinfo=BEIJING)
