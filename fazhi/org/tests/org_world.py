"""The varied organisation world that the read tests of the org selectors share: two
communities each with a grid, street-level and district rows, people in and out of
communities, agreements at every level; and ``keys``, the names of rows in the world."""

from __future__ import annotations

import datetime as dt

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Agreement, Person, Region, Unit

from .conftest import make_person

D = dt.date


def build(subdistrict, north, south) -> dict:
    """The world. Grid names run against their parents' names (网格1 under 高雄, 网格2 under
    江汉北路), so an order by parent name differs from one by own name."""
    district = subdistrict.parent
    south_grid = Region.objects.create(name="网格1", level=Region.Level.GRID, code="G1",
                                       parent=south)
    north_grid = Region.objects.create(name="网格2", level=Region.Level.GRID, code="G2",
                                       parent=north)
    bureau = Unit.objects.create(name="区司法局", kind=Unit.Kind.JUSTICE_OFFICE, region=district)
    office = Unit.objects.create(name="西马司法所", kind=Unit.Kind.JUSTICE_OFFICE, region=subdistrict)
    workroom = Unit.objects.create(name="北路工作室", kind=Unit.Kind.COMMUNITY_WORKROOM, region=north)
    station = Unit.objects.create(name="北路网格站", kind=Unit.Kind.COMMUNITY_WORKROOM,
                                  region=north_grid)
    company = Unit.objects.create(name="高雄物业", kind=Unit.Kind.PROPERTY_COMPANY, region=south)
    people = {
        "zhangwei": make_person("张伟", north, workroom, kind=Person.Kind.LAWYER,
                                id_number="42010219800101123X", mobile="13912345678"),
        "zhangsan": make_person("张三", north, kind=Person.Kind.MEDIATOR,
                                id_number="420102800101123", mobile="13600000001"),
        "lina": make_person("李娜", south, company, id_number="420102199002021234",
                            mobile="13787654321"),
        "wangfang": make_person("王芳", None, office, kind=Person.Kind.STAFF),
    }
    people["zhangsan"].active = False
    people["zhangsan"].save()

    def agreement(title, region, kind, signed, ends, parties):
        a = Agreement.objects.create(title=title, region=region, kind=kind, signed_on=signed,
                                     starts_on=signed, ends_on=ends)
        a.parties.set(parties)
        return a

    K = Agreement.Kind
    agreements = {
        "street": agreement("西马法律服务协议", subdistrict, K.LEGAL_SERVICE, D(2026, 2, 1),
                            D(2026, 2, 20), [office]),
        "south": agreement("高雄共建协议", south, K.CO_BUILDING, D(2026, 1, 5), D(2026, 12, 31),
                           [company]),
        "north": agreement("北路共建协议", north, K.CO_BUILDING, D(2025, 6, 1), D(2026, 3, 1),
                           [workroom, office]),
        "grid": agreement("网格共建协议", north_grid, K.OTHER, D(2024, 1, 1), D(2027, 1, 1),
                          [station]),
    }
    users = {
        "staff": make_user("staff", Role.STREET_STAFF),
        "leader": make_user("leader", Role.LEADER),
        "worker": make_user("worker", Role.COMMUNITY_WORKER, north),
        "outsider": make_user("outsider", Role.COMMUNITY_WORKER, south),
        "floating": make_user("floating", Role.MEDIATOR),
        "auditor": make_user("auditor", Role.AUDITOR),
    }
    regions = {"district": district, "subdistrict": subdistrict, "north": north, "south": south,
               "north_grid": north_grid, "south_grid": south_grid}
    units = {"bureau": bureau, "office": office, "workroom": workroom, "station": station,
             "company": company}
    return {"regions": regions, "units": units, "people": people, "agreements": agreements,
            "users": users}


def keys(table: dict, rows) -> list[str]:
    by_pk = {v.pk: k for k, v in table.items()}
    return [by_pk[r.pk] for r in rows]
