"""What a resident may expect, before and after sending a matter: the handling rule that will
apply and the date it gives, counted by the one deadline engine (docs/deadlines.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from fazhi.core import workdays

from ..models import Case, Deadline, DeadlineRule, Kind


@dataclass(frozen=True)
class Expectation:
    rule: DeadlineRule
    due_at: dt.datetime | None
    # True when the clock starts at acceptance: the date holds if staff accept on ``since``.
    from_acceptance: bool


def expectation_for(*, kind: str, category_id: int | None,
                    since: dt.datetime) -> Expectation | None:
    """The handling rule for a matter of ``kind`` and category sent at ``since``, and its due
    moment (counted from ``since`` also when the clock starts at acceptance). None for a kind
    the resident cannot send, or when no rule applies."""
    if kind not in (Kind.APPEAL, Kind.DISPUTE):
        return None
    rules = DeadlineRule.handling_for(kind, category_id)
    if not rules:
        return None
    rule = rules[0]
    try:
        due: dt.datetime | None = workdays.due_at(since, rule.amount, rule.unit)
    except workdays.CalendarUnknown:
        due = None
    return Expectation(rule=rule, due_at=due,
                       from_acceptance=rule.clock != DeadlineRule.Clock.RECEIVED)


def expectation_of(case: Case) -> Expectation | None:
    """A case's handling deadline once its clock runs; before that (a dispute not yet
    accepted) what the rule will give if staff accept it today."""
    running = (case.deadlines.select_related("rule")
               .filter(rule__concludes_case=True).order_by("-id").first())
    if running is not None and running.status != Deadline.Status.LAPSED:
        return Expectation(rule=running.rule, due_at=running.due_at, from_acceptance=False)
    return expectation_for(kind=case.kind, category_id=case.category_id, since=timezone.now())
