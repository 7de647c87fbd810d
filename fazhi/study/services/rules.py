"""Each year's rule for the year's score (weights, full credit, daily cap, lines)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import StaleVersion

from ..access import require_organiser
from ..models import YearRule

FIELDS = ("credit_weight", "target_minutes", "daily_minutes", "pass_score", "excellent_score")


@transaction.atomic
def year_rule_set(*, actor: Any, year: int, expected_version: int | None, ip: str = "",
                  **data: Any) -> YearRule:
    """Set the rule of ``year``; ``expected_version`` is None when the year has none yet
    (two first saves at once: the second is a conflict, not a second rule)."""
    require_organiser(actor)
    rule = YearRule.objects.select_for_update().filter(year=year).first()
    if (rule.version if rule else None) != expected_version:
        raise StaleVersion(current=rule)
    rule = rule or YearRule(year=year)
    before = {name: getattr(rule, name) for name in FIELDS}
    for name in FIELDS:
        if name in data:
            setattr(rule, name, data[name])
    rule.version = (rule.version + 1) if rule.pk else 1
    rule.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError as exc:
        raise StaleVersion() from exc
    audit_record(actor=actor, action="update", obj=rule, ip=ip, changes={
        name: [before[name], getattr(rule, name)] for name in FIELDS
        if before[name] != getattr(rule, name)})
    return rule
