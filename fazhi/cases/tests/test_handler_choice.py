"""Who may take a case as handler or agent (``cases.access.handlers_q``): the street-wide
writers, and the writers of the case's community, or of any community for a case without one.
Written against mutants of ``fazhi/cases/access.py`` that survived its run of 1 December."""

from __future__ import annotations

import pytest

from conftest import make_user
from fazhi.accounts.models import User
from fazhi.cases.access import handlers_q
from fazhi.core.roles import Role

from .factories import make_case

pytestmark = pytest.mark.django_db


def _takers(case) -> list[str]:
    return sorted(User.objects.filter(handlers_q(case)).values_list("username", flat=True))


def test_a_community_case_is_taken_by_its_communitys_writers_and_the_street_staff(
        street_staff, north, south):
    make_user("north_worker", Role.COMMUNITY_WORKER, north)
    make_user("south_worker", Role.COMMUNITY_WORKER, south)
    make_user("north_auditor", Role.AUDITOR, north)  # reads, never writes
    case = make_case(street_staff, north)
    assert _takers(case) == sorted(["north_worker", street_staff.username])


def test_a_case_without_a_community_is_taken_by_any_communitys_writers(street_staff, north,
                                                                        south):
    make_user("north_worker", Role.COMMUNITY_WORKER, north)
    make_user("south_mediator", Role.MEDIATOR, south)
    make_user("north_auditor", Role.AUDITOR, north)
    case = make_case(street_staff, None)
    assert _takers(case) == sorted(["north_worker", "south_mediator", street_staff.username])
