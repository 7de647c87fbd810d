"""Casework in the demo world: 2016-2018 history (a little over a thousand disputes mediated
successfully, as the sub-district reported, across
categories and channels, eight resolved backlog petitions) written in bulk, and current open
cases — some due soon, some overdue — made through the services.

Deterministic: every choice comes from the shared seeded generator.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone

from fazhi.cases import services
from fazhi.cases.models import (
    Case,
    Category,
    Deadline,
    DeadlineRule,
    Event,
    FollowUp,
    NumberCounter,
    Party,
)
from fazhi.core import workdays
from fazhi.core.personal import sealed_id_number, sealed_mobile
from fazhi.core.textsearch import index_text

from .world import World, person_name

# Disputes of 2016-2018: about nine in ten are mediated successfully, so 1,200 of them give the
# "1,000 and more" the sub-district reported for those years (docs/reports.md).
HISTORY = 1200
TZ = dt.timezone(dt.timedelta(hours=8))
STORIES = {
    "neighbour": ("楼上漏水", "楼上卫生间漏水导致楼下天花板发霉，双方多次协商未果。"),
    "marriage-family": ("赡养纠纷", "子女之间就老人赡养费分担发生争执，老人生活无着。"),
    "property-mgmt": ("物业费纠纷", "业主认为物业服务不到位拒交物业费，物业公司催缴。"),
    "labour": ("拖欠工资", "装修工人被拖欠工资两个月，多次讨要未果。"),
    "contract": ("装修合同纠纷", "装修公司延期交工且质量有问题，业主要求退款。"),
    "damages": ("宠物伤人", "邻居家狗咬伤小孩，双方就医疗费赔偿发生争议。"),
    "housing-land": ("房屋租赁纠纷", "房东提前收回房屋，租客要求退还押金并赔偿搬家费用。"),
    "consumer": ("预付卡退费", "健身房关门，会员预付卡余额无法退还。"),
    "traffic": ("电动车碰撞", "电动车与行人相撞，双方就责任与医疗费发生争执。"),
    "inheritance": ("遗产继承", "兄弟姐妹就父母遗留房屋的继承份额发生争议。"),
}
WEIGHTS = {"neighbour": 26, "marriage-family": 18, "property-mgmt": 16, "labour": 8,
           "contract": 8, "damages": 8, "housing-land": 6, "consumer": 4, "traffic": 4,
           "inheritance": 2}
CHANNELS = ["station", "workroom", "workroom", "phone", "grid", "police", "hotline", "online"]
SOURCES = ["application", "application", "application", "initiative", "police", "court",
           "government"]


def _party(world: World, rng: random.Random, case: Case, role: str) -> Party:
    id_number, mobile = world.id_number(rng), world.mobile(rng)
    return Party(case=case, role=role, name=person_name(rng), **sealed_id_number(id_number),
                 **sealed_mobile(mobile), mobile_last4=mobile[-4:])


def _history(rng: random.Random, world: World) -> None:
    categories = {c.code: c for c in Category.objects.all()}
    rule = DeadlineRule.objects.get(code="mediation-conclude")
    petition_rule = DeadlineRule.objects.get(code="petition-conclude")
    codes = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    counters: dict[int, int] = {}
    plans = []
    for i in range(HISTORY + 8):
        petition = i >= HISTORY
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
        if petition:
            day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(0, 650))  # resolved by 2018
        received = dt.datetime.combine(day, dt.time(8 + rng.randrange(0, 9), rng.randrange(60)),
                                       tzinfo=TZ)
        plans.append((received, petition, i))
    plans.sort()
    cases = []
    for received, petition, _i in plans:
        counters[received.year] = counters.get(received.year, 0) + 1
        code = "grievance" if petition else rng.choices(codes, weights)[0]
        title, text = STORIES.get(code, ("信访积案", "多年反复信访的房屋拆迁补偿问题，经包案领导和律师共同化解。"))
        took = rng.randrange(2, 36) if not petition else rng.randrange(20, 58)
        concluded = received + dt.timedelta(days=took, hours=rng.randrange(1, 6))
        mediated = petition or rng.random() < 0.9
        outcome = ("answered" if petition else
                   rng.choice(["agreement_written", "agreement_written", "agreement_oral"])
                   if mediated else "mediation_terminated")
        amount = Decimal(rng.randrange(5, 400) * 100) if mediated and not petition and \
            rng.random() < 0.6 else None
        cases.append(Case(
            number=f"XM-{received.year}-{counters[received.year]:06d}",
            tracking_code=f"H{received.year % 100:02d}{counters[received.year]:07d}",
            kind="petition" if petition else "dispute", backlog=petition,
            channel="letter_visit" if petition else rng.choice(CHANNELS),
            hotline_number="", source="government" if petition else rng.choice(SOURCES),
            category=categories[code], community=rng.choice(world.communities),
            address=f"西马街道{rng.randrange(1, 120)}号", title=title, description=text,
            risk="high" if petition else rng.choice(["low", "low", "low", "medium"]),
            risk_reasons=["repeated"] if petition else [], state="closed", outcome=outcome,
            outcome_route="" if mediated else "已告知可向人民法院起诉",
            summary="经调解双方达成一致" if mediated else "调解不成，告知诉讼途径",
            agreement_amount=amount, prevented_criminal=not petition and rng.random() < 0.03,
            prevented_persons=2, received_at=received, accepted_at=received,
            first_response_at=received, concluded_at=concluded,
            closed_at=concluded + dt.timedelta(days=7), satisfaction="satisfied",
            follow_up_required=True))
    for case in cases:  # hotline history needs its work-order number
        if case.channel == "hotline":
            case.hotline_number = f"12345-{case.received_at:%Y%m%d}-{rng.randrange(10**4):04d}"
    Case.objects.bulk_create(cases, batch_size=500)
    cases = list(Case.objects.filter(tracking_code__startswith="H").order_by("pk"))
    parties, deadlines, events, follow_ups = [], [], [], []
    for case in cases:
        accepted = case.accepted_at or case.received_at
        concluded = case.concluded_at or case.received_at
        parties.append(_party(world, rng, case, "applicant"))
        if case.kind == "dispute":
            parties.append(_party(world, rng, case, "respondent"))
        limit = 60 if case.kind == "petition" else 30
        due = accepted + dt.timedelta(days=limit)
        deadlines.append(Deadline(
            case=case, rule=petition_rule if case.kind == "petition" else rule,
            started_at=accepted, due_at=due, finished_at=concluded,
            status="met" if concluded <= due else "missed"))
        events += [Event(case=case, at=case.received_at, action="create", to_state="received",
                         public=True, text="您的事项已登记。"),
                   Event(case=case, at=concluded, action="conclude",
                         from_state="in_progress", to_state="concluded", text=case.summary)]
        follow_ups.append(FollowUp(case=case, at=concluded + dt.timedelta(days=5),
                                   contact="电话回访", satisfaction=rng.choice(
                                       ["satisfied"] * 8 + ["basic"] * 2),
                                   performed=True))
    Party.objects.bulk_create(parties, batch_size=1000)
    Deadline.objects.bulk_create(deadlines, batch_size=1000)
    Event.objects.bulk_create(events, batch_size=1000)
    FollowUp.objects.bulk_create(follow_ups, batch_size=1000)
    for year, last in counters.items():
        NumberCounter.objects.update_or_create(prefix="XM", year=year, defaults={"last": last})
    _index(cases)


def _index(cases: list[Case]) -> None:
    with connection.cursor() as cursor:
        for case in cases:
            body = index_text(case.title, case.description, case.address, case.summary)
            if connection.vendor == "postgresql":
                cursor.execute("INSERT INTO cases_search (case_id, document) VALUES "
                               "(%s, to_tsvector('simple', %s))", [case.pk, body])
            else:
                cursor.execute("INSERT INTO cases_search (rowid, body) VALUES (%s, %s)",
                               [case.pk, body])


def _current(rng: random.Random, world: World) -> None:
    staff = world.users.get("staff")
    mediator = world.users.get("mediator")
    if staff is None:
        return
    now = timezone.now()
    categories = {c.code: c for c in Category.objects.all()}
    plans: list[tuple[str, str, str, int, Any]] = [
        ("dispute", "neighbour", "workroom", 2, mediator), ("dispute", "property-mgmt",
                                                            "station", 5, mediator),
        ("dispute", "marriage-family", "phone", 28, mediator),
        ("dispute", "labour", "police", 35, mediator), ("appeal", "utilities", "hotline", 0, None),
        ("appeal", "environment", "online", 9, None), ("appeal", "emergency", "phone", 0, None),
        ("petition", "grievance", "letter_visit", 3, None),
        ("dispute", "damages", "grid", 1, None), ("appeal", "community-service", "online", 1, None),
    ]
    for n, (kind, code, channel, age_days, handler) in enumerate(plans):
        title, text = STORIES.get(code, ("小区路灯不亮", "小区内多盏路灯损坏，夜间出行不便，希望尽快修复。"))
        received = now - dt.timedelta(days=age_days, hours=1 + n % 3)
        case, _created = services.case_create(
            actor=staff, kind=kind, channel=channel, category=categories[code], title=title,
            description=text,
            # A mediator takes cases of their own community only (cases.access.handlers_q).
            community=(handler.community if handler is not None and handler.community_id
                       else world.communities[n % len(world.communities)]),
            address=f"西马街道{10 + n}号",
            hotline_number=f"12345-{now:%Y%m%d}-{n:04d}" if channel == "hotline" else "",
            parties=[{"role": "applicant", "name": person_name(rng),
                      "mobile": world.mobile(rng)}], received_at=received,
            idempotency_key=f"demo-current-{n}")
        if kind != "appeal" and n % 4 != 0:
            case = services.case_accept(actor=staff, case=case, expected_version=case.version)
            if handler is not None:
                case = services.case_assign(actor=staff, case=case,
                                            expected_version=case.version, handler=handler)
            # Backdate the clock so the demo shows due-soon and overdue work.
            started = received
            for deadline in case.deadlines.filter(status="running").select_related("rule"):
                try:  # the same engine as live cases, so day periods still end at 24:00
                    due = workdays.due_at(started, deadline.rule.amount, deadline.rule.unit)
                except workdays.CalendarUnknown:  # beyond the known calendar: keep its shift
                    due = deadline.due_at - (deadline.started_at - started)
                Deadline.objects.filter(pk=deadline.pk).update(started_at=started, due_at=due)
            first = case.deadlines.filter(status="running").order_by("due_at").first()
            Case.objects.filter(pk=case.pk).update(due_at=first.due_at if first else None)


def build(rng: random.Random, world: World) -> None:
    _history(rng, world)
    _current(rng, world)
