"""Reminding lagging units before an exam's window closes: a notification in the inbox to
each of the unit's exam staff, once per user, exam and day, and a message through the sender
after its commit (one transaction per reminder)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.roles import Role
from fazhi.inbox import services as inbox

from ..models import Exam
from ..rates import exam_rates

REMIND_DAYS = 3


class _Street:
    """Reads rates as the sub-district does (the job has no user)."""

    role = Role.STREET_ADMIN
    is_authenticated = True
    pk = None
    unit_id = None


def reminders_send(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    created = 0
    exams = Exam.objects.filter(status=Exam.Status.PUBLISHED, opens_at__lte=now,
                                closes_at__gt=now,
                                closes_at__lt=now + dt.timedelta(days=REMIND_DAYS))
    for exam in exams:
        by_unit, _communities, _total = exam_rates(actor=_Street(), exam=exam)
        lagging = {r.pk: r for r in by_unit if r.sat_rate < exam.target_percent}
        staff = get_user_model().objects.filter(unit_id__in=list(lagging), is_active=True,
                                                role=Role.COMMUNITY_WORKER)
        for user in staff:
            rate = lagging[user.unit_id]
            text = _("%(exam)s closes on %(day)s: %(unit)s has %(sat)d of %(enrolled)d "
                     "sat (%(rate)s%%), below the %(target)d%% target.") % {
                "exam": exam.title[:60], "day": timezone.localtime(exam.closes_at).date(),
                "unit": rate.name[:60], "sat": rate.sat, "enrolled": rate.enrolled,
                "rate": rate.sat_rate, "target": exam.target_percent}
            with transaction.atomic():
                created += inbox.notify(user=user, topic=inbox.Topic.EXAM, subject_id=exam.pk,
                                        key=f"exam:{exam.pk}:{today}", text=text,
                                        channel="sms")
    return created
