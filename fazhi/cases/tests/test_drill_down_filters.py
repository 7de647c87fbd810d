"""The dashboard's drill-down filters on the case list (``cases._drill_down``), read directly:
concluded in a period (either bound alone, both, and only cases with an outcome), mediated
successfully, backlog petitions. Written against mutants of ``fazhi/cases/selectors/cases.py``
that the figures' links (both bounds always given) left alive."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case
from fazhi.cases.selectors import case_list_for
from fazhi.core.workdays import SHANGHAI

from .factories import make_case

pytestmark = pytest.mark.django_db


def _at(y, m, d):
    return dt.datetime(y, m, d, 10, tzinfo=SHANGHAI)


@pytest.fixture
def concluded(street_staff, north):
    """Cases concluded before, inside and after March 2025 (the last inside one without an
    outcome, as no service leaves a case), and one still open."""
    made = {}
    for key, at, outcome in (("february", _at(2025, 2, 28), "agreement_written"),
                             ("march-first", _at(2025, 3, 1), "agreement_oral"),
                             ("march-last", _at(2025, 3, 31), "mediation_terminated"),
                             ("april", _at(2025, 4, 1), "agreement_written"),
                             ("no-outcome", _at(2025, 3, 15), ""),
                             ("open", None, "")):
        case = make_case(street_staff, north, title=key)
        Case.objects.filter(pk=case.pk).update(concluded_at=at, outcome=outcome,
                                               state="closed" if at else "in_progress")
        made[key] = case.pk
    return made


def _titles(actor, **filters):
    return sorted(case_list_for(actor=actor, **filters).values_list("title", flat=True))


def test_concluded_in_a_period_means_both_bounds_and_an_outcome(street_staff, concluded):
    march = {"concluded_since": dt.date(2025, 3, 1), "concluded_until": dt.date(2025, 3, 31)}
    assert _titles(street_staff, **march) == ["march-first", "march-last"]


def test_either_bound_of_the_period_holds_alone(street_staff, concluded):
    assert _titles(street_staff, concluded_since=dt.date(2025, 3, 1)) == [
        "april", "march-first", "march-last"]
    assert _titles(street_staff, concluded_until=dt.date(2025, 3, 31)) == [
        "february", "march-first", "march-last"]


def test_mediated_means_an_agreement_reached(street_staff, concluded):
    assert _titles(street_staff, mediated=True) == ["april", "february", "march-first"]
