import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from fazhi.cases import services
from fazhi.inbox.models import Notification

from .factories import make_case

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in Beijing


def test_reminders_notify_the_handler_once_per_stage(worker, mediator, north):
    with time_machine.travel(START, tick=False):
        case = make_case(worker, north)
        case = services.case_accept(actor=worker, case=case, expected_version=1)
        services.case_assign(actor=worker, case=case, expected_version=case.version,
                             handler=mediator)
    Notification.objects.all().delete()
    with time_machine.travel(START + dt.timedelta(days=29), tick=False):
        call_command("case_reminders")
        call_command("case_reminders")
    assert list(Notification.objects.values_list("key", flat=True)) == [
        f"deadline:{case.deadlines.get(rule__code='mediation-conclude').pk}:soon"]
    with time_machine.travel(START + dt.timedelta(days=40), tick=False):
        call_command("case_reminders")
        call_command("case_reminders")
    assert Notification.objects.filter(user=mediator).count() == 2
