"""Knowledge contests in the demo world: the sub-district's Constitution Day contest, in
progress. Its first round closed yesterday; its second opened two hours ago and closes in three
days. Residents of every community took part through the contests services (the same draw,
answers one at a time, hand-in and suspicious log as on the site): most at a reading pace, three
answering every question within a second (logged as too fast), four from one phone (logged as
one device), and a few still answering. Questions come from the exams demo bank."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from fazhi.contests.models import Contest, Participant
from fazhi.contests.services import playing, setup
from fazhi.contests.services.drawing import pool_sizes
from fazhi.contests.services.entry import mobile_digest
from fazhi.core.masking import mask_mobile
from fazhi.exams.models import Bank, Kind

from .world import World, person_name

ROUND_SECONDS = 300
READERS_PER_ROUND = {"first": 48, "second": 30}
FAST = 3
SHARED_PHONE = 4
STILL_ANSWERING = 3


def _paper(rng: random.Random, world: World, contest: Contest, round_, start: dt.datetime, *,
           pace: float, device: str, hand_in: bool = True) -> Participant:
    mobile = world.mobile(rng)
    community = rng.choice(world.communities)
    units = [u for kind in world.units.values() for u in kind if u.region_id == community.pk]
    paper = playing.round_start(
        contest=contest, round_=round_, mobile_hash=mobile_digest(contest, mobile),
        mobile_masked=mask_mobile(mobile), community_id=community.pk,
        unit_id=rng.choice(units).pk if units and rng.random() < 0.6 else None,
        name=person_name(rng), ip=f"10.{rng.randrange(1, 250)}.{rng.randrange(250)}.7",
        device=playing.device_digest(device), now=start, rng=rng)
    at = start
    for answer in paper.answers.select_related("question_version__question"):
        version = answer.question_version
        at += dt.timedelta(seconds=pace * (0.8 + rng.random() * 0.6))
        right = sorted(answer.permutation.index(i) for i in version.answer)
        wrong = [p for p in range(len(answer.permutation)) if p not in right][:1]
        given = right if rng.random() < 0.8 else wrong
        playing.answer_save(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                            position=answer.position,
                            answer=given if version.question.kind == Kind.MULTIPLE else given[0],
                            seq=1, paper_version=paper.version, now=at)
    if hand_in:
        return playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                                          expected_version=paper.version,
                                          now=at + dt.timedelta(seconds=2))
    return paper


def build(rng: random.Random, world: World) -> None:
    staff = world.users.get("staff")
    bank = Bank.objects.order_by("pk").first()
    if staff is None or bank is None or not world.communities:
        return
    sizes = pool_sizes(bank.pk)
    counts: dict[str, int] = {"single_count": min(5, sizes.get(Kind.SINGLE, 0)),
              "multiple_count": min(1, sizes.get(Kind.MULTIPLE, 0)),
              "true_false_count": min(4, sizes.get(Kind.TRUE_FALSE, 0))}
    if not sum(counts.values()):
        return
    now = timezone.now().replace(microsecond=0)
    contest = setup.contest_create(
        actor=staff, bank=bank, title="“宪法宣传周”网上知识竞赛（演示）", is_published=True,
        intro="12月4日是国家宪法日。西马街道邀请各社区居民、辖区单位职工参加网上知识竞赛，"
              "每轮限时5分钟，按得分和用时排名。", per_device=3, per_network=30)
    fields: dict[str, Any] = {"seconds": ROUND_SECONDS, "points": 10, "law": "", **counts}
    first = setup.round_create(actor=staff, contest=contest, name="第一轮",
                               opens_at=now - dt.timedelta(days=2),
                               closes_at=now - dt.timedelta(days=1), **fields)
    second = setup.round_create(actor=staff, contest=contest, name="第二轮",
                                opens_at=now - dt.timedelta(hours=2),
                                closes_at=now + dt.timedelta(days=3), **fields)
    for round_, key in ((first, "first"), (second, "second")):
        for n in range(READERS_PER_ROUND[key]):
            start = round_.opens_at + dt.timedelta(minutes=5 + n * 2)
            _paper(rng, world, contest, round_, start, pace=8 + rng.random() * 12,
                   device=f"demo-{key}-{n}")
    late = second.opens_at + dt.timedelta(minutes=100)
    for n in range(FAST):
        _paper(rng, world, contest, second, late + dt.timedelta(minutes=n), pace=0.4,
               device=f"demo-fast-{n}")
    for n in range(SHARED_PHONE):
        _paper(rng, world, contest, second, late + dt.timedelta(minutes=5 + n), pace=10,
               device="demo-shared-phone")
    for n in range(STILL_ANSWERING):
        _paper(rng, world, contest, second, now - dt.timedelta(minutes=1), pace=4,
               device=f"demo-open-{n}", hand_in=False)
