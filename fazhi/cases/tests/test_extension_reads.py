"""The approvers' list of extension requests (selectors.extension_requests_pending_for): only
pending ones, only on cases the reader may read, oldest request first. Requests are made in
another order than they are listed, and the expected lists are written out from the fixture.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/extensions.py`` left alive.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fazhi.cases import services
from fazhi.cases.models import ExtensionRequest
from fazhi.cases.selectors import extension_requests_pending_for

from .factories import make_case

pytestmark = pytest.mark.django_db

AUG = dt.datetime(2025, 8, 4, 2, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def _requested(street_admin, handler, community, title: str, reason: str) -> ExtensionRequest:
    case = make_case(street_admin, community, kind="petition", category="grievance",
                     channel="letter_visit", title=title)
    case = services.case_assign(actor=street_admin, case=case, expected_version=case.version,
                                handler=handler)
    return services.extension_request(actor=handler, case=case, days=10, reason=reason)


@pytest.fixture
def requests(street_admin, worker, outsider, north, south):
    with time_machine.travel(AUG, tick=False):
        made = {
            "north-late": _requested(street_admin, worker, north, "north-late", "甲"),
            "north-early": _requested(street_admin, worker, north, "north-early", "乙"),
            "south": _requested(street_admin, outsider, south, "south", "丙"),
            "decided": _requested(street_admin, worker, north, "decided", "丁"),
        }
    # Asked at other moments than they were made: north-early first, then south, north-late.
    moments = {"north-late": AUG + 3 * HOUR, "north-early": AUG + HOUR,
               "south": AUG + 2 * HOUR, "decided": AUG}
    for name, at in moments.items():
        ExtensionRequest.objects.filter(pk=made[name].pk).update(requested_at=at)
    ExtensionRequest.objects.filter(pk=made["decided"].pk).update(
        status=ExtensionRequest.Status.REFUSED)
    return made


def _titles(actor) -> list[str]:
    return [r.case.title for r in extension_requests_pending_for(actor=actor)]


def test_a_street_wide_approver_lists_every_pending_request_oldest_first(requests, leader):
    assert _titles(leader) == ["north-early", "south", "north-late"]


def test_a_community_reader_lists_only_their_community_s_requests(requests, worker, outsider):
    assert _titles(worker) == ["north-early", "north-late"]
    assert _titles(outsider) == ["south"]


def test_requests_asked_at_the_same_moment_come_in_the_order_they_were_made(requests, leader):
    ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING).update(
        requested_at=AUG)
    made = sorted(["north-late", "north-early", "south"], key=lambda n: requests[n].pk)
    assert _titles(leader) == made


def test_the_listed_request_brings_its_case_requester_and_rule(requests, worker):
    first = extension_requests_pending_for(actor=worker)[0]
    assert (first.case.title, first.requested_by.username, first.reason,
            first.deadline.rule.code) == ("north-early", "worker", "乙", "petition-conclude")


def test_the_list_reads_each_request_s_case_requester_and_rule_in_one_query(
        requests, leader, django_assert_num_queries):
    with django_assert_num_queries(1):
        shown = [(r.case.number, r.requested_by.username, r.deadline.rule.code)
                 for r in extension_requests_pending_for(actor=leader)]
    assert [row[1:] for row in shown] == [("worker", "petition-conclude"),
                                          ("outsider", "petition-conclude"),
                                          ("worker", "petition-conclude")]
