import datetime as dt

from fazhi.core.senders import LogSender
from fazhi.exams.services.reminders import reminders_send
from fazhi.exams.services.sitting import attempt_start, attempt_submit
from fazhi.inbox.models import Notification as ExamReminder


def test_a_lagging_units_staff_are_reminded_once_a_day_in_the_last_days(
        exam, unit_staff, clock, monkeypatch, django_capture_on_commit_callbacks):
    clock.move_to(exam.closes_at - dt.timedelta(days=2))
    sent: list[dict] = []
    monkeypatch.setattr(LogSender, "send", lambda self, **message: sent.append(message))
    with django_capture_on_commit_callbacks(execute=True):  # the message leaves after commit
        assert reminders_send() == 1
    reminder = ExamReminder.objects.get()
    assert reminder.user == unit_staff
    assert "江汉北路社区工作室" in reminder.text and "0" in reminder.text
    assert [m["to"] for m in sent] == ["13900139000"]  # the whole number, decrypted
    assert reminders_send() == 0  # once per user, exam and day


def test_no_reminder_before_the_last_days_or_for_a_unit_on_target(exam, cadre, cadre2,
                                                                   unit_staff, clock):
    assert reminders_send() == 0  # three days before the close is not yet
    clock.move_to(exam.closes_at - dt.timedelta(days=1))
    for user in (cadre, cadre2, unit_staff):
        attempt = attempt_start(actor=user, exam=exam)
        attempt_submit(actor=user, attempt_id=attempt.pk, expected_version=1)
    assert reminders_send() == 0
    assert not ExamReminder.objects.exists()
