"""Every figure of the dashboard, checked against a count taken from the world's own rows
(tests/world.py: plain Python, never the selector under test), for a leader and a community
worker, for the whole sub-district and a chosen community, over several periods; and each
figure's link lists exactly the records it counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from fazhi.reports.figures import FIGURES

from . import world as w

pytestmark = pytest.mark.django_db

PERIODS = [(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2024, 1, 1),
                                                          dt.date(2026, 6, 15)),
           (dt.date(2025, 12, 31), dt.date(2026, 1, 1)), (dt.date(2024, 7, 1),
                                                          dt.date(2024, 7, 31))]


@pytest.fixture
def world(street_admin, north, south):
    with time_machine.travel(w.NOW, tick=False):
        yield w.build(street_admin, north, south)


def _page(user, since, until, community=None):
    params = {"since": since.isoformat(), "until": until.isoformat()}
    if community is not None:
        params["community"] = community.pk
    with time_machine.travel(w.NOW, tick=False):
        response = client_for(user).get("/dashboard/", params)
    assert response.status_code == 200
    return response


def _shown(response) -> dict:
    return {r["figure"].key: r["value"] for rows in response.context["groups"].values()
            for r in rows}


@pytest.mark.parametrize(("since", "until"), PERIODS)
def test_every_figure_matches_the_records_for_a_leader(world, leader, since, until):
    assert _shown(_page(leader, since, until)) == w.expected(world, viewer="street",
                                                              community=None, since=since,
                                                              until=until)


@pytest.mark.parametrize(("since", "until"), PERIODS[:2])
def test_every_figure_matches_the_records_for_one_community(world, leader, since, until):
    south = world["communities"]["south"]
    assert _shown(_page(leader, since, until, south)) == w.expected(
        world, viewer="street", community="south", since=since, until=until)


@pytest.mark.parametrize(("since", "until"), PERIODS[:2])
def test_a_community_worker_sees_the_figures_of_their_community(world, worker, since, until):
    shown = _shown(_page(worker, since, until))
    assert shown == w.expected(world, viewer="north", community=None, since=since, until=until)
    assert "correction_sessions" not in shown


def test_a_community_worker_cannot_choose_another_community(world, worker):
    south = world["communities"]["south"]
    with time_machine.travel(w.NOW, tick=False):
        response = client_for(worker).get("/dashboard/", {"since": "2025-01-01",
                                                          "until": "2025-12-31",
                                                          "community": south.pk})
    assert response.status_code == 400
    assert _shown(response) == w.expected(world, viewer="north", community=None,
                                          since=dt.date(2026, 1, 1), until=dt.date(2026, 6, 15))


def test_the_default_period_is_this_year_so_far_beside_the_same_days_a_year_earlier(
        world, leader):
    with time_machine.travel(w.NOW, tick=False):
        response = client_for(leader).get("/dashboard/")
    assert (response.context["since"], response.context["until"]) == (
        dt.date(2026, 1, 1), dt.date(2026, 6, 15))
    assert response.context["earlier"] == (dt.date(2025, 1, 1), dt.date(2025, 6, 15))
    before = w.expected(world, viewer="street", community=None, since=dt.date(2025, 1, 1),
                        until=dt.date(2025, 6, 15))
    assert {r["figure"].key: r["previous"] for rows in response.context["groups"].values()
            for r in rows} == before


def _count_in_list(client, url: str) -> int:
    body = client.get(url).content.decode()
    if url.startswith("/cases/"):
        return len(re.findall(r'href="/cases/(\d+)/"', body))
    if url.startswith("/outreach/reach/"):
        return -1
    if url.startswith("/outreach/"):
        return len(re.findall(r'href="/outreach/(\d+)/"', body))
    if url.startswith("/assessments/"):
        return len(set(re.findall(r'data-community="(\d+)"', body)))  # communities, once
    if url.startswith("/org/units/"):
        return len(re.findall(r'href="/org/units/(\d+)/"', body))
    return len(re.findall(r'href="/org/agreements/(\d+)/"', body))


# Three years hold every record of the world; 2025 alone leaves records on both sides of it,
# so a link that drops a bound of its period lists more than its figure counts.
@pytest.mark.parametrize("community", [None, "south"])
@pytest.mark.parametrize("period", [PERIODS[1], PERIODS[0]], ids=["three-years", "2025"])
def test_each_figure_links_to_exactly_the_records_it_counts(world, leader, community, period):
    since, until = period
    region = world["communities"][community] if community else None
    response = _page(leader, since, until, region)
    client = client_for(leader)
    checked = 0
    for rows in response.context["groups"].values():
        for r in rows:
            figure = r["figure"]
            if figure.rate or figure.key in ("attendance", "unique_people", "six_places",
                                             "cadre_exams", "exam_enrolled"):
                continue  # a rate links to its denominator, people to the activities, the
                # exams' figures to the exams page (not filtered by period; no exam here)
            with time_machine.travel(w.NOW, tick=False):
                listed = _count_in_list(client, r["url"] + "&per_page=100")
            assert listed == r["value"], (figure.key, r["url"])
            checked += 1
    assert checked == 13


def test_the_dashboard_costs_the_same_queries_for_a_month_and_for_three_years(world, leader):
    def queries(since, until):
        with CaptureQueriesContext(connection) as ctx:
            _page(leader, since, until)
        return len(ctx.captured_queries)

    assert queries(dt.date(2025, 3, 1), dt.date(2025, 3, 31)) == queries(
        dt.date(2024, 1, 1), dt.date(2026, 6, 15))


def test_every_figure_has_a_definition_and_a_chinese_label(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        for figure in FIGURES:
            assert str(figure.definition)
            assert re.search(r"[\u4e00-\u9fff]", str(figure.label)), figure.key


def test_administration_roles_and_visitors_get_no_dashboard(auditor, client):
    assert client_for(auditor).get("/dashboard/").status_code == 403
    assert client.get("/dashboard/").status_code == 302


def test_the_api_gives_the_dashboards_figures(world, leader, worker):
    since, until = PERIODS[0]
    with time_machine.travel(w.NOW, tick=False):
        response = client_for(leader).get("/api/v1/reports/figures", {
            "since": since.isoformat(), "until": until.isoformat()})
    assert response.status_code == 200
    assert {row["key"]: row["value"] for row in response.json()} == w.expected(
        world, viewer="street", community=None, since=since, until=until)
    south = world["communities"]["south"]
    refused = client_for(worker).get("/api/v1/reports/figures", {
        "since": since.isoformat(), "until": until.isoformat(), "community": south.pk})
    assert refused.status_code == 403
    backwards = client_for(leader).get("/api/v1/reports/figures", {"since": "2025-02-01",
                                                                   "until": "2025-01-01"})
    assert backwards.status_code == 422


def test_a_leader_lands_on_the_dashboard_and_staff_on_the_workbench(leader, street_staff):
    assert client_for(leader).get("/work/")["Location"] == "/dashboard/"
    assert client_for(street_staff).get("/work/").status_code == 200
    nav = client_for(street_staff).get("/dashboard/").content.decode()
    assert '<a href="/dashboard/">领导看板</a>' in nav


def test_a_drilled_case_list_says_it_is_narrowed_by_a_figure(world, leader):
    client = client_for(leader)
    drilled = client.get("/cases/", {"concluded_since": "2025-01-01",
                                     "concluded_until": "2025-12-31", "mediated": "on"})
    assert 'data-testid="drill-down"' in drilled.content.decode()
    assert 'data-testid="drill-down"' not in client.get("/cases/").content.decode()
