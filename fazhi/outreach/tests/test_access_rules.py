"""The outreach access rules (fazhi/outreach/access.py) as a table: for each role kind, which
activities and lists it reads, which it may edit, review or create. Expected values are written
out by hand from the docstring of access.py, never computed by the rules under test."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Unit
from fazhi.outreach import access
from fazhi.outreach.models import Activity, ResponsibilityList, WalkIn

from .conftest import make_activity

K = Activity.Kind


@pytest.fixture
def w(north, south, police, court):
    acts = {
        "north": make_activity(community=north, title="北"),
        "south": make_activity(community=south, title="南"),
        "street": make_activity(title="街道"),
        "police": make_activity(unit=police, title="所"),
        "police_south": make_activity(unit=police, community=south, title="所南"),
        "court": make_activity(unit=court, title="庭"),
        "correction_north": make_activity(kind=K.CORRECTION, community=north, title="矫北"),
        "correction_police": make_activity(kind=K.CORRECTION, unit=police, title="矫所"),
    }
    for activity in acts.values():
        WalkIn.objects.create(activity=activity, count=1)
    lists = {"police": ResponsibilityList.objects.create(unit=police, year=2026),
             "court": ResponsibilityList.objects.create(unit=court, year=2026)}
    users = {
        "admin": make_user("admin", Role.STREET_ADMIN),
        "staff": make_user("staff", Role.STREET_STAFF),
        "leader": make_user("leader", Role.LEADER),
        "worker": make_user("worker", Role.COMMUNITY_WORKER, north),
        "police": make_user("police", Role.MEDIATOR, unit_id=police.pk),
        "police_north": make_user("police_north", Role.LAWYER, north, unit_id=police.pk),
        "seconded": make_user("seconded", Role.STREET_STAFF, unit_id=police.pk),
        "floating": make_user("floating", Role.MEDIATOR),
    }
    return {"acts": acts, "lists": lists, "users": users}


# Who reads which activity (street-wide roles everything; a community's workers their
# community's and the street-wide ones; a unit's members also their unit's; correction
# sessions only the justice-office roles: the sub-district administrator and the leader).
READS = {
    "admin": {"north", "south", "street", "police", "police_south", "court", "correction_north",
              "correction_police"},
    "leader": {"north", "south", "street", "police", "police_south", "court", "correction_north",
               "correction_police"},
    "staff": {"north", "south", "street", "police", "police_south", "court"},
    "seconded": {"north", "south", "street", "police", "police_south", "court"},
    "worker": {"north", "street", "police", "court"},
    "police": {"street", "police", "court", "police_south"},
    "police_north": {"north", "street", "police", "court", "police_south"},
    "floating": {"street", "police", "court"},
}


@pytest.mark.parametrize("who", sorted(READS))
def test_each_role_reads_exactly_its_activities(w, who):
    names = {v.pk: k for k, v in w["acts"].items()}
    actor = w["users"][who]
    direct = {names[a.pk] for a in Activity.objects.filter(access.activity_scope(actor))}
    through = {names[x.activity_id]
               for x in WalkIn.objects.filter(access.activity_scope(actor, "activity"))}
    assert direct == READS[who]
    assert through == READS[who]


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN])
def test_administration_roles_and_visitors_read_no_activity_and_no_list(w, role):
    actor = make_user("adm", role)
    for rule in (access.activity_scope, access.list_scope):
        with pytest.raises(PermissionDenied):
            rule(actor)
        with pytest.raises(PermissionDenied):
            rule(AnonymousUser())


def test_each_role_reads_exactly_its_lists(w):
    names = {v.pk: k for k, v in w["lists"].items()}
    seen = {who: {names[x.pk] for x in ResponsibilityList.objects.filter(access.list_scope(u))}
            for who, u in w["users"].items()}
    assert seen == {"admin": {"police", "court"}, "staff": {"police", "court"},
                    "leader": {"police", "court"}, "seconded": {"police", "court"},
                    "worker": set(), "police": {"police"}, "police_north": {"police"},
                    "floating": set()}


def test_who_reviews_and_who_edits_a_list(w):
    lists, users = w["lists"], w["users"]
    review = {who: [access.may_review_list(u, lists[k]) for k in ("police", "court")]
              for who, u in users.items()}
    edit = {who: [access.may_edit_list(u, lists[k]) for k in ("police", "court")]
            for who, u in users.items()}
    assert review == {"admin": [True, True], "staff": [True, True], "leader": [False, False],
                      "seconded": [False, True], "worker": [False, False],
                      "police": [False, False], "police_north": [False, False],
                      "floating": [False, False]}
    assert edit == {"admin": [True, True], "staff": [True, True], "leader": [False, False],
                    "seconded": [True, True], "worker": [False, False],
                    "police": [True, False], "police_north": [True, False],
                    "floating": [False, False]}
    assert access.may_edit_list(AnonymousUser(), lists["police"]) is False
    assert [access.is_reviewer(u) for u in (users["admin"], users["leader"], AnonymousUser())] == [
        True, False, False]


# Who edits which activity: reviewers every one they may see; a unit's writers their unit's; a
# community's writers their community's (never a street-wide one); the leader none.
EDITS = {
    "admin": READS["admin"],
    "staff": READS["staff"],
    "seconded": READS["seconded"],
    "leader": set(),
    "worker": {"north"},
    "police": {"police", "police_south"},
    "police_north": {"north", "police", "police_south"},
    "floating": set(),
}


@pytest.mark.parametrize("who", sorted(EDITS))
def test_each_role_edits_exactly_its_activities(w, who):
    actor = w["users"][who]
    assert {k for k, a in w["acts"].items() if access.may_edit_activity(actor, a)} == EDITS[who]


def test_only_justice_roles_see_a_correction_session(w):
    acts, users = w["acts"], w["users"]
    assert [access.may_see_activity(users[u], acts["correction_north"])
            for u in ("admin", "leader", "staff", "worker")] == [True, True, False, False]
    assert access.may_see_activity(users["worker"], acts["north"]) is True
    assert access.may_see_activity(AnonymousUser(), acts["street"]) is True
    assert access.may_see_activity(AnonymousUser(), acts["correction_police"]) is False


def test_who_may_create_an_activity_of_a_kind_where(w, north, south, police, court):
    users = w["users"]

    def may(who, kind=K.LECTURE_HALL, community=None, unit=None):
        return access.may_create_activity(
            users[who], kind=kind, community_id=community.pk if community else None,
            unit_id=unit.pk if unit else None)

    assert may("worker", community=north) is True
    assert may("worker", community=south) is False
    assert may("worker") is False
    assert may("worker", kind=K.CORRECTION, community=north) is False
    assert may("police", unit=police) is True
    assert may("police", unit=court) is False
    assert may("police", kind=K.CORRECTION, unit=police) is False
    assert may("staff") is True
    assert may("staff", kind=K.CORRECTION) is False
    assert may("admin", kind=K.CORRECTION) is True
    assert may("leader", community=north) is False
    assert may("floating") is False
    assert may("floating", unit=court) is False


def test_a_unit_member_without_a_unit_on_the_activity_edits_nothing_by_unit(w, subdistrict):
    other = Unit.objects.create(name="无人单位", kind=Unit.Kind.OTHER, region=subdistrict)
    floating = w["users"]["floating"]
    activity = make_activity(unit=other, title="无人")
    assert access.may_edit_activity(floating, activity) is False


def test_a_visitor_without_a_role_edits_no_activity(w):
    visitor = AnonymousUser()  # no can_write, no role: refused before either is read
    assert [access.may_edit_activity(visitor, a) for a in w["acts"].values()] == [False] * 8
