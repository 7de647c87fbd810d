"""The inbox over the API: one's own notifications only, unread count, marking read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.inbox import services
from fazhi.inbox.models import Notification

pytestmark = pytest.mark.django_db
API = "/api/v1/inbox"


def _note(user, key, subject=1):
    services.notify(user=user, topic="case", subject_id=subject, key=key, text=f"提醒{key}")
    return Notification.objects.get(user=user, key=key)


def test_the_list_and_the_unread_count_are_ones_own(as_user, mediator, lawyer):
    mine = _note(mediator, "a")
    _note(lawyer, "b")
    client = as_user(mediator)
    body = client.get(API + "/notifications").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == mine.pk and body["items"][0]["topic"] == "case"
    assert client.get(API + "/unread").json() == {"unread": 1}
    assert client.get(API + "/notifications", {"unread_only": True}).json()["count"] == 1


def test_marking_read_one_and_all(as_user, mediator):
    first, _second = _note(mediator, "a"), _note(mediator, "b")
    client = as_user(mediator)
    response = client.post(f"{API}/notifications/{first.pk}/read")
    assert response.status_code == 200 and response.json()["read_at"] is not None
    assert client.get(API + "/unread").json() == {"unread": 1}
    assert client.post(API + "/notifications/read").json() == {"marked": 1}
    assert client.get(API + "/notifications", {"unread_only": True}).json()["count"] == 0


def test_an_outsider_can_neither_read_nor_mark_anothers(as_user, client, mediator, outsider,
                                                        auditor):
    note = _note(mediator, "a")
    other = as_user(outsider)
    assert other.post(f"{API}/notifications/{note.pk}/read").status_code == 404
    assert other.get(API + "/notifications").json()["count"] == 0
    assert other.post(API + "/notifications/read").json() == {"marked": 0}
    assert as_user(auditor).get(API + "/notifications").status_code == 403
    assert client.get(API + "/unread").status_code == 401
    note.refresh_from_db()
    assert note.read_at is None


def test_the_list_query_count_does_not_grow_with_the_page(as_user, mediator):
    for n in range(30):
        _note(mediator, f"k{n}")
    client = as_user(mediator)
    client.get(API + "/notifications")
    counts = []
    for limit in (5, 30):
        with CaptureQueriesContext(connection) as ctx:
            assert len(client.get(API + "/notifications", {"limit": limit}).json()["items"]) \
                == limit
        counts.append(len(ctx))
    assert counts[0] == counts[1]
