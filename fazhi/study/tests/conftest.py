"""Fixtures of the study app: two units (north's workroom, a member unit, and south's), their
cadres and organisers, a published law and a frozen clock (2026-11-30 10:00 Beijing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Unit
from fazhi.study.services.materials import material_create

NOW = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)
MEDIATION_LAW = """中华人民共和国人民调解法
第一章 总则
第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。
第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷的活动。
第四条 人民调解委员会调解民间纠纷，不收取任何费用。
第二章 人民调解委员会
第八条 人民调解委员会由委员三至九人组成，设主任一人，必要时，可以设副主任若干人。
人民调解委员会应当有妇女成员，多民族居住的地区应当有人数较少民族的成员。
"""


@pytest.fixture(autouse=True)
def _english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def clock():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def unit(north) -> Unit:
    return Unit.objects.create(name="江汉北路社区工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north, is_member_unit=True)


@pytest.fixture
def other_unit(south) -> Unit:
    return Unit.objects.create(name="高雄社区工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=south, is_member_unit=True)


@pytest.fixture
def cadre(unit, north):
    return make_user("cadre", Role.MEDIATOR, north, unit_id=unit.pk, display_name="周文静")


@pytest.fixture
def cadre2(unit, north):
    return make_user("cadre2", Role.MEDIATOR, north, unit_id=unit.pk, display_name="陈志强")


@pytest.fixture
def unit_staff(unit, north):
    """The unit's organiser (a community worker with the unit, as in exams)."""
    return make_user("unitstaff", Role.COMMUNITY_WORKER, north, unit_id=unit.pk)


@pytest.fixture
def stranger(other_unit, south):
    """A cadre of the other unit."""
    return make_user("stranger", Role.MEDIATOR, south, unit_id=other_unit.pk)


@pytest.fixture
def other_staff(other_unit, south):
    return make_user("otherstaff", Role.COMMUNITY_WORKER, south, unit_id=other_unit.pk)


@pytest.fixture
def law(street_staff):
    return material_create(actor=street_staff, kind="law", title="人民调解法",
                           summary="人民调解法全文", body=MEDIATION_LAW, credit_minutes=30,
                           published=True)


@pytest.fixture
def article(street_staff):
    return material_create(actor=street_staff, kind="article", title="学法用法读本",
                           body="国家工作人员应当带头尊法学法守法用法。", credit_minutes=600,
                           published=True)


def exam_result(user, unit, year: int, score: int, max_score: int = 100):
    """A handed-in paper of an exam that opened in ``year`` (exams' models, written here)."""
    from fazhi.exams.models import Attempt, Bank, Enrolment, Exam

    opens = timezone.make_aware(dt.datetime(year, 10, 1, 9))
    bank = Bank.objects.get_or_create(name="题库")[0]
    exam = Exam.objects.get_or_create(title=f"{year}年度学法考试", bank=bank, defaults={
        "opens_at": opens, "closes_at": opens + dt.timedelta(days=20)})[0]
    enrolment = Enrolment.objects.create(exam=exam, user=user, unit=unit, sat=True, attempts=1,
                                         best_score=Decimal(score))
    return Attempt.objects.create(enrolment=enrolment, exam=exam, user=user, number=1,
                                  started_at=opens, deadline=opens + dt.timedelta(hours=2),
                                  state=Attempt.State.SUBMITTED, score=Decimal(score),
                                  max_score=Decimal(max_score), submitted_at=opens)
