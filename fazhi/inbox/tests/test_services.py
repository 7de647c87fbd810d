"""notify (once per key, the message after commit), reading and marking read: one's own only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.core.crypto import encrypt
from fazhi.inbox import selectors, services
from fazhi.inbox.models import Notification

pytestmark = pytest.mark.django_db


class Recorder:
    sent: list[dict] = []

    def send(self, **kwargs):
        Recorder.sent.append(kwargs)


@pytest.fixture
def recorder(monkeypatch):
    monkeypatch.setattr("fazhi.inbox.services.get_sender", Recorder)
    Recorder.sent = []
    return Recorder.sent


def _notify(user, key="k", **extra):
    return services.notify(user=user, topic=Notification.Topic.CASE, subject_id=1, key=key,
                           text="案件提醒", **extra)


def test_a_key_is_notified_once_and_its_message_leaves_after_commit(
        mediator, recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _notify(mediator, channel="in_app") is True
    assert recorder == [] and len(callbacks) == 1
    callbacks[0]()
    assert recorder == [{"channel": "in_app", "to": mediator.username, "text": "案件提醒"}]
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(mediator, channel="in_app") is False
    assert len(recorder) == 1 and Notification.objects.count() == 1


def test_an_sms_goes_to_the_users_mobile_and_none_without_one(
        worker, mediator, recorder, django_capture_on_commit_callbacks):
    worker.mobile_enc = encrypt("13900139000")
    worker.save()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(worker, channel="sms")
        _notify(mediator, channel="sms")
    assert recorder == [{"channel": "sms", "to": "13900139000", "text": "案件提醒"}]
    assert Notification.objects.filter(user=mediator).exists()


def test_a_failing_gateway_keeps_the_notification(mediator, monkeypatch,
                                                  django_capture_on_commit_callbacks):
    class Broken:
        def send(self, **kwargs):
            raise OSError("gateway down")

    monkeypatch.setattr("fazhi.inbox.services.get_sender", Broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(mediator, channel="in_app") is True
    assert Notification.objects.filter(user=mediator).count() == 1


def test_a_long_text_is_cut_to_the_column(mediator):
    services.notify(user=mediator, topic="case", subject_id=1, key="long", text="长" * 400)
    assert len(Notification.objects.get().text) == 300


def test_a_user_never_sees_or_marks_another_users_notifications(mediator, lawyer, outsider):
    _notify(mediator, key="a")
    _notify(lawyer, key="a")
    mine = Notification.objects.get(user=mediator)
    assert list(selectors.notifications_for(actor=mediator)) == [mine]
    assert list(selectors.notifications_for(actor=outsider)) == []
    assert selectors.unread_count_for(outsider) == 0
    with pytest.raises(Http404):
        services.notification_mark_read(actor=outsider, pk=mine.pk)
    assert services.notifications_mark_all_read(actor=outsider) == 0
    assert services.notifications_mark_read_about(actor=outsider, topic="case",
                                                  subject_id=1) == 0
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
    assert services.notifications_mark_all_read(actor=mediator) == 1
    assert Notification.objects.get(user=lawyer).read_at is None


def test_the_unread_filter_and_count(mediator):
    for key in ("a", "b", "c"):
        _notify(mediator, key=key)
    first = Notification.objects.get(key="a")
    services.notification_mark_read(actor=mediator, pk=first.pk)
    assert selectors.unread_count_for(mediator) == 2
    assert first not in selectors.notifications_for(actor=mediator, unread_only=True)


def test_opening_a_record_reads_only_its_notifications(mediator):
    services.notify(user=mediator, topic="list", subject_id=5, key="l5", text="清单")
    services.notify(user=mediator, topic="list", subject_id=6, key="l6", text="清单")
    services.notify(user=mediator, topic="case", subject_id=5, key="c5", text="案件")
    assert services.notifications_mark_read_about(actor=mediator, topic="list",
                                                  subject_id=5) == 1
    assert list(selectors.unread_for(mediator).values_list("key", flat=True)
                .order_by("key")) == ["c5", "l6"]


def test_administration_roles_are_refused(auditor):
    with pytest.raises(PermissionDenied):
        selectors.notifications_for(actor=auditor)
    with pytest.raises(PermissionDenied):
        services.notifications_mark_all_read(actor=auditor)
