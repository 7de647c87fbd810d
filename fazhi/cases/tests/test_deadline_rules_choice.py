"""Which deadline rules a clock starts for a case (``services.deadlines.rules_for``): active
rules only, and a category's own rule replaces the kind's rule of the same group (handling or
step) while the kind's rules of the other group still apply. Written against mutants
``make mutate MODULE=fazhi/cases/services/deadlines.py`` left alive."""

from __future__ import annotations

import pytest

from fazhi.cases.models import DeadlineRule
from fazhi.cases.services.deadlines import rules_for

from .factories import make_case

pytestmark = pytest.mark.django_db


def _petition(actor, community, category):
    return make_case(actor, community, kind="petition", category=category,
                     channel="letter_visit")


def _codes(case, clock):
    return [rule.code for rule in rules_for(case, clock)]


def test_the_kinds_rule_applies_to_a_category_without_its_own(street_staff, north):
    assert _codes(_petition(street_staff, north, "grievance"), "accepted") == ["petition-conclude"]


def test_an_inactive_rule_starts_no_deadline(street_staff, north):
    case = _petition(street_staff, north, "grievance")
    DeadlineRule.objects.filter(code="petition-conclude").update(active=False)
    assert _codes(case, "accepted") == []


def test_a_categorys_rule_replaces_the_kinds_of_its_group_only(street_staff, north):
    case = _petition(street_staff, north, "review")
    assert _codes(case, "accepted") == ["petition-review-answer"]
    DeadlineRule.objects.create(
        code="petition-acknowledge", name="受理后告知办理进度（10日）", kind="petition",
        category=None, clock="accepted", amount=10, unit="calendar_days", concludes_case=False)
    # the review's own handling rule replaces the general handling rule, not the step rule
    assert _codes(case, "accepted") == ["petition-review-answer", "petition-acknowledge"]
    assert _codes(_petition(street_staff, north, "grievance"), "accepted") == [
        "petition-acknowledge", "petition-conclude"]
