"""The organisation of a Xima-like sub-district: regions, units, people, duty slots, agreements.

Rows are bulk-inserted (a large ``--scale`` must stay quick); personal data goes through the
same encrypt/hash/mask columns as the org services (``person_secret_columns``).
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.org.models import Agreement, DutySlot, Person, Region, Unit
from fazhi.org.services import person_secret_columns

from .world import World, person_name

COMMUNITIES = [  # (name, code, street for addresses)
    ("江汉北路社区", "XM-JHBL", "江汉北路"),
    ("高雄社区", "XM-GX", "高雄路"),
    ("金门社区", "XM-JM", "金门路"),
    ("西马路社区", "XM-XML", "西马路"),
    ("友谊南路社区", "XM-YYNL", "友谊南路"),
    ("三阳路社区", "XM-SYL", "三阳路"),
    ("黄石路社区", "XM-HSL", "黄石路"),
    ("洞庭街社区", "XM-DTJ", "洞庭街"),
]
GRID_NAMES = ["第一网格", "第二网格", "第三网格", "第四网格"]
STREET_UNITS = [  # (kind, name, member unit)
    (Unit.Kind.LEGAL_SERVICE_STATION, "西马街道公共法律服务站", True),
    (Unit.Kind.JUSTICE_OFFICE, "西马司法所", True),
    (Unit.Kind.COURT_TRIBUNAL, "江岸区人民法院西马人民法庭", True),
    (Unit.Kind.POLICE_STATION, "西马街派出所", True),
    (Unit.Kind.ARBITRATION, "江岸区劳动人事争议仲裁院西马工作站", True),
    (Unit.Kind.GOVERNANCE_CENTRE, "西马街道综治中心", True),
    (Unit.Kind.MEMBER_DEPARTMENT, "西马街道党政综合办公室", True),
    (Unit.Kind.MEMBER_DEPARTMENT, "西马街道城市管理执法中队", True),
    (Unit.Kind.MEMBER_DEPARTMENT, "西马街道社区建设办公室", True),
    (Unit.Kind.MEMBER_DEPARTMENT, "西马市场监督管理所", True),
    (Unit.Kind.MEMBER_DEPARTMENT, "西马街道退役军人服务站", True),
]
LAW_FIRMS = ["湖北江汉明理律师事务所", "湖北楚信衡平律师事务所", "湖北西马律和律师事务所",
             "湖北长江正源律师事务所"]
SCHOOLS = ["江岸区西马小学", "江岸区高雄路小学", "武汉市金门中学", "江岸区三阳路幼儿园"]
PROPERTY_WORDS = ["安居", "汉江", "百步", "长江", "金色", "同安", "德润", "鸿泰", "锦绣", "和美",
                  "嘉园", "江城", "新华", "盛世", "恒信", "华庭", "瑞祥", "永安", "福星", "楚天",
                  "汇通", "宏达", "银河", "兴业", "民生", "融城"]
ENTERPRISE_WORDS = ["汉口", "西马", "江岸", "鼎盛", "顺丰", "博文", "海纳", "蓝天", "金桥", "联创"]
ENTERPRISE_KINDS = ["商贸有限公司", "餐饮管理有限公司", "科技有限公司", "建筑装饰工程有限公司"]


def _landline(rng: random.Random) -> str:
    return f"027-8{rng.randrange(2000000, 3000000)}"


def _regions(rng: random.Random, world: World) -> None:
    district = Region.objects.create(name="江岸区", level=Region.Level.DISTRICT, code="JA")
    sub = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM",
                                parent=district, address="江岸区西马路 101 号")
    world.regions.update({"JA": district, "XM": sub})
    for name, code, street in COMMUNITIES:
        community = Region.objects.create(name=name, level=Region.Level.COMMUNITY, code=code,
                                          parent=sub, address=f"江岸区{street}{rng.randrange(2, 90)}号")
        world.regions[code] = community
        world.communities.append(community)
        grids = [Region(name=g, level=Region.Level.GRID, code=f"{code}-G{i + 1}", parent=community)
                 for i, g in enumerate(GRID_NAMES[:rng.randint(2, 4)])]
        for grid in Region.objects.bulk_create(grids):
            world.regions[grid.code] = grid


def _units(rng: random.Random, world: World) -> None:
    sub = world.regions["XM"]
    rows = [Unit(name=name, kind=kind, region=sub, is_member_unit=member,
                 address=f"江岸区西马路{rng.randrange(1, 200)}号", contact_name=person_name(rng),
                 contact_phone=_landline(rng)) for kind, name, member in STREET_UNITS]
    for community in world.communities:
        rows.append(Unit(name=f"{community.name}综治工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                         region=community, address=community.address,
                         contact_name=person_name(rng), contact_phone=_landline(rng)))
    # The committees that sign mediation agreements (no random draw: the world stays as it was).
    rows += [Unit(name=f"{place.name}人民调解委员会", kind=Unit.Kind.MEDIATION_COMMITTEE,
                  region=place, address=place.address) for place in [sub, *world.communities]]
    for name in LAW_FIRMS:
        rows.append(Unit(name=name, kind=Unit.Kind.LAW_FIRM, region=sub,
                         address=f"江岸区中山大道{rng.randrange(1000, 1800)}号",
                         contact_name=person_name(rng), contact_phone=_landline(rng)))
    for i, name in enumerate(SCHOOLS):
        rows.append(Unit(name=name, kind=Unit.Kind.SCHOOL, region=world.communities[i * 2],
                         contact_name=person_name(rng), contact_phone=_landline(rng)))
    for n in range(24 * world.scale):
        word = PROPERTY_WORDS[n % len(PROPERTY_WORDS)]
        suffix = "" if n < len(PROPERTY_WORDS) else f"{n // len(PROPERTY_WORDS) + 1}"
        community = world.communities[n % len(world.communities)]
        rows.append(Unit(name=f"武汉{word}{suffix}物业服务有限公司", kind=Unit.Kind.PROPERTY_COMPANY,
                         region=community, address=f"{community.address}附{n + 1}号",
                         contact_name=person_name(rng), contact_phone=world.mobile(rng)))
    for n in range(6 * world.scale):
        name = (f"武汉{ENTERPRISE_WORDS[n % len(ENTERPRISE_WORDS)]}"
                f"{ENTERPRISE_KINDS[n % len(ENTERPRISE_KINDS)]}")
        if n >= len(ENTERPRISE_WORDS):
            name = name.replace("有限公司", f"第{n // len(ENTERPRISE_WORDS) + 1}分公司")
        rows.append(Unit(name=name, kind=Unit.Kind.ENTERPRISE,
                         region=world.communities[n % len(world.communities)],
                         contact_name=person_name(rng), contact_phone=world.mobile(rng)))
    for unit in Unit.objects.bulk_create(rows):
        world.units.setdefault(unit.kind, []).append(unit)


def _person(rng: random.Random, world: World, kind: str, *, community: Region | None,
            unit: Unit | None, title: str = "", certificate: str = "") -> Person:
    return Person(name=person_name(rng), kind=kind, community=community, unit=unit, title=title,
                  certificate_no=certificate,
                  **person_secret_columns(id_number=world.id_number(rng), mobile=world.mobile(rng)))


def _people(rng: random.Random, world: World) -> None:
    units = world.units
    street = {u.kind: u for u in units[Unit.Kind.LEGAL_SERVICE_STATION] + units[Unit.Kind.JUSTICE_OFFICE]
              + units[Unit.Kind.GOVERNANCE_CENTRE]}
    rows = [
        _person(rng, world, Person.Kind.STAFF, community=None, unit=street[kind], title=title)
        for kind, title in [(Unit.Kind.JUSTICE_OFFICE, "司法所所长"),
                            (Unit.Kind.JUSTICE_OFFICE, "司法助理员"),
                            (Unit.Kind.LEGAL_SERVICE_STATION, "工作站负责人"),
                            (Unit.Kind.LEGAL_SERVICE_STATION, "法律服务专干"),
                            (Unit.Kind.GOVERNANCE_CENTRE, "综治专干"),
                            (Unit.Kind.GOVERNANCE_CENTRE, "网格管理员")]
    ]
    workrooms = {u.region_id: u for u in units[Unit.Kind.COMMUNITY_WORKROOM]}
    firms = units[Unit.Kind.LAW_FIRM]
    s = world.scale
    cert = 0
    for c_index, community in enumerate(world.communities):
        room = workrooms[community.pk]
        plan = [(Person.Kind.COMMUNITY_WORKER, 3 * s, "社区专干"),
                (Person.Kind.MEDIATOR, 1 * s, "人民调解委员会主任"),
                (Person.Kind.RED_VEST, 4 * s, "红马甲调解员"),
                (Person.Kind.LEGAL_VOLUNTEER, 2 * s, "法律志愿者")]
        for kind, count, title in plan:
            rows += [_person(rng, world, kind, community=community, unit=room, title=title)
                     for _ in range(count)]
        for _ in range((3 + rng.randint(0, 2)) * s):
            cert += 1
            rows.append(_person(rng, world, Person.Kind.LAW_SAVVY, community=community, unit=None,
                                title="法律明白人", certificate=f"JA-FLMBR-{2024 + cert % 2}-{cert:04d}"))
        rows.append(_person(rng, world, Person.Kind.LAWYER, community=community,
                            unit=firms[c_index % len(firms)], title="驻社区律师"))
    for person in Person.objects.bulk_create(rows):
        world.people.setdefault(person.kind, []).append(person)
    slots = []
    for person in world.people[Person.Kind.LAWYER]:
        for weekday in sorted(rng.sample(range(5), 2)):
            morning = rng.random() < 0.5
            slots.append(DutySlot(person=person, community_id=person.community_id, weekday=weekday,
                                  start=dt.time(9 if morning else 14, 0),
                                  end=dt.time(12 if morning else 17, 30 if not morning else 0)))
    DutySlot.objects.bulk_create(slots)


def _agreements(rng: random.Random, world: World) -> None:
    today = world.today
    rows: list[tuple[Agreement, list[int]]] = []
    for n, company in enumerate(world.units[Unit.Kind.PROPERTY_COMPANY]):
        years = rng.choice((1, 2, 3))
        if n < 3:  # a few end soon, so the staff home has something to show
            ends = today + dt.timedelta(days=10 + 15 * n)
        else:
            ends = today + dt.timedelta(days=rng.randrange(-200, 900))
        starts = ends - dt.timedelta(days=365 * years - 1)
        region = company.region
        rows.append((Agreement(title=f"{region.name}与{company.name}共驻共建协议",
                               kind=Agreement.Kind.CO_BUILDING, region=region,
                               signed_on=starts - dt.timedelta(days=rng.randrange(3, 20)),
                               starts_on=starts, ends_on=ends), [company.pk]))
    # The co-building agreements of 2016-2018 with the same companies (the sub-district
    # reported "20 and more property companies" under agreements then), three years each.
    for n, company in enumerate(world.units[Unit.Kind.PROPERTY_COMPANY]):
        starts = dt.date(2016, 1 + n % 12, 1)
        ends = starts.replace(year=starts.year + 3) - dt.timedelta(days=1)
        rows.append((Agreement(title=f"{company.region.name}与{company.name}共驻共建协议"
                                     f"（{starts.year}—{ends.year}）",
                               kind=Agreement.Kind.CO_BUILDING, region=company.region,
                               signed_on=starts - dt.timedelta(days=7), starts_on=starts,
                               ends_on=ends), [company.pk]))
    sub = world.regions["XM"]
    station = world.units[Unit.Kind.LEGAL_SERVICE_STATION][0]
    for firm in world.units[Unit.Kind.LAW_FIRM]:
        starts = dt.date(today.year, 1, 1)
        rows.append((Agreement(title=f"{firm.name}驻社区法律顾问服务协议（{today.year}年度）",
                               kind=Agreement.Kind.LEGAL_SERVICE, region=sub,
                               signed_on=starts - dt.timedelta(days=10), starts_on=starts,
                               ends_on=dt.date(today.year, 12, 31)), [firm.pk, station.pk]))
    # The resident lawyers' firms served under a three-year agreement in 2016-2018 too (the
    # model-community assessment of 2018 reads it; no random draw, the world stays as it was).
    for firm in world.units[Unit.Kind.LAW_FIRM]:
        rows.append((Agreement(title=f"{firm.name}驻社区法律顾问服务协议（2016—2018年）",
                               kind=Agreement.Kind.LEGAL_SERVICE, region=sub,
                               signed_on=dt.date(2015, 12, 20), starts_on=dt.date(2016, 1, 1),
                               ends_on=dt.date(2018, 12, 31)), [firm.pk, station.pk]))
    created = Agreement.objects.bulk_create([a for a, _ in rows])
    through = Agreement.parties.through
    through.objects.bulk_create([through(agreement_id=a.pk, unit_id=u)
                                 for a, (_, parties) in zip(created, rows, strict=True)
                                 for u in parties])


def build(rng: random.Random, world: World) -> None:
    _regions(rng, world)
    _units(rng, world)
    _people(rng, world)
    _agreements(rng, world)
