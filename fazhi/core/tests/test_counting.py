import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from fazhi.core.counting import RawRows, capped, count_at_once
from fazhi.core.models import RateCounter

pytestmark = pytest.mark.django_db


def _counters(n):
    for i in range(n):
        RateCounter.objects.create(key=f"ip:{i}", window_start=0, count=i,
                                   expires_at=timezone.now())


def test_counts_of_several_models_come_back_by_name_in_one_query(django_assert_num_queries):
    _counters(5)
    counters = RateCounter.objects.all()
    types = ContentType.objects.count()
    with django_assert_num_queries(1):
        counts = count_at_once({"all": counters, "some": counters.filter(count__gte=3),
                                "none": counters.filter(key="nobody"),
                                "types": ContentType.objects.all()})
    assert counts == {"all": 5, "some": 2, "none": 0, "types": types}


def test_a_capped_part_counts_to_one_past_the_cap():
    _counters(5)
    counters = RateCounter.objects.order_by("key")
    assert count_at_once({"few": capped(counters, 2), "many": capped(counters, 10)}) == {
        "few": 3, "many": 5}


def test_a_raw_part_is_counted_with_its_parameters():
    _counters(3)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    part = RawRows(sql=f"SELECT id FROM {table} WHERE key <> %s", params=("ip:0",))
    assert count_at_once({"raw": part, "orm": RateCounter.objects.all()}) == {
        "raw": 2, "orm": 3}


def test_nothing_to_count_sends_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert count_at_once({}) == {}


def test_parts_on_two_databases_are_refused():
    with pytest.raises(ValueError, match="one database"):
        count_at_once({"a": RawRows("SELECT 1", using="other"),
                       "b": RateCounter.objects.all()})


def test_a_part_that_can_match_nothing_counts_zero_beside_the_others():
    _counters(3)
    counts = count_at_once({"none": RateCounter.objects.none(),
                            "empty_in": RateCounter.objects.filter(pk__in=[]),
                            "all": RateCounter.objects.all()})
    assert counts == {"none": 0, "empty_in": 0, "all": 3}
