"""Fixtures of the contests app: a bank of single-choice and true-or-false questions, a
published contest with a round open now (frozen clock), two communities with a unit each, and
an SMS recorder."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.test import Client

from fazhi.contests.models import Contest, Participant, Round
from fazhi.contests.services import entry, playing
from fazhi.exams.models import Bank
from fazhi.exams.services.questions import QuestionData, question_add, question_check
from fazhi.org.models import Unit
from tests.outbox import outbox_fixture

NOW = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing
MOBILE = "13912345678"
OTHER_MOBILE = "13800138000"


outbox = outbox_fixture()


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def add_questions(bank: Bank, count: int, kind: str) -> None:
    for i in range(count):
        options = ["甲项", "乙项", "丙项", "丁项"] if kind != "true_false" else []
        answer = {"single": [0], "multiple": [0, 2], "true_false": [0]}[kind]
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind=kind, stem=f"{kind}题{i}：依照宪法，公民的基本权利和义务第{i * 7 % 97}项的内容是什么{i}",
            options=options, answer=answer, explanation="", law="宪法", article=f"第{i + 1}条",
            difficulty=1)))


@pytest.fixture
def bank(db) -> Bank:
    bank = Bank.objects.create(name="宪法知识竞赛题库")
    add_questions(bank, 12, "single")
    add_questions(bank, 4, "multiple")
    add_questions(bank, 12, "true_false")
    return bank


@pytest.fixture
def contest(clock, bank) -> Contest:
    return Contest.objects.create(title="宪法宣传周知识竞赛", intro="人人学宪法。", bank=bank,
                                  is_published=True, per_device=3, per_network=5)


@pytest.fixture
def round_(contest) -> Round:
    return Round.objects.create(contest=contest, name="第一轮", opens_at=NOW - dt.timedelta(hours=1),
                                closes_at=NOW + dt.timedelta(days=2), seconds=300,
                                single_count=3, multiple_count=1, true_false_count=2, points=10)


@pytest.fixture
def north_unit(north) -> Unit:
    return Unit.objects.create(name="江汉北路社区居委会", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north)


def hashed(contest: Contest, mobile: str = MOBILE) -> str:
    return entry.mobile_digest(contest, mobile)


def start(contest: Contest, round_: Round, mobile: str = MOBILE, **extra: Any) -> Participant:
    fields: dict[str, Any] = {"community_id": extra.pop("community_id"), "ip": "198.51.100.7",
                              "device": "dev-a", "rng": random.Random(7), **extra}
    return playing.round_start(contest=contest, round_=round_, mobile_hash=hashed(contest, mobile),
                               mobile_masked=mobile[:3] + "****" + mobile[-4:], **fields)


def right_places(participant: Participant) -> dict[int, Any]:
    """{position: the shown places of the right answer} of a paper."""
    right = {}
    for answer in participant.answers.select_related("question_version__question"):
        version = answer.question_version
        places = sorted(answer.permutation.index(i) for i in version.answer)
        right[answer.position] = places if version.question.kind == "multiple" else places[0]
    return right


def pass_client(contest: Contest, mobile: str = MOBILE) -> Client:
    """A browser holding the pass of a verified mobile."""
    from fazhi.core import smscodes

    client = Client()
    token = smscodes.pass_issue(salt=entry.PASS_SALT, scope=contest.pk,
                                subject=hashed(contest, mobile),
                                label=mobile[:3] + "****" + mobile[-4:])
    client.cookies[f"fazhi_contest_{contest.pk}"] = token
    client.cookies["fazhi_device"] = "device-token-123456"
    return client
