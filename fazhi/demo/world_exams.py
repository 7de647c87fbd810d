"""Law exams in the demo world: the bank of ``exam_bank`` (335 questions on the Constitution, the
Civil Code, the People's Mediation Law, the Regulations on Letters and Visits and the Law on
Rule-of-Law Publicity and Education), this year's exam open now for two demo cadres of a
community workroom (accounts cadre1 and cadre2), and the sub-district's cadre exams of 2016,
2017 and 2018 (the province's format: 25 single, 10 multiple and 15 true/false questions of 2
points, 120 minutes), sat and marked, each year rated 优秀 (rates.RATINGS).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from fazhi.accounts.services import user_create
from fazhi.core.roles import Role
from fazhi.exams.models import Attempt, Bank, Exam, PaperItem
from fazhi.exams.services.exams import exam_create, exam_publish
from fazhi.exams.services.questions import QuestionData, question_add, question_check
from fazhi.exams.services.sitting import attempt_start, attempt_submit

from .exam_bank import questions
from .world import DEMO_PASSWORD, World, person_name

PAST_YEARS = (2016, 2017, 2018)
PROVINCE_RULES = [{"kind": "single", "law": "", "difficulty": 0, "count": 25},
                  {"kind": "multiple", "law": "", "difficulty": 0, "count": 10},
                  {"kind": "true_false", "law": "", "difficulty": 0, "count": 15}]
HISTORIC_CADRES = 36  # the sub-district's cadres who sat 2016-2018 (no log-in: unusable password)


def build(rng: random.Random, world: World) -> None:
    staff = world.users["staff"]
    bank = Bank.objects.create(name="年度学法考试题库（演示）", created_by=staff)
    for fields in questions():
        question_add(bank=bank, actor=staff, data=question_check(QuestionData(**fields)))
    workroom = (world.units.get("community_workroom") or [None])[0]
    if workroom is None:
        return
    for username, name in (("cadre1", "周文静"), ("cadre2", "陈志强")):
        mobile = world.mobile(rng)
        world.users[username] = user_create(
            actor=None, username=username, password=DEMO_PASSWORD, role=Role.MEDIATOR,
            display_name=name, mobile=mobile, community_id=workroom.region.community_pk,
            unit_id=workroom.pk)
        world.accounts.append({"username": username, "password": DEMO_PASSWORD,
                               "role": str(Role.MEDIATOR.label), "community": workroom.name,
                               "mobile": mobile, "totp": "no", "what": "参加年度学法考试的干部"})
    now = timezone.now()
    exam = exam_create(
        actor=staff, bank=bank, title=f"{world.today.year}年度国家工作人员学法考试（演示）",
        unit_ids=[workroom.pk], opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=14), makeup_opens_at=now + dt.timedelta(days=15),
        makeup_closes_at=now + dt.timedelta(days=20), duration_minutes=60, max_attempts=3,
        rules=[{"kind": "single", "law": "", "difficulty": 0, "count": 6},
               {"kind": "multiple", "law": "", "difficulty": 0, "count": 3},
               {"kind": "true_false", "law": "", "difficulty": 0, "count": 6},
               {"kind": "fill", "law": "", "difficulty": 0, "count": 2}],
        points={"single": 6, "multiple": 6, "true_false": 6, "fill": 5})
    exam_publish(actor=staff, exam=exam, expected_version=exam.version)
    _past_years(rng, world, bank)


def _past_years(rng: random.Random, world: World, bank: Bank) -> None:
    """The 2016-2018 exams of the sub-district's units, every cadre sat and marked."""
    staff = world.users["staff"]
    units = [u for kind in ("justice_office", "legal_service_station", "governance_centre",
                            "community_workroom") for u in world.units.get(kind, [])]
    if not units:
        return
    password = make_password(None)
    get_user_model().objects.bulk_create([
        get_user_model()(username=f"cadre{100 + n}", password=password,
                         role=Role.MEDIATOR, display_name=person_name(rng),
                         unit=units[n % len(units)])
        for n in range(HISTORIC_CADRES)])
    for year in PAST_YEARS:
        opens = timezone.make_aware(dt.datetime(year, 10, 10, 8, 0))
        exam = exam_create(
            actor=staff, bank=bank, title=f"{year}年度国家工作人员学法用法考试",
            unit_ids=[u.pk for u in units], opens_at=opens,
            closes_at=opens + dt.timedelta(days=20), makeup_opens_at=opens + dt.timedelta(days=25),
            makeup_closes_at=opens + dt.timedelta(days=30), duration_minutes=120,
            max_attempts=3, rules=PROVINCE_RULES,
            points={"single": 2, "multiple": 2, "true_false": 2, "fill": 2})
        exam_publish(actor=staff, exam=exam, expected_version=exam.version)
        exam.refresh_from_db()
        for n, enrolment in enumerate(exam.enrolments.select_related("user").order_by("user_id")):
            began = opens + dt.timedelta(hours=n * 7 % 400)
            # One cadre in eight is weaker; the third fails once and passes a second attempt.
            right = [25, 46] if n == 3 else [rng.randrange(38, 45) if n % 8 == 5
                                             else rng.randrange(45, 51)]
            for k, count in enumerate(right):
                _sit(exam, enrolment.user, began + dt.timedelta(days=k), count, rng)


def _sit(exam: Exam, user, began: dt.datetime, right: int, rng: random.Random) -> Attempt:
    """One paper with ``right`` correct answers, submitted 40 minutes after ``began``."""
    attempt = attempt_start(actor=user, exam=exam, now=began, rng=rng)
    items = list(PaperItem.objects.filter(attempt=attempt).select_related("question_version"))
    correct = set(rng.sample(range(len(items)), min(right, len(items))))
    for i, item in enumerate(items):
        version = item.question_version
        if not version.options:  # a fill-in
            item.response = version.answer[0] if i in correct else "不知道"
        elif i in correct:
            item.response = sorted(version.answer)
        else:  # a wrong option: the first that is not (all of) the answer
            item.response = [next(o for o in range(len(version.options)) if [o] != version.answer)]
        item.seq = 1
        item.answered_at = began + dt.timedelta(minutes=1 + i // 2)
    PaperItem.objects.bulk_update(items, ["response", "seq", "answered_at"])
    return attempt_submit(actor=user, attempt_id=attempt.pk, expected_version=attempt.version,
                          now=began + dt.timedelta(minutes=40))
