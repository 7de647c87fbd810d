"""How a deadline ends and how far it may be extended (cases/services/deadlines.py): met up to
and including its due moment, missed a microsecond later, lapsed at the given moment; the
extension limits of its rule, counted one by one.

Written to kill mutants ``make mutate MODULE=fazhi/cases/services/deadlines.py`` left alive
(met-or-missed decides the on-time rate of the statistics).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from fazhi.cases import services
from fazhi.cases.models import Deadline
from fazhi.cases.services import deadlines
from fazhi.core.conflicts import Conflict

from .factories import make_case

pytestmark = pytest.mark.django_db

AUG = dt.datetime(2025, 8, 4, 2, 0, tzinfo=dt.UTC)
RULE = "人民调解（一般30日内调结，双方同意可延续）"


def _mediation(actor, community):
    with time_machine.travel(AUG, tick=False):
        case = make_case(actor, community)
        return services.case_accept(actor=actor, case=case, expected_version=1)


def _handling(case) -> Deadline:
    return case.deadlines.get(rule__code="mediation-conclude")


def test_a_deadline_met_at_its_due_moment_is_met_and_a_microsecond_later_missed(worker, north):
    on_time, late = _mediation(worker, north), _mediation(worker, north)
    due = _handling(on_time).due_at
    deadlines.deadlines_meet(case=on_time, at=due, concluding=True)
    deadlines.deadlines_meet(case=late, at=due + dt.timedelta(microseconds=1), concluding=True)
    met, missed = _handling(on_time), _handling(late)
    assert (met.status, met.finished_at) == (Deadline.Status.MET, due)
    assert (missed.status, missed.finished_at) == (Deadline.Status.MISSED,
                                                    due + dt.timedelta(microseconds=1))


def test_lapsed_deadlines_end_at_the_moment_given(worker, north):
    case = _mediation(worker, north)
    at = AUG + dt.timedelta(days=3)
    deadlines.deadlines_lapse(case=case, at=at)
    lapsed = _handling(case)
    assert (lapsed.status, lapsed.finished_at) == (Deadline.Status.LAPSED, at)


def test_extensions_are_counted_and_added_up_to_the_rules_limit(worker, north):
    case = _mediation(worker, north)
    for amount in (5, 10, 15):
        deadlines.deadline_extend(case=case, amount=amount)
    extended = _handling(case)
    assert (extended.extensions, extended.extended_amount) == (3, 30)
    with translation.override("en"), pytest.raises(Conflict) as refused:
        deadlines.deadline_extension_check(case=case, amount=1)
    assert str(refused.value) == f"The rule “{RULE}” allows 3 extension(s); none is left."


def test_an_extension_is_one_to_the_rules_longest_amount(worker, north):
    case = _mediation(worker, north)
    assert deadlines.deadline_extension_check(case=case, amount=1) == _handling(case)
    assert deadlines.deadline_extension_check(case=case, amount=30) == _handling(case)
    for amount in (0, 31):
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            deadlines.deadline_extension_check(case=case, amount=amount)
        assert refused.value.message_dict == {
            "days": [f"An extension under “{RULE}” is 1 to 30 calendar days."]}


def test_only_a_running_handling_deadline_can_be_extended(worker, north, street_admin):
    concluded = _mediation(worker, north)
    deadlines.deadlines_meet(case=concluded, at=AUG, concluding=True)
    with time_machine.travel(AUG, tick=False):
        # A petition not yet accepted: only its routing step clock runs.
        received = make_case(street_admin, north, kind="petition", category="grievance",
                             channel="letter_visit")
    assert list(received.deadlines.values_list("rule__code", "status")) == [
        ("petition-route", Deadline.Status.RUNNING)]
    for case in (concluded, received):
        with translation.override("en"), pytest.raises(Conflict) as refused:
            deadlines.deadline_extension_check(case=case, amount=1)
        assert str(refused.value) == "This case has no running handling deadline to extend."


def _petition(actor, community):
    with time_machine.travel(AUG, tick=False):
        return make_case(actor, community, kind="petition", category="grievance",
                         channel="letter_visit")


def _statuses(case) -> dict[str, str]:
    return dict(case.deadlines.values_list("rule__code", "status"))


def test_meeting_a_step_clock_stops_that_clock_only(street_admin, north):
    case = _petition(street_admin, north)
    deadlines.deadlines_meet(case=case, clock="referred", at=AUG)
    assert _statuses(case) == {"petition-route": Deadline.Status.RUNNING}
    deadlines.deadlines_meet(case=case, clock="received", at=AUG)
    assert _statuses(case) == {"petition-route": Deadline.Status.MET}


def test_a_handling_clock_from_receipt_is_met_by_concluding_not_by_its_clock(worker, north):
    with time_machine.travel(AUG, tick=False):
        case = make_case(worker, north, kind="appeal", category="environment")
    deadlines.deadlines_meet(case=case, clock="received", at=AUG)
    assert _statuses(case) == {"appeal-general": Deadline.Status.RUNNING}
    deadlines.deadlines_meet(case=case, at=AUG, concluding=True)
    assert _statuses(case) == {"appeal-general": Deadline.Status.MET}


def test_a_paused_deadline_can_be_extended_while_its_pause_is_open(worker, north):
    case = _mediation(worker, north)
    due = _handling(case).due_at
    deadlines.deadlines_pause(case=case, at=AUG + dt.timedelta(days=1))
    extended = deadlines.deadline_extend(case=case, amount=5)
    assert (extended.status, extended.extended_amount) == (Deadline.Status.PAUSED, 5)
    assert extended.due_at == due + dt.timedelta(days=5)  # 3 September + 5: Monday 8th
