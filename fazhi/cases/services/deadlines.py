"""Deadline instances of a case, computed by the one engine in fazhi.core.workdays.

Called by the transition services inside their transactions; never on their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core import workdays
from fazhi.core.conflicts import Conflict

from ..models import Case, Deadline, DeadlineRule

LIVE = (Deadline.Status.RUNNING, Deadline.Status.PAUSED)


def rules_for(case: Case, clock: str) -> list[DeadlineRule]:
    """The rules of ``clock`` for the case: a category-specific rule wins over the kind's."""
    rules = list(DeadlineRule.objects.filter(
        Q(category=case.category_id) | Q(category__isnull=True),
        kind=case.kind, clock=clock, active=True,
    ).order_by("code"))
    specific = [r for r in rules if r.category_id is not None]
    if specific:
        groups = {r.concludes_case for r in specific}
        rules = specific + [r for r in rules if r.category_id is None
                            and r.concludes_case not in groups]
    return rules


def handling_rules(case: Case) -> list[DeadlineRule]:
    """The rules whose deadline is met by concluding the case (category-specific win)."""
    return DeadlineRule.handling_for(case.kind, case.category_id)


def deadlines_restart(*, case: Case, at: dt.datetime) -> None:
    """A reopened case: its handling deadline runs again, in full, from ``at`` (the rule's
    amount, no pauses or extensions carried over); the resident's windows that the conclusion
    opened lapse."""
    case.deadlines.filter(status__in=LIVE, rule__resident_window=True).update(
        status=Deadline.Status.LAPSED, finished_at=at)
    for rule in handling_rules(case):
        _run(case, rule, at)


def _run(case: Case, rule: DeadlineRule, at: dt.datetime) -> Deadline:
    """The case's one deadline of ``rule`` (a case has at most one per rule), running in full
    from ``at``: a new row, or the old one reset (no pauses, extensions or reminders carried
    over). The earlier run is not kept; the timeline and the audit record the transitions."""
    deadline = (Deadline.objects.filter(case=case, rule=rule).first()
                or Deadline(case=case, rule=rule))
    deadline.started_at, deadline.pauses = at, []
    deadline.extensions = deadline.extended_amount = 0
    deadline.status, deadline.finished_at, deadline.reminded = (
        Deadline.Status.RUNNING, None, "")
    deadline.due_at = _compute(deadline)
    deadline.save()
    return deadline


def _pauses(deadline: Deadline, until: dt.datetime | None = None) -> list[tuple[dt.datetime,
                                                                                 dt.datetime]]:
    out = []
    for start, end in deadline.pauses:
        s = dt.datetime.fromisoformat(start)
        e = dt.datetime.fromisoformat(end) if end else until
        if e is not None:
            out.append((s, e))
    return out


def _compute(deadline: Deadline) -> dt.datetime:
    """The due moment; beyond the official calendar it is provisional (plain calendar days,
    flagged on the deadline so the page says so) until the next year's calendar is loaded."""
    rule = deadline.rule
    try:
        due = workdays.due_at(deadline.started_at, rule.amount, rule.unit,
                              pauses=_pauses(deadline))
        if deadline.extended_amount:
            due = workdays.due_at(due, deadline.extended_amount, rule.unit)
        deadline.provisional = False
    except workdays.CalendarUnknown:
        days = rule.amount + deadline.extended_amount
        if rule.unit == DeadlineRule.Unit.MONTHS:
            days *= 31
        elif rule.unit == DeadlineRule.Unit.WORKING_DAYS:
            days = days * 7 // 5
        due = workdays.end_of_day(workdays.local_date(deadline.started_at)
                                  + dt.timedelta(days=days))
        deadline.provisional = True
    return due


def deadlines_start(*, case: Case, clock: str, at: dt.datetime) -> list[Deadline]:
    """Start the rules of ``clock`` at ``at``. A clock that runs again (concluding a reopened
    case opens the resident's window anew; a second referral after a return) restarts the
    case's deadline of that rule, whatever became of it, rather than adding a second one."""
    return [_run(case, rule, at) for rule in rules_for(case, clock)]


