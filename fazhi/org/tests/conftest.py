"""Organisation fixtures: a street-level unit, a unit in each community, people, an agreement."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from fazhi.org.models import Agreement, Person, Unit
from fazhi.org.services import person_secret_columns


def valid_id(birth: str = "19800101", seq: int = 123) -> str:
    body = f"420102{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def justice_office(subdistrict) -> Unit:
    return Unit.objects.create(name="西马司法所", kind=Unit.Kind.JUSTICE_OFFICE, region=subdistrict)


@pytest.fixture
def north_workroom(north) -> Unit:
    return Unit.objects.create(name="江汉北路社区综治工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north)


@pytest.fixture
def south_company(south) -> Unit:
    return Unit.objects.create(name="武汉高雄物业服务有限公司", kind=Unit.Kind.PROPERTY_COMPANY,
                               region=south)


def make_person(name: str, community=None, unit=None, kind=Person.Kind.LAW_SAVVY,
                id_number: str = "", mobile: str = "") -> Person:
    return Person.objects.create(name=name, kind=kind, community=community, unit=unit,
                                 **person_secret_columns(id_number=id_number, mobile=mobile))


@pytest.fixture
def north_person(north, north_workroom) -> Person:
    return make_person("张伟", north, north_workroom, kind=Person.Kind.LAWYER, id_number=valid_id("19800101", 1),
                       mobile="13912345678")


@pytest.fixture
def south_person(south) -> Person:
    return make_person("李娜", south, id_number=valid_id("19900202", 2), mobile="13787654321")


@pytest.fixture
def south_agreement(south, south_company) -> Agreement:
    agreement = Agreement.objects.create(
        title="高雄社区共驻共建协议", region=south, signed_on=dt.date(2026, 1, 5),
        starts_on=dt.date(2026, 1, 10), ends_on=dt.date(2026, 12, 31))
    agreement.parties.set([south_company])
    return agreement


@pytest.fixture
def worker2_like(south):
    from conftest import make_user
    from fazhi.core.roles import Role

    return make_user("worker2", Role.COMMUNITY_WORKER, south)
