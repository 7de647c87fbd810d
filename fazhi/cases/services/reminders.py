"""The periodic reminder: in-app notifications (and the configured sender) for deadlines that
are due soon or overdue. Idempotent: each deadline is reminded once per stage."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import workdays
from fazhi.core.roles import Role
from fazhi.core.senders import get_sender

from ..models import OPEN_STATES, Deadline, Notification

STAGES = ("soon", "overdue")


def _recipients(deadline: Deadline) -> list[Any]:
    case = deadline.case
    if case.handler_id:
        return [case.handler]
    users = get_user_model().objects.filter(is_active=True)
    if case.community_id:
        found = list(users.filter(role=Role.COMMUNITY_WORKER, community_id=case.community_id))
        if found:
            return found
    return list(users.filter(role=Role.STREET_STAFF))


def case_reminders_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """One transaction per deadline (a failure loses that one only, and no lock is held for the
    whole run); each message leaves after its deadline's transaction commits."""
    now = now or timezone.now()
    sent = {"soon": 0, "overdue": 0}
    live = (Deadline.objects.select_related("rule", "case", "case__handler")
            .filter(status=Deadline.Status.RUNNING, rule__resident_window=False,
                    case__state__in=OPEN_STATES)
            .exclude(reminded="overdue"))
    sender = get_sender()
    for deadline in live:
        state = workdays.state(deadline.due_at, now, dt.timedelta(hours=deadline.rule.soon_hours))
        stage = {"due_soon": "soon", "overdue": "overdue"}.get(state)
        if stage is None or deadline.reminded == stage:
            continue
        due = timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M")
        text = (_("Case %(number)s is overdue: %(rule)s was due %(due)s.") if stage == "overdue"
                else _("Case %(number)s is due soon: %(rule)s is due %(due)s.")) % {
            "number": deadline.case.number, "rule": deadline.rule.name, "due": due}
        with transaction.atomic():
            for user in _recipients(deadline):
                _n, created = Notification.objects.get_or_create(
                    user=user, key=f"deadline:{deadline.pk}:{stage}",
                    defaults={"case": deadline.case, "text": text[:300]})
                if created:
                    transaction.on_commit(partial(sender.send, channel="in_app",
                                                  to=user.get_username(), text=text),
                                          robust=True)
            Deadline.objects.filter(pk=deadline.pk).update(reminded=stage)
        sent[stage] += 1
    return sent
