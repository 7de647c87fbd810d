"""A reminder run is one transaction per deadline, and its messages leave after commit."""

import datetime as dt

import pytest
import time_machine

from fazhi.cases import services
from fazhi.cases.models import Deadline
from fazhi.cases.services.reminders import case_reminders_run
from fazhi.inbox.models import Notification

from .factories import make_case

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in Beijing


class Recorder:
    sent: list[dict] = []

    def send(self, **kwargs):
        Recorder.sent.append(kwargs)


@pytest.fixture
def two_cases(worker, mediator, north, monkeypatch):
    monkeypatch.setattr("fazhi.inbox.services.get_sender", Recorder)
    Recorder.sent = []
    cases = []
    with time_machine.travel(START, tick=False):
        for _n in range(2):
            case = make_case(worker, north)
            case = services.case_accept(actor=worker, case=case, expected_version=1)
            cases.append(services.case_assign(actor=worker, case=case,
                                              expected_version=case.version, handler=mediator))
    Notification.objects.all().delete()
    return cases


def test_a_reminder_message_leaves_only_after_its_commit(two_cases,
                                                         django_capture_on_commit_callbacks):
    with time_machine.travel(START + dt.timedelta(days=29), tick=False), \
            django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert case_reminders_run() == {"soon": 2, "overdue": 0}
    assert Recorder.sent == [] and len(callbacks) == 2


def test_a_failure_on_one_deadline_keeps_the_reminders_already_made(two_cases, monkeypatch):
    real = Notification.objects.get_or_create
    calls = []

    def second_fails(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(Notification.objects, "get_or_create", second_fails)
    with time_machine.travel(START + dt.timedelta(days=29), tick=False), \
            pytest.raises(RuntimeError):
        case_reminders_run()
    assert Notification.objects.count() == 1
    assert sorted(Deadline.objects.filter(reminded="soon").values_list("case_id", flat=True)) \
        == [Notification.objects.get().subject_id]
