"""Every id an outreach service is given is checked against the actor's scope in the service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.audit.models import Entry
from fazhi.outreach.models import Activity
from fazhi.outreach.services.activities import activity_create, activity_update
from fazhi.outreach.services.checkin import signins_export

from .conftest import add_item, at, make_activity

pytestmark = pytest.mark.django_db


def test_a_worker_cannot_tie_an_activity_to_another_units_list_item(worker, north, draft_list):
    theirs = add_item(draft_list)  # the police station's list: a community worker cannot read it
    with pytest.raises(ValidationError) as refused:
        activity_create(actor=worker, items=[theirs], kind=Activity.Kind.LECTURE_HALL,
                                 title="宪法讲座", community=north, venue="社区活动室",
                                 starts_at=at(2026, 3, 10, 9), ends_at=at(2026, 3, 10, 11))
    assert list(refused.value.message_dict) == ["items"]
    assert not Activity.objects.exists()
    ours = make_activity(community=north)
    with pytest.raises(ValidationError):
        activity_update(actor=worker, activity=ours, expected_version=ours.version,
                                 items=[theirs])
    assert list(ours.items.all()) == []


def test_staff_who_may_not_see_a_correction_activity_cannot_export_its_attendees(street_staff):
    restricted = make_activity(kind=Activity.Kind.CORRECTION, title="社区矫正集中教育")
    with pytest.raises(PermissionDenied):
        signins_export(actor=street_staff, activity=restricted)
    assert not Entry.objects.filter(action="export").exists()
