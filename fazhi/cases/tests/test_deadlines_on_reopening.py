"""Reopening a case restarts its own handling deadline only (the category's rule when it has
one, active rules only) and lapses the resident's windows that are still running, at the
moment of reopening.

Written to kill mutants ``make mutate MODULE=fazhi/cases/services/deadlines.py`` left alive.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fazhi.cases import services
from fazhi.cases.models import Deadline, DeadlineRule
from fazhi.org.models import Unit

from .factories import make_case

pytestmark = pytest.mark.django_db

AUG = dt.datetime(2025, 8, 4, 2, 0, tzinfo=dt.UTC)  # Monday 4 August, 10:00 in Beijing


def _concluded(actor, community, category: str, clock):
    case = make_case(actor, community, kind="petition", category=category,
                     channel="letter_visit")
    case = services.case_accept(actor=actor, case=case, expected_version=1)
    clock.shift(dt.timedelta(days=5))
    return services.case_conclude(actor=actor, case=case, expected_version=case.version,
                                  outcome="answered", summary="已答复")


def _reopen(actor, case, clock):
    clock.shift(dt.timedelta(days=5))
    return services.case_reopen(actor=actor, case=case, expected_version=case.version,
                                reason="信访人提供新证据")


def codes(case, status) -> list[str]:
    """The case's handling and window deadlines in ``status`` (not the routing step clock)."""
    return sorted(case.deadlines.filter(status=status).exclude(rule__code="petition-route")
                  .values_list("rule__code", flat=True))


