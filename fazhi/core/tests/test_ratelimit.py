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


def test_counting_is_one_statement(db, django_assert_num_queries):
    hit("ip:1", limit=2, window_seconds=60)
    with django_assert_num_queries(1):
        hit("ip:1", limit=2, window_seconds=60)


def test_expired_windows_are_pruned(db, time_machine):
    time_machine.move_to("2026-11-26 10:00:05+08:00", tick=False)
    hit("ip:1", limit=2, window_seconds=60)
    assert ratelimit_prune(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    assert not RateCounter.objects.exists()
