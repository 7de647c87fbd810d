from __future__ import annotations

import time_machine
from django.core.management import call_command

from fazhi.inbox.models import Notification as Reminder
from fazhi.outreach.selectors.progress import current_quarter, list_progress
from fazhi.outreach.services.reminders import reminders_send

from .conftest import at, make_activity


def _link(approved_list):
    first, second = approved_list.items.order_by("position")
    make_activity(starts_at=at(2026, 2, 3), ends_at=at(2026, 2, 3, 11), items=[first])
    make_activity(starts_at=at(2026, 5, 6), ends_at=at(2026, 5, 6, 11), items=[second])
    make_activity(starts_at=at(2026, 8, 6), ends_at=at(2026, 8, 6, 11), items=[second])
    make_activity(starts_at=at(2025, 5, 6), ends_at=at(2025, 5, 6, 11), items=[first])  # last year
    return first, second


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_progress_counts_linked_activities_of_the_year_that_have_started(approved_list):
    first, second = _link(approved_list)
    progress = list_progress(approved_list)
    rows = {p.item.pk: p for p in progress.items}
    assert rows[first.pk].done_by_quarter == [1, 0, 0, 0]
    assert rows[second.pk].done_by_quarter == [0, 1, 0, 0]
    assert progress.planned_by_quarter == [2, 0, 3, 0]
    assert progress.done_by_quarter == [1, 1, 0, 0]
    assert (progress.credited, progress.planned, progress.percent) == (2, 5, 40)
    assert [p.item.pk for p in progress.lagging] == [first.pk]


def test_the_current_quarter_is_zero_before_and_four_after_the_year():
    import datetime as dt

    assert current_quarter(2026, dt.date(2025, 12, 31)) == 0
    assert current_quarter(2026, dt.date(2026, 7, 1)) == 3
    assert current_quarter(2026, dt.date(2027, 1, 1)) == 4


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_the_monthly_reminder_notifies_the_unit_once_a_month(
        approved_list, unit_user, worker, monkeypatch, django_capture_on_commit_callbacks):
    first, _second = _link(approved_list)
    sent: list[dict] = []

    class Recorder:
        def send(self, **kwargs):
            sent.append(kwargs)

    monkeypatch.setattr("fazhi.inbox.services.get_sender", Recorder)
    with django_capture_on_commit_callbacks(execute=True):  # messages leave after commit
        call_command("outreach_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminders = list(Reminder.objects.all())
    assert [(r.user, r.topic, r.subject_id, r.key) for r in reminders] == [
        (unit_user, "list", approved_list.pk, f"list-item:{first.pk}:2026-05")]
    assert "1 of 2" in reminders[0].text
    assert sent == [{"channel": "sms", "to": "13900139000", "text": reminders[0].text}]
    assert reminders_send() == 0
    assert len(sent) == 1


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_a_draft_list_gets_no_reminder(draft_list, unit_user):
    from .conftest import add_item

    add_item(draft_list, planned=5, quarter=1)
    assert reminders_send() == 0


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_a_reminder_message_waits_for_its_commit(approved_list, unit_user, monkeypatch,
                                                 django_capture_on_commit_callbacks):
    _link(approved_list)
    sent: list[dict] = []

    class Recorder:
        def send(self, **kwargs):
            sent.append(kwargs)

    monkeypatch.setattr("fazhi.inbox.services.get_sender", Recorder)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert reminders_send() == 1
    assert sent == [] and len(callbacks) == 1


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_opening_the_list_reads_its_reminders_and_the_home_stops_counting_them(
        approved_list, unit_user, as_user):
    from django.urls import reverse

    from fazhi.outreach.selectors.work import work_for

    _link(approved_list)
    reminders_send()
    assert work_for(unit_user)["count"] == 1
    response = as_user(unit_user).get(reverse("outreach:list_detail", args=[approved_list.pk]))
    assert response.status_code == 200
    assert Reminder.objects.get().read_at is not None
    assert work_for(unit_user)["count"] == 0