def _finish(queryset: Any, at: dt.datetime) -> None:
    for deadline in queryset.filter(status__in=LIVE):
        deadline.status = Deadline.Status.MET if at <= deadline.due_at else Deadline.Status.MISSED
        deadline.finished_at = at
        deadline.save(update_fields=["status", "finished_at"])


def deadlines_meet(*, case: Case, at: dt.datetime, clock: str | None = None,
                   concluding: bool = False) -> None:
    """Stop the step clocks of ``clock`` (routing, objection, judicial confirmation), or the
    case's handling clocks when ``concluding``. A handling clock that starts at receipt (an
    appeal's 7 days) is not met by accepting the case, only by concluding it."""
    live = case.deadlines.select_related("rule")
    if clock:
        _finish(live.filter(rule__clock=clock, rule__concludes_case=False), at)
    if concluding:
        _finish(live.filter(rule__concludes_case=True), at)


def deadlines_lapse(*, case: Case, at: dt.datetime) -> None:
    case.deadlines.filter(status__in=LIVE).update(status=Deadline.Status.LAPSED, finished_at=at)


def deadlines_pause(*, case: Case, at: dt.datetime) -> None:
    live = case.deadlines.select_related("rule").filter(status=Deadline.Status.RUNNING)
    if not any(d.rule.pause_allowed for d in live):
        raise Conflict(_("The deadline rules of this case do not allow pausing the clock."))
    for deadline in live:
        if deadline.rule.pause_allowed:
            deadline.pauses = [*deadline.pauses, [at.isoformat(), None]]
            deadline.status = Deadline.Status.PAUSED
            deadline.save(update_fields=["pauses", "status"])


def deadlines_resume(*, case: Case, at: dt.datetime) -> None:
    for deadline in case.deadlines.select_related("rule").filter(status=Deadline.Status.PAUSED):
        pauses = [list(p) for p in deadline.pauses]
        pauses[-1][1] = at.isoformat()
        deadline.pauses = pauses
        deadline.status = Deadline.Status.RUNNING
        deadline.due_at = _compute(deadline)
        deadline.save(update_fields=["pauses", "status", "due_at", "provisional"])


def deadline_extension_check(*, case: Case, amount: int) -> Deadline:
    """The case's main handling deadline, if the rule allows extending it by ``amount``
    (raises Conflict otherwise, or a ValidationError naming ``days`` for an amount out of
    range). Used when an extension is requested and when it runs."""
    deadline = (case.deadlines.select_related("rule")
                .filter(status__in=LIVE, rule__concludes_case=True).first())
    if deadline is None:
        raise Conflict(_("This case has no running handling deadline to extend."))
    rule = deadline.rule
    if deadline.extensions >= rule.extension_max_times:
        raise Conflict(
            _("The rule “%(rule)s” allows %(n)d extension(s); none is left.")
            % {"rule": rule.name, "n": rule.extension_max_times})
    if amount < 1 or amount > rule.extension_max_amount:  # what was typed: beside the field
        raise ValidationError({"days": _("An extension under “%(rule)s” is 1 to %(max)d %(unit)s.")
                                       % {"rule": rule.name, "max": rule.extension_max_amount,
                                          "unit": rule.get_unit_display()}})
    return deadline


def deadline_extend(*, case: Case, amount: int) -> Deadline:
    """Extend the case's main handling deadline within its rule's limits."""
    deadline = deadline_extension_check(case=case, amount=amount)
    deadline.extensions += 1
    deadline.extended_amount += amount
    deadline.due_at = _compute(deadline)
    deadline.save(update_fields=["extensions", "extended_amount", "due_at", "provisional"])
    return deadline


def refresh_due(case: Case) -> None:
    """Keep Case.due_at (used by the queues) equal to the earliest live deadline."""
    first = (case.deadlines.filter(status=Deadline.Status.RUNNING)
             .order_by("due_at").values_list("due_at", flat=True).first())
    case.due_at = first
