"""The staff home: each app's section, its count, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_the_home_lists_the_community_queue_with_its_count(as_user, worker, north):
    cases = [make_case(worker, north) for _ in range(7)]
    page = as_user(worker).get(reverse("workbench:home")).content.decode()
    assert reverse("cases:detail", args=[cases[-1].pk]) in page
    assert '<span class="badge warn">7</span>' in page  # seven open, five rows shown
    assert page.count(cases[0].title) == 5  # the newest five (none is due yet)


def test_the_home_shows_empty_states_without_work(as_user, street_staff):
    page = as_user(street_staff).get(reverse("workbench:home")).content.decode()
    assert 'class="empty"' in page


def test_the_home_counts_unread_notifications_once(as_user, worker, north):
    make_case(worker, north)
    client = as_user(worker)
    client.get(reverse("workbench:home"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("workbench:home")).status_code == 200
    unread = [q for q in ctx.captured_queries if "cases_notification" in q["sql"]]
    assert len(unread) == 1
    assert len(ctx) <= 12
