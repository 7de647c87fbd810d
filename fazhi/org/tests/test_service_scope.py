"""Every id an organisation service is given is checked against the actor's scope in the
service itself (the API's scoped look-ups are not the only guard), and nothing is saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from fazhi.audit.models import Entry
from fazhi.org import services
from fazhi.org.models import Agreement, DutySlot, Person, Unit

pytestmark = pytest.mark.django_db


def test_a_worker_cannot_tie_a_person_to_a_unit_of_another_community(worker, north, south):
    theirs = Unit.objects.create(name="高雄社区居委会", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                 region=south)
    with pytest.raises(ValidationError) as refused:
        services.person_create(actor=worker, name="王芳", kind=Person.Kind.LAW_SAVVY,
                               community=north, unit=theirs)
    assert refused.value.message_dict == {"unit": ["没有这条记录。"]}
    assert not Person.objects.exists()


def test_a_worker_cannot_unmask_view_or_put_on_duty_a_person_of_another_community(
        worker, north, south):
    theirs = Person.objects.create(name="李四", kind=Person.Kind.LAW_SAVVY, community=south)
    with pytest.raises(Http404):
        services.person_unmask(actor=worker, person=theirs, field="mobile")
    with pytest.raises(Http404):
        services.person_viewed(actor=worker, person=theirs)
    with pytest.raises(ValidationError) as refused:
        services.duty_slot_create(actor=worker, person=theirs, community=north, weekday=1,
                                  start=dt.time(9), end=dt.time(11))
    assert list(refused.value.message_dict) == ["person"]
    assert not DutySlot.objects.exists()
    assert not Entry.objects.filter(object_type__startswith="org.").exists()


def test_an_agreement_names_only_units_the_actor_sees_and_its_document_opens_in_scope(
        worker, outsider, north, south):
    theirs = Unit.objects.create(name="高雄社区居委会", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                 region=south)
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(actor=worker, region=north, parties=[theirs], title="共建协议",
                                  kind=Agreement.Kind.CO_BUILDING, signed_on=dt.date(2025, 1, 2),
                                  starts_on=dt.date(2025, 1, 2), ends_on=dt.date(2026, 1, 1))
    assert list(refused.value.message_dict) == ["parties"]
    assert not Agreement.objects.exists()
    ours = Agreement.objects.create(region=north, title="共建协议", kind=Agreement.Kind.CO_BUILDING,
                                    signed_on=dt.date(2025, 1, 2), starts_on=dt.date(2025, 1, 2),
                                    ends_on=dt.date(2026, 1, 1), document="agreements/x.pdf")
    with pytest.raises(Http404):
        services.agreement_document_open(actor=outsider, agreement=ours)
    assert not Entry.objects.filter(object_type="org.agreement").exists()
