"""The access rules of casework (cases/access.py), each role against the exact set it may read.

Written to kill the mutants ``make mutate MODULE=fazhi/cases/access.py`` left alive: every
branch of ``case_scope`` is asserted as a set, never as "an outsider gets nothing".
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from conftest import make_user
from fazhi.cases.access import case_scope, may_write, require_reader, require_writer
from fazhi.cases.models import AgencyMode, Case
from fazhi.core.roles import Role

from .factories import make_case


@pytest.fixture
def world(street_admin, north, south, mediator, lawyer):
    """Five cases: north's, south's, one without a community, one in south handled by north's
    mediator and one in south where north's lawyer acts as agent; a drifting mediator (no
    community) acts as agent in north's."""
    drifter = make_user("drifter", Role.MEDIATOR)
    cases = {
        "north": make_case(street_admin, north, title="北"),
        "south": make_case(street_admin, south, title="南"),
        "nowhere": make_case(street_admin, None, title="无社区"),
        "handled": make_case(street_admin, south, title="南·调解员承办"),
        "agent": make_case(street_admin, south, title="南·律师代理"),
    }
    Case.objects.filter(pk=cases["handled"].pk).update(handler=mediator)
    AgencyMode.objects.create(case=cases["agent"], mode=AgencyMode.Mode.CLAIM, agent=lawyer)
    AgencyMode.objects.create(case=cases["north"], mode=AgencyMode.Mode.WISHES, agent=drifter)
    return cases, drifter


def seen(actor) -> set[str]:
    return set(Case.objects.filter(case_scope(actor)).values_list("title", flat=True))


ALL = {"北", "南", "无社区", "南·调解员承办", "南·律师代理"}


def test_street_wide_roles_read_every_case(world, street_admin, street_staff, leader):
    for actor in (street_admin, street_staff, leader):
        assert seen(actor) == ALL


def test_a_community_worker_reads_their_community_and_cases_without_one(world, worker, outsider):
    assert seen(worker) == {"北", "无社区"}
    assert seen(outsider) == {"南", "无社区", "南·调解员承办", "南·律师代理"}


def test_a_mediator_also_reads_the_case_they_handle_in_another_community(world, mediator):
    assert seen(mediator) == {"北", "无社区", "南·调解员承办"}


def test_a_lawyer_also_reads_the_case_they_act_as_agent_in(world, lawyer):
    assert seen(lawyer) == {"北", "无社区", "南·律师代理"}


def test_a_community_role_without_a_community_reads_unplaced_cases_and_their_own(world):
    _cases, drifter = world
    assert seen(drifter) == {"无社区", "北"}


def test_the_scope_follows_a_relation_through_its_prefix(world, lawyer, worker):
    modes = AgencyMode.objects.filter(case_scope(lawyer, "case"))
    assert set(modes.values_list("case__title", flat=True)) == {"北", "南·律师代理"}
    modes = AgencyMode.objects.filter(case_scope(worker, "case"))
    assert set(modes.values_list("case__title", flat=True)) == {"北"}


def test_administration_roles_and_visitors_read_no_casework(world, auditor, sysadmin, secadmin):
    for actor in (auditor, sysadmin, secadmin, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            case_scope(actor)
        with pytest.raises(PermissionDenied):
            require_reader(actor)


def test_an_object_without_authentication_is_no_reader():
    class Bare:
        role = Role.STREET_ADMIN

    with pytest.raises(PermissionDenied):
        require_reader(Bare())


def test_only_writer_roles_may_write(world, worker, mediator, lawyer, street_staff, leader):
    assert [may_write(a) for a in (worker, mediator, lawyer, street_staff)] == [True] * 4
    assert may_write(leader) is False
    assert may_write(AnonymousUser()) is False
    assert may_write(object()) is False


def test_the_leader_reads_but_may_not_write(world, leader, worker, auditor):
    assert require_writer(worker) is None
    with pytest.raises(PermissionDenied):
        require_writer(leader)
    with pytest.raises(PermissionDenied):
        require_writer(auditor)
    with pytest.raises(PermissionDenied):
        require_writer(AnonymousUser())
