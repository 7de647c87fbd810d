"""The assessments access rules (fazhi/assessments/access.py) as a table: for every role, an
anonymous visitor and an object that is no user at all, who edits the tree, who reviews and
who self-assesses which community. Expected values are written out by hand from access.py's
docstring."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from conftest import make_user
from fazhi.assessments import access
from fazhi.core.roles import Role

# role: (edits the tree, reviews, self-assesses their own community)
RIGHTS = {
    Role.STREET_ADMIN: (True, True, False),
    Role.STREET_STAFF: (False, True, False),
    Role.LEADER: (False, False, False),
    Role.COMMUNITY_WORKER: (False, False, True),
    Role.MEDIATOR: (False, False, False),
    Role.LAWYER: (False, False, False),
    Role.AUDITOR: (False, False, False),
    Role.SYSTEM_ADMIN: (False, False, False),
    Role.SECURITY_ADMIN: (False, False, False),
}


def _raises(check, *args) -> bool:
    try:
        check(*args)
    except PermissionDenied:
        return True
    return False


def test_the_table_names_every_role():
    assert set(RIGHTS) == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_the_rights_the_table_says(role, north, south):
    user = make_user(f"u_{role}", role, north)
    edits, reviews, assesses = RIGHTS[role]
    assert access.is_tree_editor(user) is edits
    assert access.is_reviewer(user) is reviews
    assert access.may_self_assess(user, north.pk) is assesses
    assert access.may_self_assess(user, south.pk) is False
    assert access.may_self_assess(user, None) is False
    assert _raises(access.require_tree_editor, user) is not edits
    assert _raises(access.require_reviewer, user) is not reviews
    assert _raises(access.require_self_assessor, user, north.pk) is not assesses
    assert _raises(access.require_self_assessor, user, south.pk)


@pytest.mark.django_db
def test_an_anonymous_visitor_has_no_right(north):
    visitor = AnonymousUser()
    assert access.is_tree_editor(visitor) is False
    assert access.is_reviewer(visitor) is False
    assert access.may_self_assess(visitor, north.pk) is False
    assert _raises(access.require_tree_editor, visitor)
    assert _raises(access.require_reviewer, visitor)
    assert _raises(access.require_self_assessor, visitor, north.pk)


def test_an_object_without_a_sign_in_state_has_no_right():
    """A role alone (no ``is_authenticated``) is not a signed-in account: no right, no error."""
    admin = SimpleNamespace(role=Role.STREET_ADMIN, pk=1, community_id=None)
    worker = SimpleNamespace(role=Role.COMMUNITY_WORKER, pk=2, community_id=7)
    assert access.is_tree_editor(admin) is False
    assert access.is_reviewer(admin) is False
    assert access.may_self_assess(worker, 7) is False