def test_a_review_restarts_its_own_rule_not_the_general_petition_rule(street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = _concluded(street_staff, north, "review", clock)
        case = _reopen(street_staff, case, clock)
    assert codes(case, Deadline.Status.RUNNING) == ["petition-review-answer"]
    assert not case.deadlines.filter(rule__code="petition-conclude").exists()


def test_reopening_lapses_a_running_window_at_that_moment(street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = _concluded(street_staff, north, "grievance", clock)
        case = _reopen(street_staff, case, clock)
        reopened = dt.datetime.now(dt.UTC)
    window = case.deadlines.get(rule__code="petition-review-request")
    assert (window.status, window.finished_at) == (Deadline.Status.LAPSED, reopened)


def test_reopening_leaves_a_window_the_resident_already_used(street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = _concluded(street_staff, north, "grievance", clock)
        used = dt.datetime.now(dt.UTC)
        case.deadlines.filter(rule__code="petition-review-request").update(
            status=Deadline.Status.MET, finished_at=used)
        case = _reopen(street_staff, case, clock)
    window = case.deadlines.get(rule__code="petition-review-request")
    assert (window.status, window.finished_at) == (Deadline.Status.MET, used)


def test_reopening_one_case_leaves_another_cases_deadline_alone(street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        other = make_case(street_staff, north, kind="petition", category="grievance",
                          channel="letter_visit")
        other = services.case_accept(actor=street_staff, case=other, expected_version=1)
        before = Deadline.objects.get(case=other, rule__code="petition-conclude")
        case = _concluded(street_staff, north, "grievance", clock)
        case = _reopen(street_staff, case, clock)
    after = Deadline.objects.get(case=other, rule__code="petition-conclude")
    assert (after.started_at, after.due_at, after.status) == (
        before.started_at, before.due_at, Deadline.Status.RUNNING)
    assert codes(case, Deadline.Status.RUNNING) == ["petition-conclude"]
    assert case.deadlines.get(rule__code="petition-conclude").started_at == AUG + dt.timedelta(
        days=10)


def test_an_inactive_rule_is_not_restarted(street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = _concluded(street_staff, north, "grievance", clock)
        DeadlineRule.objects.filter(code="petition-conclude").update(active=False)
        case = _reopen(street_staff, case, clock)
    assert codes(case, Deadline.Status.RUNNING) == []
    assert codes(case, Deadline.Status.MET) == ["petition-conclude"]


def test_a_handling_rule_added_after_the_case_began_starts_fresh_on_reopening(street_staff,
                                                                             north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = _concluded(street_staff, north, "grievance", clock)
        DeadlineRule.objects.create(
            code="grievance-answer", name="申诉求决答复（45日）", kind="petition",
            category=case.category, clock="accepted", amount=45, unit="calendar_days",
            concludes_case=True)
        case = _reopen(street_staff, case, clock)
        reopened = dt.datetime.now(dt.UTC)
    fresh = Deadline.objects.get(case=case, rule__code="grievance-answer")
    assert (fresh.status, fresh.started_at, fresh.reminded, fresh.extensions) == (
        Deadline.Status.RUNNING, reopened, "", 0)


def test_concluding_again_after_a_dissatisfied_follow_up_opens_one_fresh_review_window(
        street_staff, north):
    with time_machine.travel(AUG, tick=False) as clock:
        case = _concluded(street_staff, north, "grievance", clock)
        clock.shift(dt.timedelta(days=5))
        services.case_follow_up(actor=street_staff, case=case, expected_version=case.version,
                                at=dt.datetime.now(dt.UTC), contact="电话",
                                satisfaction="dissatisfied", note="答复未解决问题")
        case.refresh_from_db()
        clock.shift(dt.timedelta(days=5))
        case = services.case_conclude(actor=street_staff, case=case,
                                      expected_version=case.version, outcome="answered",
                                      summary="重新答复")
        again = dt.datetime.now(dt.UTC)
    window = case.deadlines.get(rule__code="petition-review-request")
    assert (window.status, window.started_at, window.finished_at, window.reminded) == (
        Deadline.Status.RUNNING, again, None, "")
    # Tuesday 19 Aug 2025 + 30 calendar days: Thursday 18 September, 24:00 Beijing.
    assert window.due_at == dt.datetime(2025, 9, 18, 15, 59, 59, 999999, tzinfo=dt.UTC)
    assert case.deadlines.filter(rule__resident_window=True,
                                 status=Deadline.Status.RUNNING).count() == 1
    assert codes(case, Deadline.Status.MET) == ["petition-conclude"]
    assert case.due_at == window.due_at
    assert list(case.events.values_list("action", "to_state", "public")) == [
        ("create", "received", True), ("accept", "accepted", True),
        ("conclude", "concluded", False), ("conclude", "concluded", True),
        ("follow_up", "in_progress", False),
        ("conclude", "concluded", False), ("conclude", "concluded", True)]


def test_referring_again_after_a_return_restarts_the_objection_clock(street_staff, north):
    police = Unit.objects.create(name="西马派出所", region=north.parent,
                                 kind=Unit.Kind.POLICE_STATION)
    with time_machine.travel(AUG, tick=False) as clock:
        case = make_case(street_staff, north, kind="petition", category="grievance",
                         channel="letter_visit")
        case = services.case_accept(actor=street_staff, case=case, expected_version=1)
        case = services.case_refer(actor=street_staff, case=case, expected_version=case.version,
                                   unit=police, reason="转派出所")
        clock.shift(dt.timedelta(days=1))
        case = services.case_return(actor=street_staff, case=case,
                                    expected_version=case.version, reason="不属派出所管辖")
        clock.shift(dt.timedelta(days=1))
        case = services.case_refer(actor=street_staff, case=case, expected_version=case.version,
                                   unit=police, reason="补充材料后再转")
        again = dt.datetime.now(dt.UTC)
    objection = case.deadlines.get(rule__code="petition-objection")
    assert (objection.status, objection.started_at, objection.finished_at) == (
        Deadline.Status.RUNNING, again, None)
    # Wednesday 6 August + 5 working days: 7, 8, 11, 12, 13 August.
    assert objection.due_at == dt.datetime(2025, 8, 13, 15, 59, 59, 999999, tzinfo=dt.UTC)
