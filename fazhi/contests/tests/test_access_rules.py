"""The contests access rules (fazhi/contests/access.py) as a table: for every role, an anonymous
visitor and an object that is no user at all, who organises contests and who reads their
results. Expected values are written out by hand from access.py's docstring."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from conftest import make_user
from fazhi.contests import access
from fazhi.core.roles import Role

# role: (may_organise, may_read)
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


def _raises(check, actor) -> bool:
    try:
        check(actor)
    except PermissionDenied:
        return True
    return False


def test_the_table_names_every_role():
    assert set(RIGHTS) == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_organises_and_reads_as_the_table_says(role, north):
    user = make_user(f"u_{role}", role, north)
    organises, reads = RIGHTS[role]
    assert (access.may_organise(user), access.may_read(user)) == (organises, reads)
    assert _raises(access.require_organiser, user) is not organises
    assert _raises(access.require_contest_reader, user) is not reads


def test_an_anonymous_visitor_has_no_staff_right():
    visitor = AnonymousUser()
    assert access.may_organise(visitor) is False
    assert access.may_read(visitor) is False
    assert _raises(access.require_organiser, visitor)
    assert _raises(access.require_contest_reader, visitor)


def test_an_object_without_a_sign_in_state_has_no_staff_right():
    """A role alone (no ``is_authenticated``) is not a signed-in account: no right, no error."""
    stranger = SimpleNamespace(role=Role.STREET_ADMIN, pk=1)
    assert access.may_organise(stranger) is False
    assert access.may_read(stranger) is False
