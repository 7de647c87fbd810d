"""The reports' own reads against the varied world's rows (tests/world.py: plain Python, never
the selector under test): the per-community comparison of the dashboard, with and without the
whole sub-district's figures already counted; the community a viewer may choose; the figures
without the charts' rows; which reports a viewer reads and their files."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Unit
from fazhi.org.selectors import communities_for
from fazhi.reports.models import Report
from fazhi.reports.selectors import (
    community_for,
    comparison_for,
    figures_for,
    report_file_for,
    report_get_for,
    report_list_for,
)

from . import world as w

pytestmark = pytest.mark.django_db

PERIODS = [(dt.date(2024, 1, 1), dt.date(2025, 12, 31)), (dt.date(2025, 1, 1),
                                                          dt.date(2025, 12, 31)),
           (dt.date(2024, 7, 1), dt.date(2024, 8, 31))]


@pytest.fixture
def world(street_admin, north, south):
    with time_machine.travel(w.NOW, tick=False):
        yield w.build(street_admin, north, south)


def _expected_rows(world, *, viewer: str, since: dt.date, until: dt.date) -> list[dict]:
    keys = ["north", "south", "east"] if viewer == "street" else ["north"]
    rows = []
    for key in sorted(keys, key=lambda k: world["communities"][k].code):
        region = world["communities"][key]
        cases = [c for c in world["cases"] if c["community"] == key]
        acts = [a for a in world["activities"] if a["community"] == key and a["starts"] <= w.NOW
                and w._on(a["starts"], since, until)
                and (viewer == "street" or a["kind"] != "correction")]
        rows.append({
            "pk": region.pk, "name": region.name,
            "received": sum(1 for c in cases if w._on(c["received"], since, until)),
            "mediated": sum(1 for c in cases if c["outcome"] in w.MEDIATED
                            and w._on(c["concluded"], since, until)),
            "activities": len(acts),
            "attendance": sum(len(a["mobiles"]) + sum(a["walkins"]) for a in acts)})
    return rows


@pytest.mark.parametrize(("since", "until"), PERIODS)
def test_the_comparison_counts_each_community_from_the_records(world, leader, since, until):
    expected = _expected_rows(world, viewer="street", since=since, until=until)
    with time_machine.travel(w.NOW, tick=False):
        alone = comparison_for(actor=leader, since=since, until=until)
        whole = figures_for(actor=leader, since=since, until=until)
        given = comparison_for(actor=leader, since=since, until=until, figures=whole)
    assert alone == expected
    assert given == expected

def test_a_community_workers_comparison_has_their_community_only(world, worker):
    since, until = PERIODS[0]
    with time_machine.travel(w.NOW, tick=False):
        rows = comparison_for(actor=worker, since=since, until=until,
                              figures=figures_for(actor=worker, since=since, until=until))
    assert rows == _expected_rows(world, viewer="north", since=since, until=until)


def test_one_communitys_figures_are_not_taken_for_the_whole_comparison(world, leader):
    since, until = PERIODS[0]
    south = world["communities"]["south"]
    with time_machine.travel(w.NOW, tick=False):
        figures = figures_for(actor=leader, since=since, until=until, community=south.pk)
        rows = comparison_for(actor=leader, since=since, until=until, figures=figures)
    assert rows == _expected_rows(world, viewer="street", since=since, until=until)


def test_the_whole_figures_spare_the_comparison_its_own_counts(world, leader):
    since, until = PERIODS[0]
    with time_machine.travel(w.NOW, tick=False):
        whole = figures_for(actor=leader, since=since, until=until)
        with CaptureQueriesContext(connection) as listing:
            list(communities_for(actor=leader).order_by("code"))
        with CaptureQueriesContext(connection) as given:
            comparison_for(actor=leader, since=since, until=until, figures=whole)
        with CaptureQueriesContext(connection) as alone:
            comparison_for(actor=leader, since=since, until=until)
    assert len(given.captured_queries) == len(listing.captured_queries)
    assert len(alone.captured_queries) > len(given.captured_queries)


def test_the_figures_without_detail_are_the_same_numbers_without_the_charts_rows(world,
                                                                                 leader):
    since, until = PERIODS[0]
    with time_machine.travel(w.NOW, tick=False):
        full = figures_for(actor=leader, since=since, until=until)
        bare = figures_for(actor=leader, since=since, until=until, detail=False)
    assert bare.values == full.values == w.expected(world, viewer="street", community=None,
                                                    since=since, until=until)
    assert (bare.since, bare.until, bare.community) == (since, until, None)
    assert full.sources["reach"].by_month and not bare.sources["reach"].by_month
    assert full.sources["cases"]["by_month"] and not bare.sources["cases"]["by_month"]
    assert [f.key for f, _v in full.rows()] == [f.key for f in full.shown]


def test_a_viewer_chooses_only_a_community_they_see(world, leader, worker):
    north, south = world["communities"]["north"], world["communities"]["south"]
    assert community_for(actor=worker, pk=None) is None
    assert community_for(actor=worker, pk=0) is None
    assert community_for(actor=worker, pk=north.pk) == north
    assert community_for(actor=leader, pk=south.pk) == south
    with pytest.raises(PermissionDenied):
        community_for(actor=worker, pk=south.pk)
    with pytest.raises(PermissionDenied):
        figures_for(actor=AnonymousUser(), since=PERIODS[0][0], until=PERIODS[0][1])
    with pytest.raises(PermissionDenied):
        comparison_for(actor=AnonymousUser(), since=PERIODS[0][0], until=PERIODS[0][1])


def test_reports_are_read_by_their_requester_and_the_justice_roles(
        leader, worker, outsider, street_staff, street_admin):
    mine = Report.objects.create(since=PERIODS[0][0], until=PERIODS[0][1], requested_by=worker,
                                 xlsx=b"sheet")
    theirs = Report.objects.create(since=PERIODS[0][0], until=PERIODS[0][1],
                                   requested_by=leader)
    other = make_user("other", Role.COMMUNITY_WORKER, worker.community)

    def listed(user) -> set[int]:
        return set(report_list_for(actor=user).values_list("pk", flat=True))

    assert listed(worker) == {mine.pk}
    assert listed(leader) == listed(street_admin) == {mine.pk, theirs.pk}
    assert listed(outsider) == listed(street_staff) == listed(other) == set()
    assert report_get_for(actor=worker, pk=mine.pk) == mine
    with pytest.raises(Http404):
        report_get_for(actor=worker, pk=theirs.pk)
    with pytest.raises(PermissionDenied):
        report_list_for(actor=AnonymousUser())
    assert report_file_for(actor=leader, pk=mine.pk, fmt="xlsx") == (mine, b"sheet")
    assert report_file_for(actor=worker, pk=mine.pk, fmt="docx") == (mine, None)
    with pytest.raises(Http404):
        report_file_for(actor=outsider, pk=mine.pk, fmt="xlsx")


def test_the_report_list_reads_its_rows_in_one_query_without_their_files(
        leader, worker, north, django_assert_num_queries):
    unit = Unit.objects.create(name="司法所", kind=Unit.Kind.JUSTICE_OFFICE, region=north)
    since, until = PERIODS[0]
    Report.objects.create(since=since, until=until, requested_by=worker, community=north,
                          xlsx=b"sheet", docx=b"doc", pdf=b"pdf", figures={"values": {}})
    Report.objects.create(since=since, until=until, requested_by=leader, unit=unit,
                          kind=Report.Kind.DUTY_REVIEW)
    with django_assert_num_queries(1):
        rows = [(r.community, r.unit, r.requested_by, r.get_deferred_fields())
                for r in report_list_for(actor=leader)]
    assert {(c and c.name, u and u.name, by.username) for c, u, by, _d in rows} == {
        (north.name, None, worker.username), (None, unit.name, leader.username)}
    assert all(deferred == {"docx", "pdf", "xlsx", "figures"} for *_r, deferred in rows)
