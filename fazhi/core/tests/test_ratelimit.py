import datetime as dt

from django.utils import timezone

from fazhi.core.models import RateCounter
from fazhi.core.ratelimit import hit, ratelimit_prune


def test_requests_within_the_limit_pass_and_the_next_is_refused(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    assert [hit("ip:1", limit=3, window_seconds=60) for _ in range(4)] == [True, True, True, False]
    assert hit("ip:2", limit=3, window_seconds=60) is True  # another key counts apart
    assert RateCounter.objects.get(key="ip:1").count == 4


def test_a_new_window_starts_a_new_count(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    for _ in range(3):
        hit("ip:1", limit=2, window_seconds=60)
    time_machine.move_to("2026-11-26 10:01:01+08:00", tick=False)
    assert hit("ip:1", limit=2, window_seconds=60) is True


def test_a_burst_writes_once_a_second_per_key_and_the_count_stays_exact(
        db, time_machine, django_assert_num_queries, monkeypatch):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    clock = [100.0]
    monkeypatch.setattr("fazhi.core.ratelimit.time.monotonic", lambda: clock[0])
    with django_assert_num_queries(1):  # the first request of a key is written at once
        assert all(hit("ip:1", limit=50, window_seconds=60) for _ in range(20))
    assert RateCounter.objects.get(key="ip:1").count == 1
    clock[0] += 1.0
    with django_assert_num_queries(1):  # a second later the 19 waiting ones and this one
        assert hit("ip:1", limit=50, window_seconds=60)
    assert RateCounter.objects.get(key="ip:1").count == 21


def test_near_the_limit_every_request_is_decided_on_the_shared_count(db, time_machine,
                                                                       monkeypatch):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    clock = [100.0]
    monkeypatch.setattr("fazhi.core.ratelimit.time.monotonic", lambda: clock[0])
    assert [hit("ip:1", limit=5, window_seconds=60) for _ in range(6)] == [True] * 5 + [False]
    assert RateCounter.objects.get(key="ip:1").count == 6
    # Another app server counted 9 more for ip:2 in the same window: this process sees them
    # when it next writes (within a second), and from then on decides on the shared count.
    assert hit("ip:2", limit=12, window_seconds=60) is True
    RateCounter.objects.filter(key="ip:2").update(count=10)
    assert hit("ip:2", limit=12, window_seconds=60) is True  # not yet written
    clock[0] += 1.0
    assert hit("ip:2", limit=12, window_seconds=60) is True  # written: 12
    assert hit("ip:2", limit=12, window_seconds=60) is False  # 13
    assert RateCounter.objects.get(key="ip:2").count == 13


def test_expired_windows_are_pruned(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    hit("ip:1", limit=2, window_seconds=60)
    assert ratelimit_prune(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    assert not RateCounter.objects.exists()
