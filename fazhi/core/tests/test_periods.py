"""A period of days as a range of instants gives the same rows as Django's __date lookups,
at both ends of a day in Shanghai (UTC+8), where the UTC date differs from the local one."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session

from fazhi.core.periods import day_bounds, on_days

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_day_is_from_local_midnight_to_the_next():
    start, end = day_bounds(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert start == dt.datetime(2026, 3, 1, tzinfo=SHANGHAI)
    assert end == dt.datetime(2026, 4, 1, tzinfo=SHANGHAI)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 2, 28, 16, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_the_same_rows_as_the_date_lookups():
    instants = [dt.datetime(2026, 3, d, h, m, tzinfo=SHANGHAI)
                for d in (1, 2, 3) for h, m in ((0, 0), (7, 59), (8, 0), (23, 59))]
    for i, at in enumerate(instants):
        Session.objects.create(session_key=f"k{i:02d}", session_data="", expire_date=at)
    since, until = dt.date(2026, 3, 2), dt.date(2026, 3, 2)
    for lo, hi in ((since, until), (since, None), (None, until), (None, None)):
        expected = Session.objects.all()
        if lo:
            expected = expected.filter(expire_date__date__gte=lo)
        if hi:
            expected = expected.filter(expire_date__date__lte=hi)
        got = Session.objects.filter(on_days("expire_date", lo, hi))
        assert sorted(got.values_list("session_key", flat=True)) == sorted(
            expected.values_list("session_key", flat=True)), (lo, hi)
    assert Session.objects.filter(on_days("expire_date", since, until)).count() == 4
