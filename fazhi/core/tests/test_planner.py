"""likely(): the same rows as the bare condition; on SQLite the condition is wrapped in
likelihood() (a literal probability), elsewhere it is written as it is."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from fazhi.core.planner import likely


@pytest.mark.django_db
def test_the_same_rows_as_the_bare_condition():
    now = timezone.now()
    for i in range(6):
        Session.objects.create(session_key=f"k{i}", session_data="x" * i,
                               expire_date=now + dt.timedelta(days=i))
    condition = Q(expire_date__gte=now + dt.timedelta(days=2)) | Q(session_key="k0")
    hinted = Session.objects.filter(likely(condition, 0.9), session_data__startswith="xx")
    bare = Session.objects.filter(condition, session_data__startswith="xx")
    assert sorted(hinted.values_list("pk", flat=True)) == sorted(bare.values_list("pk", flat=True))
    assert hinted.count() == 4
    sql = str(hinted.query)
    if connection.vendor == "sqlite":
        assert "likelihood(" in sql and ", 0.9000)" in sql
    else:
        assert "likelihood" not in sql


@pytest.mark.parametrize("probability", [0, 1, 1.5, -0.1])
def test_a_probability_outside_zero_to_one_is_refused(probability):
    with pytest.raises(ValueError):
        likely(Q(pk=1), probability)
