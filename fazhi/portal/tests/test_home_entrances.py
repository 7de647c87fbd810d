"""The home's entrances for residents: appeal, tracking and activity sign-in, each one tap;
today's activities marked and first (issue 10, items 5 and 8); votes, study and exams, and
knowledge contests (issue 11, "the site")."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fazhi.outreach.models import Activity

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def _activity(title: str, start: dt.datetime, hours: int = 2, **extra) -> Activity:
    return Activity.objects.create(kind=Activity.Kind.LECTURE_HALL, title=title,
                                   starts_at=start, ends_at=start + dt.timedelta(hours=hours),
                                   venue="社区活动室", code=f"code{Activity.objects.count()}",
                                   **extra)


def _entrances(body: str) -> str:
    return re.search(r'<section class="entrances".*?</section>', body, re.S).group(0)


def test_the_home_has_one_tap_entrances_to_appeal_tracking_and_sign_in(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 23, 41, tzinfo=BEIJING), tick=False)
    today = _activity("咨询日（全天）", dt.datetime(2026, 3, 10, 8, 30, tzinfo=BEIJING), hours=12,
                      opens_before=510, closes_after=240)
    entrances = _entrances(client.get("/").content.decode())
    assert f'href="{reverse("appeal:new")}"' in entrances
    assert f'href="{reverse("appeal:track")}"' in entrances
    assert f'href="{reverse("outreach:checkin", args=[today.code])}"' in entrances


def test_the_home_leads_to_votes_study_and_exams_and_contests(client):
    entrances = _entrances(client.get("/").content.decode())
    for name, label in (("voting:index", "网上投票"), ("exams:index", "学法考试"),
                        ("contests:index", "知识竞赛")):
        assert re.search(rf'href="{reverse(name)}"[^>]*>{label}</a>', entrances), name


def test_with_no_single_open_sign_in_the_entrance_leads_to_the_activity_list(client,
                                                                               time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, 0, tzinfo=BEIJING), tick=False)
    _activity("明天的讲座", dt.datetime(2026, 3, 11, 9, 0, tzinfo=BEIJING))
    assert 'href="#activities"' in _entrances(client.get("/").content.decode())


def test_todays_activities_are_marked_and_listed_first_even_once_ended(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 20, 0, tzinfo=BEIJING), tick=False)
    _activity("下周的讲座", dt.datetime(2026, 3, 17, 9, 0, tzinfo=BEIJING))
    _activity("上午的讲座", dt.datetime(2026, 3, 10, 9, 0, tzinfo=BEIJING))
    _activity("昨天的讲座", dt.datetime(2026, 3, 9, 9, 0, tzinfo=BEIJING))
    body = client.get("/").content.decode()
    listed = re.findall(r"<li( class=\"today\")?>.*?<span>([^<]+)</span>", body.split(
        'id="activities"')[1])
    assert listed == [(' class="today"', "上午的讲座"), ("", "下周的讲座")]
    assert '<strong class="badge">今天</strong>' in body
