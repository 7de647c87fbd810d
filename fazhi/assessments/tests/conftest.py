"""Fixtures of the assessments app: the records a community is measured on (north: a mediation
committee with four mediators, a workroom, three law-savvy residents, 12 activities and 20
disputes of 2026 of which 19 mediated, a resident lawyer whose firm has a legal-service
agreement, a co-building agreement; south: nothing) and a 2025–2026 cycle with the default
tree (frozen clock: 2026-11-30 10:00 Beijing)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.assessments.models import Cycle
from fazhi.assessments.services import cycle_create
from fazhi.cases.models import Case, Category
from fazhi.org.models import Agreement, Person, Region, Unit
from fazhi.outreach.models import Activity

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=TZ)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def community_records(community: Region, *, year: int = 2026, activities: int = 12,
                      disputes: int = 20, mediated: int = 19) -> None:
    """The records the automatic items read, for one community."""
    sub = community.parent
    Unit.objects.create(name=f"{community.name}人民调解委员会",
                        kind=Unit.Kind.MEDIATION_COMMITTEE, region=community)
    room = Unit.objects.create(name=f"{community.name}综治工作室",
                               kind=Unit.Kind.COMMUNITY_WORKROOM, region=community)
    firm = Unit.objects.create(name=f"{community.name}律所", kind=Unit.Kind.LAW_FIRM, region=sub)
    company = Unit.objects.create(name=f"{community.name}物业", kind=Unit.Kind.PROPERTY_COMPANY,
                                  region=community)
    people = [Person(name=f"调解员{i}", kind=Person.Kind.MEDIATOR if i == 0 else
                     Person.Kind.RED_VEST, community=community, unit=room) for i in range(4)]
    people += [Person(name=f"明白人{i}", kind=Person.Kind.LAW_SAVVY, community=community)
               for i in range(3)]
    people.append(Person(name="驻社区律师", kind=Person.Kind.LAWYER, community=community,
                         unit=firm))
    Person.objects.bulk_create(people)
    legal = Agreement.objects.create(title=f"{community.name}法律顾问协议",
                                     kind=Agreement.Kind.LEGAL_SERVICE, region=sub,
                                     signed_on=dt.date(year, 1, 1), starts_on=dt.date(year, 1, 1),
                                     ends_on=dt.date(year, 12, 31))
    legal.parties.add(firm)
    building = Agreement.objects.create(title=f"{community.name}共驻共建协议",
                                        kind=Agreement.Kind.CO_BUILDING, region=community,
                                        signed_on=dt.date(year - 1, 3, 1),
                                        starts_on=dt.date(year - 1, 3, 1),
                                        ends_on=dt.date(year + 1, 2, 28))
    building.parties.add(company)
    for i in range(activities):
        start = dt.datetime(year, 1 + i % 10, 10, 9, 0, tzinfo=TZ)
        Activity.objects.create(kind=Activity.Kind.LECTURE_HALL, title=f"讲堂{i}",
                                starts_at=start, ends_at=start + dt.timedelta(hours=1),
                                community=community, code=f"{community.code}{i:04d}"[-12:],
                                venue="活动室")
    category = Category.objects.filter(code="neighbour").first() or Category.objects.first()
    for i in range(disputes):
        received = dt.datetime(year, 2 + i % 9, 3, 9, 0, tzinfo=TZ)
        Case.objects.create(
            number=f"T-{community.code}-{i}", tracking_code=f"T{community.pk:03d}{i:05d}",
            kind="dispute", channel="station", source="application", category=category,
            community=community, title="纠纷", description="纠纷", state="closed",
            outcome="agreement_written" if i < mediated else "mediation_terminated",
            received_at=received, concluded_at=received + dt.timedelta(days=5))


@pytest.fixture
def records(north):
    community_records(north)
    return north


@pytest.fixture
def cycle(street_admin, frozen) -> Cycle:
    return cycle_create(actor=street_admin, title="2025—2026年度", first_year=2025)
