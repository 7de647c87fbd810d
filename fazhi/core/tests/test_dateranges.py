import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.core import dateranges
from fazhi.core.queryparams import per_page, query_id, query_int, query_year

NOW = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_the_plausible_range_runs_from_2000_to_the_end_of_ten_years_ahead():
    assert dateranges.latest() == dt.date(2036, 12, 31)
    assert dateranges.is_plausible(dt.date(2000, 1, 1))
    assert dateranges.is_plausible(dt.date(2036, 12, 31))
    assert not dateranges.is_plausible(dt.date(1999, 12, 31))
    assert not dateranges.is_plausible(dt.date(2037, 1, 1))
    assert not dateranges.is_plausible(dt.datetime.max.replace(tzinfo=dt.UTC))
    with pytest.raises(ValidationError):
        dateranges.validate_plausible(dt.date(1900, 1, 1))
    with pytest.raises(ValueError, match="2000-01-01"):
        dateranges.check(dt.date(9999, 12, 31))


def test_stored_extremes_are_read_where_local_time_and_the_next_day_exist():
    last = dateranges.displayable(dt.datetime.max.replace(tzinfo=dt.UTC))
    assert last.astimezone(dt.timezone(dt.timedelta(hours=14))) + dt.timedelta(days=1)
    assert dateranges.displayable(dt.date.max) + dt.timedelta(days=1)
    assert dateranges.displayable(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert dateranges.displayable("text") == "text"


@time_machine.travel(NOW, tick=False)
def test_query_numbers_fall_back_to_the_default_outside_their_range():
    params = {"a": "abc", "b": "9" * 30, "c": "-1", "d": "42", "e": "²", "f": "٣"}
    assert [query_int(params, k, 7, lo=1, hi=100) for k in "abcdefg"] == [7, 7, 7, 42, 7, 3, 7]
    assert query_id({"community": "99999999999999999999"}, "community") is None
    assert per_page({"per_page": "5000"}, 25) == 100
    assert per_page({"per_page": "abc"}, 25) == 25
    assert query_year({"year": "9999"}, "year", 2026) == 2026
    assert query_year({"year": "2036"}, "year", 2026) == 2036
