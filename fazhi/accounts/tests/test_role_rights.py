"""What each role may do, read off the user's properties and written out by hand.

core/roles.py holds only sets, which mutmut (it mutates code inside functions) leaves alone;
this table is what fails when a role joins or leaves one of them.
"""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.core.roles import Role

# role: (sees every community, writes, unmasks, second factor, administration, justice records)
RIGHTS = {
    Role.STREET_ADMIN: (True, True, True, True, False, True),
    Role.STREET_STAFF: (True, True, True, False, False, False),
    Role.COMMUNITY_WORKER: (False, True, True, False, False, False),
    Role.MEDIATOR: (False, True, False, False, False, False),
    Role.LAWYER: (False, True, False, False, False, False),
    Role.LEADER: (True, False, False, False, False, True),
    Role.AUDITOR: (False, False, False, True, True, False),
    Role.SYSTEM_ADMIN: (False, False, False, True, True, False),
    Role.SECURITY_ADMIN: (False, False, False, True, True, False),
}


def test_the_table_names_every_role():
    assert set(RIGHTS) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_rights(role):
    user = User(role=role)
    assert (user.sees_all_communities, user.can_write, user.can_unmask,
            user.needs_second_factor, user.is_administration,
            user.sees_justice_records) == RIGHTS[role]
