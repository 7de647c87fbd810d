"""The casework section of the staff home (selectors.work_for), read on a varied fixture at a
frozen moment: which queue it shows, its counts, the five rows (order, state labels, due
marks) and the two notices (unread, extensions awaiting). The selector returns data; the
wording and links are the template's (cases/_work.html). The expected values are worked out below in plain Python
from the fixture's rows, never through the selector.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/home.py`` left alive.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from fazhi.cases import services
from fazhi.cases.models import Case, State
from fazhi.cases.selectors import work_for

from .factories import make_case

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 9, 10, 2, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
SECOND = dt.timedelta(seconds=1)

# Open cases of the worker's community, none handled: (title, due, state). Seven of them, so
# the home shows five; two share a due moment (the newer comes first).
COMMUNITY = {
    "late-week": (NOW - 7 * DAY, State.IN_PROGRESS),
    "late-second": (NOW - SECOND, State.ACCEPTED),
    "due-now": (NOW, State.RECEIVED),
    "tie-older": (NOW + 2 * DAY, State.PAUSED),
    "tie-newer": (NOW + 2 * DAY, State.REFERRED),
    "soon-edge": (NOW + 3 * DAY, State.IN_PROGRESS),
    "past-soon": (NOW + 3 * DAY + SECOND, State.ACCEPTED),
}


def _label(state: str) -> str:
    return {State.RECEIVED: "已登记", State.ACCEPTED: "已受理，待分派",
            State.IN_PROGRESS: "办理中", State.REFERRED: "已移交其他单位",
            State.PAUSED: "暂停，等待当事人"}[state]


def _due(due: dt.datetime) -> str:
    if due < NOW:
        return "overdue"
    if due <= NOW + 3 * DAY:
        return "soon"
    return ""


def _row(case: Case, due: dt.datetime, state: str) -> dict[str, object]:
    return {"pk": case.pk, "number": case.number, "title": case.title, "state": _label(state),
            "due": _due(due)}


@pytest.fixture
def community(worker, outsider, north, south):
    with time_machine.travel(NOW - 30 * DAY, tick=False):
        made = {title: make_case(worker, north, title=title) for title in COMMUNITY}
        closed = make_case(worker, north, title="closed")
        elsewhere = make_case(outsider, south, title="elsewhere")
    for title, (due, state) in COMMUNITY.items():
        Case.objects.filter(pk=made[title].pk).update(due_at=due, state=state)
    Case.objects.filter(pk=closed.pk).update(due_at=NOW - 9 * DAY, state=State.CLOSED)
    Case.objects.filter(pk=elsewhere.pk).update(due_at=NOW - 9 * DAY)
    return {title: Case.objects.get(pk=case.pk) for title, case in made.items()}


def test_a_worker_without_cases_of_their_own_sees_their_community_queue(community, worker):
    with time_machine.travel(NOW, tick=False):
        section = work_for(worker)
    # Plain Python over the fixture: by due moment, then newest first; five shown.
    ordered = sorted(COMMUNITY, key=lambda t: (COMMUNITY[t][0], -community[t].pk))
    expected = [_row(community[t], *COMMUNITY[t]) for t in ordered[:5]]
    late = sum(1 for due, _state in COMMUNITY.values() if due < NOW)
    soon = sum(1 for due, _state in COMMUNITY.values() if NOW <= due <= NOW + 3 * DAY)
    assert (late, soon) == (2, 4)
    assert [r["title"] for r in expected] == [
        "late-week", "late-second", "due-now", "tie-newer", "tie-older"]
    with translation.override("zh-hans"):
        expected = [_row(community[t], *COMMUNITY[t]) for t in ordered[:5]]
        assert section == {"queue": "community", "count": len(COMMUNITY), "due_soon": soon,
                           "overdue": late, "extension_pending": 0, "rows": expected,
                           "unread": 0}


def test_the_rows_past_the_first_five_carry_their_own_labels(community, worker):
    # Closing the first three shows the two beyond the five: one on the edge of "due soon"
    # (exactly three days ahead) and one a second past it.
    first = sorted(COMMUNITY, key=lambda t: (COMMUNITY[t][0], -community[t].pk))[:3]
    Case.objects.filter(pk__in=[community[t].pk for t in first]).update(state=State.CLOSED)
    with time_machine.travel(NOW, tick=False):
        section = work_for(worker)
    rows = {r["title"]: (r["due"], str(r["state"])) for r in section["rows"]}
    assert rows == {"tie-newer": ("soon", "已移交其他单位"),
                    "tie-older": ("soon", "暂停，等待当事人"),
                    "soon-edge": ("soon", "办理中"), "past-soon": ("", "已受理，待分派")}
    assert (section["queue"], section["due_soon"], section["overdue"]) == ("community", 3, 0)
    assert section["count"] == 4


def test_a_handler_sees_their_own_cases_and_the_unread_notice_first(community, street_admin,
                                                                     worker):
    with time_machine.travel(NOW - DAY, tick=False):
        mine = services.case_assign(actor=street_admin, case=community["due-now"],
                                    expected_version=community["due-now"].version,
                                    handler=worker)  # tells the worker: one unread notification
    due = Case.objects.get(pk=mine.pk).due_at
    state = Case.objects.get(pk=mine.pk).state
    with time_machine.travel(NOW, tick=False):
        section = work_for(worker)
    assert (section["queue"], section["count"], section["unread"]) == ("mine", 1, 1)
    assert [{**r, "state": str(r["state"])} for r in section["rows"]] == [
        {"pk": mine.pk, "number": mine.number, "title": "due-now", "state": _label(state),
         "due": _due(due)}]


def test_a_street_wide_reader_falls_back_to_the_unassigned_queue(community, street_staff,
                                                                  mediator):
    Case.objects.filter(pk=community["late-week"].pk).update(handler=mediator)
    with time_machine.travel(NOW, tick=False):
        section = work_for(street_staff)
    # Unassigned: every open case without a handler, unit or referral, of any community
    # (the south case, nine days late, among them); due soon and overdue count every open
    # case the reader sees, the mediator's among them.
    assert (section["queue"], section["due_soon"], section["overdue"]) == ("unassigned", 4, 3)
    assert section["count"] == 7
    assert [r["title"] for r in section["rows"]] == [
        "elsewhere", "late-second", "due-now", "tie-newer", "tie-older"]


@pytest.fixture
def pending(street_admin, worker, north):
    """A petition handled by the worker, with an extension request awaiting a decision."""
    with time_machine.travel(NOW - 2 * DAY, tick=False):
        case = make_case(street_admin, north, kind="petition", category="grievance",
                         channel="letter_visit", title="petition")
        case = services.case_accept(actor=street_admin, case=case, expected_version=1)
        case = services.case_assign(actor=street_admin, case=case,
                                    expected_version=case.version, handler=worker)
        services.extension_request(actor=worker, case=case, days=30, reason="涉及多个部门")
    return case


def test_an_approver_sees_the_extensions_awaiting_them_above_the_rows(pending, leader,
                                                                      community):
    with time_machine.travel(NOW, tick=False):
        section = work_for(leader)
    assert (section["queue"], section["due_soon"], section["overdue"]) == ("unassigned", 4, 3)
    assert (section["count"], section["extension_pending"]) == (8, 1)
    assert [r["title"] for r in section["rows"]] == [
        "elsewhere", "late-week", "late-second", "due-now", "tie-newer"]


def test_a_reader_who_may_not_approve_sees_no_extension_notice(pending, street_staff):
    with time_machine.travel(NOW, tick=False):
        section = work_for(street_staff)
    assert section["extension_pending"] == 0
    assert section["rows"] == []
    assert section["count"] == 0


@pytest.mark.parametrize("persona", ["sysadmin", "secadmin", "auditor"])
def test_the_administration_roles_have_no_casework_section(persona, request, community):
    assert work_for(request.getfixturevalue(persona)) is None
