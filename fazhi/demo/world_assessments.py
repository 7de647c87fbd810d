"""The model-community assessment in the demo world: the 2017–2018 cycle in which 江汉北路社区,
高雄社区 and 金门社区 were named model democracy-and-rule-of-law communities (the seed page:
"2018年江汉北路社区、高雄社区、金门社区被评为法治示范社区"). Their automatic items are read from
the demo's own 2018 records by the app's rules (``assessments.measures``); the items scored by
hand carry links to their records as evidence and the sub-district's review. The current cycle
is open, its tree not yet frozen, so a community worker can start a self-assessment."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from fazhi.assessments.measures import measure, points
from fazhi.assessments.models import Assessment, Cycle, Evidence, Indicator, Score
from fazhi.assessments.services import cycle_create, decision_for
from fazhi.org.models import Unit
from fazhi.outreach.models import Activity

from .world import World

TZ = ZoneInfo("Asia/Shanghai")
MODEL_2018 = ("XM-JHBL", "XM-GX", "XM-JM")
DECIDED = dt.date(2018, 12, 20)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _assess_2018(rng: random.Random, world: World, cycle: Cycle) -> None:
    admin, staff = world.users["admin"], world.users["staff"]
    starters = {"XM-JHBL": world.users.get("worker"), "XM-GX": world.users.get("worker2")}
    items = list(cycle.indicators.all())
    rooms = {u.region_id: u for u in world.units[Unit.Kind.COMMUNITY_WORKROOM]}
    for code in MODEL_2018:
        community = world.regions[code]
        held = list(Activity.objects.filter(
            community=community, starts_at__year=2018).exclude(
            kind__in=Activity.RESTRICTED_KINDS).order_by("starts_at", "pk")[:3])
        assessment = Assessment.objects.create(
            cycle=cycle, community=community, kind=Assessment.Kind.APPLICATION,
            tree_version=cycle.tree_version, started_by=starters.get(code) or admin,
            status=Assessment.Status.CONCLUDED, submitted_at=_at(dt.date(2018, 11, 15)),
            concluded_at=_at(DECIDED), concluded_by=staff, decided_on=DECIDED)
        Assessment.objects.filter(pk=assessment.pk).update(started_at=_at(dt.date(2018, 9, 1)))
        scores, evidence = [], []
        for item in items:
            score = Score(assessment=assessment, indicator=item, review=Score.Review.ACCEPTED,
                          reviewed_by=staff)
            if item.method == Indicator.Method.AUTO:
                m = measure(actor=admin, rule=item.rule, community_id=community.pk, year=2018)
                score.measured, score.measure_note = m.value, m.note[:200]
                score.self_score = points(item, m.value)
            else:  # a point short here and there, as a community's own modest marks are
                score.self_score = item.weight - (1 if rng.random() < 0.3 else 0)
                score.self_note = "材料见附件"
            score.review_score = score.self_score
            scores.append(score)
        Score.objects.bulk_create(scores)
        for score in scores:
            if score.indicator.method != Indicator.Method.MANUAL:
                continue
            if score.indicator.dimension in ("organisation", "support"):
                room = rooms[community.pk]
                evidence.append(Evidence(score=score, kind=Evidence.Kind.UNIT, record_id=room.pk,
                                         label=room.name, added_by=assessment.started_by))
            elif held:
                a = held[len(evidence) % len(held)]
                evidence.append(Evidence(score=score, kind=Evidence.Kind.ACTIVITY,
                                         record_id=a.pk, added_by=assessment.started_by,
                                         label=f"{a.title}（{a.starts_at:%Y-%m-%d}）"))
        Evidence.objects.bulk_create(evidence)
        total = sum((s.review_score or Decimal(0) for s in scores), Decimal(0))
        grade, decision = decision_for(assessment, total)
        Assessment.objects.filter(pk=assessment.pk).update(score=total, grade=grade,
                                                           decision=decision)


def build(rng: random.Random, world: World) -> None:
    admin = world.users["admin"]
    cycle = cycle_create(actor=admin, title="2017—2018年度", first_year=2017)
    Cycle.objects.filter(pk=cycle.pk).update(frozen_at=_at(dt.date(2018, 9, 1)))
    cycle.refresh_from_db()
    _assess_2018(rng, world, cycle)
    first = world.today.year if world.today.year % 2 else world.today.year - 1
    if first > 2018:
        cycle_create(actor=admin, title=f"{first}—{first + 1}年度", first_year=first)
