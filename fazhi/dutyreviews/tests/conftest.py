"""A 2026 review of three member units, rating open now: the police station (list 60% done),
the court (100%) and the justice office (no approved list); its staff; an SMS recorder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.dutyreviews.models import Review
from fazhi.org.models import Unit
from fazhi.outreach.models import Activity, ListItem, ResponsibilityList
from tests.outbox import outbox_fixture

NOW = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing
MOBILE = "13912345678"


@pytest.fixture(autouse=True)
def _english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


outbox = outbox_fixture()


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def at(y: int, m: int, d: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, 9))


def _item(lst: ResponsibilityList, position: int, planned: int) -> ListItem:
    return ListItem.objects.create(
        responsibility_list=lst, position=position, laws=f"法律{position}", audience="居民",
        channels="讲座", planned_count=planned, quarter=position, leader="甲", person="乙",
        office="办公室", standard="完成")


def _held(item: ListItem, n: int, month: int = 3) -> None:
    for _i in range(n):
        activity = Activity.objects.create(
            kind=Activity.Kind.LECTURE_HALL, title="讲座", starts_at=at(2026, month, 10),
            ends_at=at(2026, month, 10) + dt.timedelta(hours=2), venue="活动室",
            code=f"d{Activity.objects.count() + 1:06d}")
        activity.items.add(item)


@dataclass
class Units:
    police: Unit
    court: Unit
    justice: Unit


@pytest.fixture
def units(subdistrict) -> Units:
    made = Units(*(Unit.objects.create(name=name, kind=kind, region=subdistrict,
                                       is_member_unit=True)
                   for name, kind in (("西马派出所", Unit.Kind.POLICE_STATION),
                                      ("人民法庭", Unit.Kind.COURT_TRIBUNAL),
                                      ("西马司法所", Unit.Kind.JUSTICE_OFFICE))))
    police = ResponsibilityList.objects.create(unit=made.police, year=2026,
                                               status=ResponsibilityList.Status.APPROVED)
    _held(_item(police, 1, planned=2), 3)  # 3 held, 2 credited
    _held(_item(police, 2, planned=3), 1)  # 1 of 3
    court = ResponsibilityList.objects.create(unit=made.court, year=2026,
                                              status=ResponsibilityList.Status.APPROVED)
    _held(_item(court, 1, planned=4), 4)
    draft = ResponsibilityList.objects.create(unit=made.justice, year=2026)  # never approved
    _held(_item(draft, 1, planned=2), 2)
    Unit.objects.create(name="不是成员单位", kind=Unit.Kind.PROPERTY_COMPANY, region=subdistrict,
                        is_member_unit=False)
    return made


@pytest.fixture
def police_user(units):
    """A writer of the police station: marks the other units for it."""
    return make_user("police", Role.MEDIATOR, unit_id=units.police.pk, mobile="13900139000")


@pytest.fixture
def court_user(units):
    return make_user("courtclerk", Role.MEDIATOR, unit_id=units.court.pk, mobile="13900139001")


@pytest.fixture
def panelist(north):
    return make_user("panelist", Role.LAWYER, north)


@pytest.fixture
def review(units, street_admin, panelist, frozen) -> Review:
    from fazhi.dutyreviews.services.setup import review_create

    return review_create(actor=street_admin, year=2026, title="2026年度成员单位履职评议",
                         rating_opens_at=NOW - dt.timedelta(days=10),
                         rating_closes_at=NOW + dt.timedelta(days=20), is_published=True,
                         panel=[panelist.pk])
