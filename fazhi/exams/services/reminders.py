"""Reminding lagging units before an exam's window closes: an in-app notice (ExamReminder) to
each of the unit's exam staff, once per user, exam and day, and a message through the sender."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.crypto import decrypt
from fazhi.core.roles import Role
from fazhi.core.senders import get_sender

from ..models import Exam, ExamReminder
from ..rates import exam_rates

logger = logging.getLogger("fazhi.exams")
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
    sender = get_sender()
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
            try:
                with transaction.atomic():
                    ExamReminder.objects.create(user=user, exam=exam, day=today, text=text[:300])
            except IntegrityError:
                continue  # reminded today already
            created += 1
            mobile = decrypt(user.mobile_enc)
            if mobile:
                try:
                    sender.send(channel="sms", to=mobile, text=text)
                except Exception:  # a gateway failure must not lose the in-app notice
                    logger.exception("exam reminder message to user %s failed", user.pk)
    return created


@transaction.atomic
def reminders_mark_read(*, user, ids: list[int] | None = None) -> int:
    query = ExamReminder.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        query = query.filter(pk__in=ids)
    return query.update(read_at=timezone.now())
