import datetime as dt
import time

from django.utils import timezone

from fazhi.core.models import RateCounter
from fazhi.core.ratelimit import hit, ratelimit_prune


def test_requests_within_the_limit_pass_and_the_next_is_refused(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    assert [hit("ip:1", limit=3, window_seconds=60) for _ in range(4)] == [True, True, True, False]
    assert hit("ip:2", limit=3, window_seconds=60) is True  # another key counts apart
    assert RateCounter.objects.get(key="ip:1").count == 3


def test_a_new_window_starts_a_new_count(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    for _ in range(3):
        hit("ip:1", limit=2, window_seconds=60)
    time_machine.move_to("2026-11-26 10:01:01+08:00", tick=False)
    assert hit("ip:1", limit=2, window_seconds=60) is True


def test_a_burst_reserves_in_batches_that_shrink_near_the_limit(db, time_machine,
                                                                  django_assert_num_queries):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    with django_assert_num_queries(1):  # one reservation of 25 (MAX_BATCH) serves 25 requests
        assert all(hit("ip:1", limit=300, window_seconds=60) for _ in range(25))
    assert RateCounter.objects.get(key="ip:1").count == 25
    # 25 at a time while an eighth of what is left is larger, then smaller batches, one at a
    # time for the last 15: 40 writes for 300 requests.
    with django_assert_num_queries(39):
        assert all(hit("ip:1", limit=300, window_seconds=60) for _ in range(275))
    assert RateCounter.objects.get(key="ip:1").count == 300
    with django_assert_num_queries(0):  # at the limit: refused from memory, nothing written
        assert hit("ip:1", limit=300, window_seconds=60) is False


def test_what_another_process_reserved_is_never_admitted_twice(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    assert hit("ip:2", limit=12, window_seconds=60) is True  # reserves 1 (12 // 8)
    # Another app server reserved 10 more for ip:2 in the same window.
    RateCounter.objects.filter(key="ip:2").update(count=11)
    assert hit("ip:2", limit=12, window_seconds=60) is True  # reserves 1: 12
    assert hit("ip:2", limit=12, window_seconds=60) is False  # refused from memory
    assert RateCounter.objects.get(key="ip:2").count == 12


def test_a_reservation_past_the_limit_is_granted_only_up_to_it(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    RateCounter.objects.create(key="ip:3", window_start=int(time.time()) // 60 * 60, count=95,
                               expires_at=timezone.now() + dt.timedelta(minutes=1))
    # This process reserves 12 (an eighth of 100) and gets back 107: 5 of them are granted.
    assert [hit("ip:3", limit=100, window_seconds=60) for _ in range(7)] == [True] * 5 + [False] * 2


def test_expired_windows_are_pruned(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    hit("ip:1", limit=2, window_seconds=60)
    assert ratelimit_prune(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    assert not RateCounter.objects.exists()
