"""One figure read alone (``Figure.count``) and who is shown which figure, against the varied
world's own rows (tests/world.py: plain Python, never the selector under test)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from fazhi.reports.figures import FIGURES, visible_figures

from . import world as w

pytestmark = pytest.mark.django_db

SINCE, UNTIL = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
# Shown only to justice-office roles (correction) or street-wide ones (the cadre exams).
GUARDED = {"correction_sessions", "cadre_exams", "exam_enrolled", "exam_sat_rate",
           "exam_pass_rate", "exam_excellent_rate"}


@pytest.fixture
def world(street_admin, north, south):
    with time_machine.travel(w.NOW, tick=False):
        yield w.build(street_admin, north, south)


def _alone(actor, community=None) -> dict:
    with time_machine.travel(w.NOW, tick=False):
        return {f.key: f.count(actor=actor, since=SINCE, until=UNTIL, community=community)
                for f in visible_figures(actor)}


def test_each_figure_alone_counts_a_chosen_community_in_the_period(world, leader):
    south = world["communities"]["south"]
    expected = w.expected(world, viewer="street", community="south", since=SINCE, until=UNTIL)
    assert _alone(leader, south.pk) == expected
    whole = w.expected(world, viewer="street", community=None, since=SINCE, until=UNTIL)
    assert expected["received"] != whole["received"]  # the community is not ignored


def test_each_figure_alone_counts_only_what_a_community_worker_sees(world, worker):
    assert _alone(worker) == w.expected(world, viewer="north", community=None, since=SINCE,
                                        until=UNTIL)


def test_a_shorter_period_counts_fewer_cases(world, leader):
    figure = next(f for f in FIGURES if f.key == "received")
    with time_machine.travel(w.NOW, tick=False):
        year = figure.count(actor=leader, since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31))
    assert year == w.expected(world, viewer="street", community=None, since=dt.date(2025, 1, 1),
                              until=dt.date(2025, 12, 31))["received"]
    assert year < _alone(leader)["received"]


def test_who_is_shown_which_figure(leader, worker, street_staff, street_admin):
    every = {f.key for f in FIGURES}
    assert {f.key for f in visible_figures(street_admin)} == every
    assert {f.key for f in visible_figures(leader)} == every
    assert {f.key for f in visible_figures(street_staff)} == every - {"correction_sessions"}
    assert {f.key for f in visible_figures(worker)} == every - GUARDED
    assert {f.key for f in visible_figures(AnonymousUser())} == every - GUARDED


def test_a_sandai_figure_picks_its_own_mode_and_zero_when_no_case_used_it():
    # The 三代 figures' picks are made by _mode when the module loads; made here again so a
    # change to it shows (a source's row holds only the modes the period's cases used).
    from fazhi.reports.figures import _mode

    used = {"claim": 3, "affairs": 1}
    assert [_mode(m)(used) for m in ("claim", "wishes", "affairs")] == [3, 0, 1]
    assert _mode("wishes")({}) == 0
