"""The queue counts of the case list and the home page (selectors.queue_counts), on cases that
differ in exactly the field each queue looks at, at a frozen moment.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/cases.py`` left alive
(the "unassigned" count ignored a handler, a handling unit or a referral and no test noticed).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fazhi.cases.models import Case, State
from fazhi.cases.selectors import case_list_for, case_matches_capped, queue_counts
from fazhi.org.models import Unit

from .factories import make_case

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 9, 10, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def queues(worker, outsider, mediator, north, south):
    unit = Unit.objects.create(name="西马派出所", region=north.parent,
                               kind=Unit.Kind.POLICE_STATION)
    with time_machine.travel(NOW, tick=False):
        made = {name: make_case(worker, north, title=name)
                for name in ("free", "handled", "unit", "referred", "edge", "closed")}
        made["south"] = make_case(outsider, south, title="south", kind="appeal",
                                  category="environment")
    fields = {
        "free": {"due_at": NOW + dt.timedelta(days=4)},
        "handled": {"handler": worker, "due_at": NOW + dt.timedelta(days=1)},
        "unit": {"assignee_unit": unit, "due_at": NOW - dt.timedelta(hours=1)},
        "referred": {"referred_to": unit, "state": State.REFERRED},
        "edge": {"handler": mediator, "due_at": NOW},
        "closed": {"handler": worker, "state": State.CLOSED,
                   "due_at": NOW - dt.timedelta(days=1)},
        "south": {"due_at": NOW + dt.timedelta(days=3)},
    }
    for name, values in fields.items():
        Case.objects.filter(pk=made[name].pk).update(**values)
    return made


def test_a_community_worker_counts_each_queue_over_their_open_cases(queues, worker):
    with time_machine.travel(NOW, tick=False):
        counts = queue_counts(actor=worker)
    # extension_pending is counted only when asked for (the home page's approvers).
    assert counts == {"mine": 1, "community": 5, "unassigned": 1, "due_soon": 2, "overdue": 1}


def test_street_staff_count_every_community_and_the_edge_of_due_soon(queues, street_staff):
    with time_machine.travel(NOW, tick=False):
        counts = queue_counts(actor=street_staff, only=("unassigned", "due_soon", "overdue"))
    # due soon: handled (+1 day), edge (now), south (+3 days exactly); free (+4 days) is not.
    assert counts == {"unassigned": 2, "due_soon": 3, "overdue": 1}


def test_the_matching_count_rides_along(queues, worker):
    with time_machine.travel(NOW, tick=False):
        counts = queue_counts(actor=worker, only=("mine",),
                              matching=case_matches_capped(actor=worker, kind="dispute"))
    assert counts == {"mine": 1, "matching": 6}


def listed(actor, queue: str) -> set[str]:
    with time_machine.travel(NOW, tick=False):
        return set(case_list_for(actor=actor, queue=queue).values_list("title", flat=True))


def test_each_queue_lists_exactly_the_cases_it_counts(queues, worker):
    assert listed(worker, "mine") == {"handled"}
    assert listed(worker, "community") == {"free", "handled", "unit", "referred", "edge"}
    assert listed(worker, "unassigned") == {"free"}
    assert listed(worker, "due_soon") == {"handled", "edge"}
    assert listed(worker, "overdue") == {"unit"}
    assert listed(worker, "all") == {"free", "handled", "unit", "referred", "edge", "closed"}


def test_the_community_queue_of_a_street_wide_role_is_every_open_case(queues, street_staff):
    assert listed(street_staff, "community") == {"free", "handled", "unit", "referred", "edge",
                                                 "south"}
    assert listed(street_staff, "mine") == set()


def test_the_due_queues_list_the_nearest_deadline_first(queues, street_staff):
    with time_machine.travel(NOW, tick=False):
        due_soon = case_list_for(actor=street_staff, queue="due_soon")
        assert list(due_soon.values_list("title", flat=True)) == ["edge", "handled", "south"]


def test_the_overdue_queue_lists_the_longest_overdue_first(queues, worker):
    Case.objects.filter(title="free").update(due_at=NOW - dt.timedelta(hours=2))
    with time_machine.travel(NOW, tick=False):
        overdue = case_list_for(actor=worker, queue="overdue")
        assert list(overdue.values_list("title", flat=True)) == ["free", "unit"]


def test_empty_filters_are_no_filters_and_a_queue_narrows_the_match_count(queues, worker):
    assert listed_with(worker, kind="", state="", community="") == {
        "free", "handled", "unit", "referred", "edge", "closed"}
    with time_machine.travel(NOW, tick=False):
        counts = queue_counts(actor=worker, only=("mine",), matching=case_matches_capped(
            actor=worker, queue="mine", kind="dispute"))
    assert counts == {"mine": 1, "matching": 1}


def listed_with(actor, **filters) -> set[str]:
    with time_machine.travel(NOW, tick=False):
        return set(case_list_for(actor=actor, **filters).values_list("title", flat=True))
