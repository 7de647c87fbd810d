"""The activity selectors (selectors/activities.py) read directly: a community's public feed,
photos by scope, attendance counts and the month calendar, with expected values written out
by hand from the fixture."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.outreach.models import Activity, ActivityPhoto, KeyDate, SignIn, WalkIn
from fazhi.outreach.selectors import activities as sel

from .conftest import at, make_activity

K = Activity.Kind
NOW = at(2026, 6, 1, 12)


def _titles(rows) -> list[str]:
    return [a.title for a in rows]


def test_a_communitys_feed_carries_its_own_and_street_wide_activities_from_90_days_ago(
        north, south):
    make_activity(title="91天前", starts_at=NOW - dt.timedelta(days=90, seconds=1),
                  ends_at=NOW - dt.timedelta(days=89))
    make_activity(title="恰好90天前", starts_at=NOW - dt.timedelta(days=90),
                  ends_at=NOW - dt.timedelta(days=89))
    make_activity(title="北社区", community=north, starts_at=at(2026, 7, 1), ends_at=at(2026, 7, 1, 11))
    make_activity(title="南社区", community=south, starts_at=at(2026, 5, 1), ends_at=at(2026, 5, 1, 11))
    make_activity(title="矫正", kind=K.CORRECTION, community=north, starts_at=at(2026, 5, 2),
                  ends_at=at(2026, 5, 2, 11))
    make_activity(title="街道", starts_at=at(2026, 5, 3), ends_at=at(2026, 5, 3, 11))
    make_activity(title="同刻乙", starts_at=at(2026, 5, 4), ends_at=at(2026, 5, 4, 11))
    make_activity(title="同刻甲", starts_at=at(2026, 5, 4), ends_at=at(2026, 5, 4, 11))

    assert _titles(sel.feed_activities(community=north, now=NOW)) == [
        "恰好90天前", "街道", "同刻乙", "同刻甲", "北社区"]
    assert _titles(sel.feed_activities(community=south, now=NOW)) == [
        "恰好90天前", "南社区", "街道", "同刻乙", "同刻甲"]


def test_the_feed_counts_its_90_days_from_now_when_no_moment_is_given(north):
    import time_machine

    make_activity(title="旧", starts_at=at(2026, 1, 1), ends_at=at(2026, 1, 1, 11))
    make_activity(title="新", starts_at=at(2026, 4, 1), ends_at=at(2026, 4, 1, 11))
    with time_machine.travel(NOW, tick=False):
        assert _titles(sel.feed_activities(community=north)) == ["新"]


def test_a_photo_opens_only_for_those_who_may_read_its_activity(north, south, worker, outsider,
                                                                 street_staff, street_admin):
    mine = make_activity(community=north, title="北")
    secret = make_activity(kind=K.CORRECTION, title="矫正")
    photo = ActivityPhoto.objects.create(activity=mine, image="outreach/photos/2026/a.jpg")
    hidden = ActivityPhoto.objects.create(activity=secret, image="outreach/photos/2026/b.jpg")

    assert sel.photo_get_for(actor=worker, pk=photo.pk) == photo
    assert sel.photo_get_for(actor=street_admin, pk=hidden.pk) == hidden
    for actor, pk in ((outsider, photo.pk), (street_staff, hidden.pk), (worker, hidden.pk)):
        with pytest.raises(Http404):
            sel.photo_get_for(actor=actor, pk=pk)


def _signin(activity: Activity, n: int) -> SignIn:
    return SignIn.objects.create(activity=activity, name_enc="x", name_masked="张*",
                                 mobile_enc="x", mobile_hash=f"h{activity.pk}-{n}",
                                 mobile_masked="139****0000")


def test_attendance_counts_sign_ins_and_walk_ins_of_each_activity_alone(north, street_staff):
    busy = make_activity(title="满", community=north)
    quiet = make_activity(title="空", community=north)
    walk_only = make_activity(title="散", community=north)
    for n in range(3):
        _signin(busy, n)
    WalkIn.objects.create(activity=busy, count=7)
    WalkIn.objects.create(activity=busy, count=5)
    WalkIn.objects.create(activity=walk_only, count=4)

    rows = {a.title: (a.signin_count, a.walkin_count)
            for a in sel.activity_list_for(actor=street_staff)}
    assert rows == {"满": (3, 12), "空": (0, 0), "散": (0, 4)}
    got = sel.activity_get_for(actor=street_staff, pk=busy.pk)
    assert (got.signin_count, got.walkin_count) == (3, 12)
    assert sel.attendance_of(busy) == {"signins": 3, "walkins": 12, "total": 15}
    assert sel.attendance_of(quiet) == {"signins": 0, "walkins": 0, "total": 0}
    assert sel.attendance_of(walk_only) == {"signins": 0, "walkins": 4, "total": 4}


def test_sign_ins_are_listed_in_the_order_they_came(north, worker):
    activity = make_activity(community=north)
    made = [_signin(activity, n) for n in range(3)]
    _signin(make_activity(community=north, title="另一场"), 9)
    assert list(sel.signins_of(actor=worker, activity=activity)) == made


def test_an_activity_opens_only_inside_the_scope(north, south, worker):
    theirs = make_activity(community=south)
    with pytest.raises(Http404):
        sel.activity_get_for(actor=worker, pk=theirs.pk)


def test_the_month_calendar_puts_each_activity_on_its_local_day_with_the_key_dates(
        north, south, street_staff):
    KeyDate.objects.all().delete()
    KeyDate.objects.create(month=3, day=15, name="消费者权益日")
    KeyDate.objects.create(month=3, day=8, name="停用日", active=False)
    KeyDate.objects.create(month=2, day=28, name="二月末")
    KeyDate.objects.create(month=4, day=1, name="四月初")
    KeyDate.objects.create(month=3, day=1, name="三月一日")  # never on April 1st
    make_activity(title="深夜", community=north, starts_at=at(2026, 3, 31, 23, 30),
                         ends_at=at(2026, 3, 31, 23, 50))
    make_activity(title="凌晨", community=south, starts_at=at(2026, 3, 1, 0, 10),
                          ends_at=at(2026, 3, 1, 1))
    make_activity(title="下午", community=north, starts_at=at(2026, 3, 15, 14),
                           ends_at=at(2026, 3, 15, 16))
    make_activity(title="上午", community=north, starts_at=at(2026, 3, 15, 9),
                          ends_at=at(2026, 3, 15, 11))
    make_activity(title="四月", starts_at=at(2026, 4, 1, 9), ends_at=at(2026, 4, 1, 11))
    make_activity(title="二月", starts_at=at(2026, 2, 28, 9), ends_at=at(2026, 2, 28, 11))

    weeks = sel.month_calendar(actor=street_staff, year=2026, month=3)

    # March 2026 starts on a Sunday and ends on a Tuesday: six weeks, Monday first.
    assert [w[0]["date"] for w in weeks] == [dt.date(2026, 2, 23) + dt.timedelta(weeks=i)
                                             for i in range(6)]
    days = {d["date"]: d for w in weeks for d in w}
    assert len(days) == 42
    assert [d for d, v in days.items() if v["in_month"]] == [
        dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(31)]
    shown = {d: [a.title for a in v["activities"]] for d, v in days.items() if v["activities"]}
    assert shown == {dt.date(2026, 3, 1): ["凌晨"], dt.date(2026, 3, 15): ["上午", "下午"],
                     dt.date(2026, 3, 31): ["深夜"]}
    keys = {d: [k.name for k in v["key_dates"]] for d, v in days.items() if v["key_dates"]}
    assert keys == {dt.date(2026, 3, 1): ["三月一日"], dt.date(2026, 3, 15): ["消费者权益日"]}

    north_only = sel.month_calendar(actor=street_staff, year=2026, month=3, community_id=north.pk)
    shown = {d["date"]: [a.title for a in d["activities"]] for w in north_only for d in w
             if d["activities"]}
    assert shown == {dt.date(2026, 3, 15): ["上午", "下午"], dt.date(2026, 3, 31): ["深夜"]}


def test_the_calendar_of_a_month_shows_only_what_the_reader_may_see(north, south, worker):
    make_activity(title="北", community=north, starts_at=at(2026, 3, 2), ends_at=at(2026, 3, 2, 11))
    make_activity(title="南", community=south, starts_at=at(2026, 3, 3), ends_at=at(2026, 3, 3, 11))
    make_activity(title="矫", kind=K.CORRECTION, community=north, starts_at=at(2026, 3, 4),
                  ends_at=at(2026, 3, 4, 11))
    weeks = sel.month_calendar(actor=worker, year=2026, month=3)
    assert [a.title for w in weeks for d in w for a in d["activities"]] == ["北"]


def test_a_reader_is_required_for_sign_ins(north):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    activity = make_activity(community=north)
    with pytest.raises(PermissionDenied):
        sel.signins_of(actor=AnonymousUser(), activity=activity)
    with pytest.raises(PermissionDenied):
        sel.signins_of(actor=make_user("aud", Role.AUDITOR), activity=activity)
