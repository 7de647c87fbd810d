"""The periodic reminder: in-app notifications (and the configured sender) for deadlines that
are due soon or overdue. Idempotent: each deadline is reminded once per stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import workdays
from fazhi.core.roles import Role
from fazhi.inbox import services as inbox

from ..models import OPEN_STATES, Deadline

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
                inbox.notify(user=user, topic=inbox.Topic.CASE, subject_id=deadline.case_id,
                             key=f"deadline:{deadline.pk}:{stage}", text=text, channel="in_app")
            Deadline.objects.filter(pk=deadline.pk).update(reminded=stage)
        sent[stage] += 1
    return sent
