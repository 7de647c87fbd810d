"""The inbox page, the navigation's badge, and marking read (one's own only)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.cases import services
from fazhi.cases.tests.factories import make_case
from fazhi.inbox.models import Notification

pytestmark = pytest.mark.django_db


def _assigned(actor, handler, community):
    case = make_case(actor, community)
    case = services.case_accept(actor=actor, case=case, expected_version=case.version)
    services.case_assign(actor=actor, case=case, expected_version=case.version, handler=handler)
    return case


def test_a_mediator_sees_the_assignment_and_the_nav_badge(as_user, worker, mediator, north):
    _assigned(worker, mediator, north)
    client = as_user(mediator)
    home = client.get(reverse("workbench:home")).content.decode()
    assert 'data-testid="nav-notifications"' in home and '<span class="badge bad"' in home
    page = client.get(reverse("inbox:list")).content.decode()
    assert Notification.objects.get(user=mediator).text in page
    assert ">1</span></a>" in home


def test_the_old_address_leads_to_the_inbox(as_user, mediator):
    response = as_user(mediator).get("/cases/notifications/?show=unread")
    assert response.status_code == 302 and response.url == reverse("inbox:list") + "?show=unread"


def test_opening_a_notification_marks_it_read_and_goes_to_the_case(as_user, worker, mediator,
                                                                   north):
    case = _assigned(worker, mediator, north)
    note = Notification.objects.get(user=mediator)
    response = as_user(mediator).post(reverse("inbox:read", args=[note.pk]), {"open": "1"})
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[case.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    page = as_user(mediator).get(reverse("inbox:list")).content.decode()
    assert '<span class="badge bad"' not in page


def test_opening_a_reminder_goes_to_the_record_it_is_about(as_user, mediator):
    for topic, subject, url in (("list", 7, "/outreach/lists/7/"), ("exam", 8, "/exams/8/")):
        note = Notification.objects.create(user=mediator, topic=topic, subject_id=subject,
                                           key=f"{topic}:{subject}", text="提醒")
        response = as_user(mediator).post(reverse("inbox:read", args=[note.pk]), {"open": "1"})
        assert response.status_code == 302 and response.url == url


def test_mark_all_read_touches_only_ones_own(as_user, worker, mediator, lawyer, north):
    _assigned(worker, mediator, north)
    _assigned(worker, lawyer, north)
    response = as_user(mediator).post(reverse("inbox:read_all"))
    assert response.status_code == 302
    assert Notification.objects.get(user=mediator).read_at is not None
    assert Notification.objects.get(user=lawyer).read_at is None


def test_someone_elses_notification_is_a_404_and_stays_unread(as_user, worker, mediator,
                                                              outsider, street_staff, north):
    _assigned(worker, mediator, north)
    note = Notification.objects.get(user=mediator)
    for user in (outsider, street_staff):
        response = as_user(user).post(reverse("inbox:read", args=[note.pk]))
        assert response.status_code == 404
        assert note.text not in as_user(user).get(reverse("inbox:list")).content.decode()
    note.refresh_from_db()
    assert note.read_at is None


def test_administration_roles_have_no_inbox_and_visitors_log_in(as_user, auditor, client):
    assert as_user(auditor).get(reverse("inbox:list")).status_code == 403
    response = client.get(reverse("inbox:list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_unread_filter_and_the_query_count_at_two_page_sizes(as_user, worker, mediator,
                                                                 north):
    for _ in range(12):
        _assigned(worker, mediator, north)
    first = Notification.objects.filter(user=mediator).order_by("id").first()
    client = as_user(mediator)
    client.post(reverse("inbox:read", args=[first.pk]))
    unread = client.get(reverse("inbox:list"), {"show": "unread"}).content.decode()
    second = Notification.objects.filter(user=mediator).order_by("id")[1]
    assert first.text not in unread and second.text in unread
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("inbox:list"), {"per_page": per_page}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    # The page counts the unread once; the navigation's badge reuses that figure.
    assert sum("inbox_notification" in q["sql"] and "COUNT" in q["sql"].upper()
               for q in ctx.captured_queries) == 2  # the pager's total and the unread
