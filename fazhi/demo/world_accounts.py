"""One demo account per role, all with the documented demo password. The accounts of people in
the organisation are linked to their person record. Administrators (admin, auditor, sysadmin,
secadmin) must enrol a TOTP authenticator at their first log-in: that is the product's rule."""

from __future__ import annotations

import random

from django.utils.translation import gettext_noop

from fazhi.accounts.services import user_create
from fazhi.core.roles import SECOND_FACTOR_ROLES, Role
from fazhi.org.models import Person

from .world import DEMO_PASSWORD, World

ACCOUNTS = [  # username, role, community code, person kind to link, what it is for
    ("admin", Role.STREET_ADMIN, None, Person.Kind.STAFF, "西马街道管理员"),
    ("staff", Role.STREET_STAFF, None, Person.Kind.STAFF, "街道工作人员"),
    ("worker", Role.COMMUNITY_WORKER, "XM-JHBL", Person.Kind.COMMUNITY_WORKER, "江汉北路社区专干"),
    ("worker2", Role.COMMUNITY_WORKER, "XM-GX", Person.Kind.COMMUNITY_WORKER, "高雄社区专干"),
    ("mediator", Role.MEDIATOR, "XM-JHBL", Person.Kind.MEDIATOR, "江汉北路社区调解员"),
    ("lawyer", Role.LAWYER, "XM-JHBL", Person.Kind.LAWYER, "江汉北路社区驻社区律师"),
    ("leader", Role.LEADER, None, None, "街道领导（只读）"),
    ("auditor", Role.AUDITOR, None, None, "审计管理员"),
    ("sysadmin", Role.SYSTEM_ADMIN, None, None, "系统管理员"),
    ("secadmin", Role.SECURITY_ADMIN, None, None, "安全管理员"),
]
NOTE = gettext_noop("Administrators (admin, auditor, sysadmin, secadmin) enrol a TOTP "
                    "authenticator app at their first log-in.")


def _person_for(world: World, kind: str | None, community_id: int | None, used: set[int]):
    if kind is None:
        return None
    for person in world.people.get(kind, []):
        if person.pk not in used and (community_id is None or person.community_id == community_id):
            used.add(person.pk)
            return person
    return None


def build(rng: random.Random, world: World) -> None:
    used: set[int] = set()
    for username, role, code, kind, label in ACCOUNTS:
        community = world.regions[code] if code else None
        person = _person_for(world, kind, community.pk if community else None, used)
        mobile = world.mobile(rng)
        user = user_create(
            actor=None, username=username, password=DEMO_PASSWORD, role=role,
            display_name=person.name if person else label, mobile=mobile,
            community_id=community.pk if community else None,
            unit_id=person.unit_id if person else None, person_id=person.pk if person else None,
        )
        world.users[username] = user
        world.accounts.append({
            "username": username, "password": DEMO_PASSWORD, "role": str(role.label),
            "community": community.name if community else "—", "mobile": mobile,
            "totp": "yes" if role in SECOND_FACTOR_ROLES else "no", "what": label,
        })
