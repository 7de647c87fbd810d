"""Fixtures of the exams app: a bank of 40 questions over two laws, a unit of the north
community with two cadres, and an exam open now (frozen clock: 2026-11-30 10:00 Beijing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.exams.models import Bank, Exam
from fazhi.exams.services.exams import exam_create, exam_publish
from fazhi.exams.services.questions import QuestionData, question_add, question_check
from fazhi.org.models import Unit

NOW = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)


def add_questions(bank: Bank, law: str, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        kind = ("single", "multiple", "true_false", "fill")[i % 4]
        options = {"single": ["甲", "乙", "丙", "丁"], "multiple": ["一", "二", "三", "四"],
                   "true_false": [], "fill": []}[kind]
        answer = {"single": [0], "multiple": [0, 2], "true_false": [1], "fill": ["人民"]}[kind]
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind=kind, stem=f"{law}第{i}题：题干编号{i * 7919 % 1000}的内容各不相同{i}", options=options,
            answer=answer, explanation=f"解析{i}", law=law, article=f"第{i}条",
            difficulty=1 + i % 3)))


@pytest.fixture
def clock():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def bank(db) -> Bank:
    bank = Bank.objects.create(name="2026年度学法考试题库")
    add_questions(bank, "宪法", 24)
    add_questions(bank, "民法典", 24, start=100)
    return bank


@pytest.fixture
def unit(north) -> Unit:
    return Unit.objects.create(name="江汉北路社区工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north)


@pytest.fixture
def other_unit(south) -> Unit:
    return Unit.objects.create(name="高雄社区工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=south)


@pytest.fixture
def cadre(unit):
    return make_user("cadre", Role.MEDIATOR, unit.region, unit_id=unit.pk,
                     display_name="王小明")


@pytest.fixture
def cadre2(unit):
    return make_user("cadre2", Role.LAWYER, unit.region, unit_id=unit.pk, display_name="李四")


@pytest.fixture
def unit_staff(unit):
    return make_user("unitstaff", Role.COMMUNITY_WORKER, unit.region, unit_id=unit.pk,
                     mobile="13900139000")


@pytest.fixture
def far_cadre(other_unit):
    return make_user("farcadre", Role.MEDIATOR, other_unit.region, unit_id=other_unit.pk)


RULES = [{"kind": "single", "law": "宪法", "difficulty": 0, "count": 3},
         {"kind": "single", "law": "", "difficulty": 0, "count": 2},
         {"kind": "multiple", "law": "", "difficulty": 0, "count": 3},
         {"kind": "true_false", "law": "民法典", "difficulty": 0, "count": 2},
         {"kind": "fill", "law": "", "difficulty": 0, "count": 2}]
POINTS = {"single": 2, "multiple": 4, "true_false": 2, "fill": 3}


def new_exam(actor: Any, bank: Bank, units: list, **fields: Any) -> Exam:
    now = timezone.now()
    settings = {"opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=3),
                "duration_minutes": 60, "max_attempts": 2, "pass_percent": 60,
                "excellent_percent": 90, "rules": RULES, "points": POINTS, **fields}
    exam = exam_create(actor=actor, bank=bank, title="2026年度干部学法考试",
                       unit_ids=[u.pk for u in units], **settings)
    exam_publish(actor=actor, exam=exam, expected_version=exam.version)
    exam.refresh_from_db()
    return exam


@pytest.fixture
def exam(clock, street_staff, bank, unit, cadre, cadre2, unit_staff, far_cadre, other_unit):
    return new_exam(street_staff, bank, [unit, other_unit])
