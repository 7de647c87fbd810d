"""The voting access rules (fazhi/voting/access.py) as a table: for every role, an anonymous
visitor and an object that is no user at all, who manages campaigns, who reads results and who
marks as a juror. Expected values are written out by hand from access.py's docstring."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.voting import access

# role: (may_manage, may_read_results)
RIGHTS = {
    Role.STREET_ADMIN: (True, True),
    Role.STREET_STAFF: (True, True),
    Role.LEADER: (False, True),
    Role.COMMUNITY_WORKER: (False, False),
    Role.MEDIATOR: (False, False),
    Role.LAWYER: (False, False),
    Role.AUDITOR: (False, False),
    Role.SYSTEM_ADMIN: (False, False),
    Role.SECURITY_ADMIN: (False, False),
}
# Any signed-in staff account named on the campaign marks; the administration roles never.
JUROR_ROLES = {Role.STREET_ADMIN, Role.STREET_STAFF, Role.LEADER, Role.COMMUNITY_WORKER,
               Role.MEDIATOR, Role.LAWYER}


def test_the_table_names_every_role():
    assert set(RIGHTS) == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_manages_and_reads_results_as_the_table_says(role, north):
    user = make_user(f"u_{role}", role, north)
    assert (access.may_manage(user), access.may_read_results(user)) == RIGHTS[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_a_named_juror_marks_unless_an_administration_role(role, north, campaign,
                                                           other_campaign):
    juror = make_user(f"j_{role}", role, north)
    bystander = make_user(f"b_{role}", role, north)
    campaign.jurors.add(juror)
    assert access.is_juror(juror, campaign) is (role in JUROR_ROLES)
    assert access.is_juror(juror, other_campaign) is False
    assert access.is_juror(bystander, campaign) is False


@pytest.mark.django_db
def test_an_anonymous_visitor_has_no_staff_right(campaign):
    visitor = AnonymousUser()
    assert access.may_manage(visitor) is False
    assert access.may_read_results(visitor) is False
    assert access.is_juror(visitor, campaign) is False


def test_an_object_without_a_sign_in_state_has_no_staff_right():
    """A role alone (no ``is_authenticated``) is not a signed-in account: no right, no error."""
    stranger = SimpleNamespace(role=Role.STREET_ADMIN, pk=1)
    assert access.may_manage(stranger) is False
    assert access.may_read_results(stranger) is False
