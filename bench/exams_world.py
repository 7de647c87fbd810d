"""The exams benchmarks' world: a bank of 1,200 questions, one exam drawn per candidate as the
province's (25 single, 10 multiple, 15 true/false, 2 points each, 120 minutes), and N cadres
of 20 units enrolled in it. Used in-process (bench_exams) and by the server of the kill test."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

RULES = [{"kind": "single", "law": "", "difficulty": 0, "count": 25},
         {"kind": "multiple", "law": "", "difficulty": 0, "count": 10},
         {"kind": "true_false", "law": "", "difficulty": 0, "count": 15}]
LAWS = ["宪法", "民法典", "人民调解法", "信访工作条例", "法治宣传教育法"]


def build(candidates: int, prefix: str = "bx") -> int:
    """Build the world; returns the exam's id. Candidates are ``<prefix>00000``... ."""
    from fazhi.core.roles import Role
    from fazhi.exams.models import Bank, Exam
    from fazhi.exams.services.exams import enrol
    from fazhi.exams.services.questions import QuestionData, question_add, question_check
    from fazhi.org.models import Region, Unit

    street = Region.objects.filter(level=Region.Level.SUBDISTRICT).first() or \
        Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM")
    community = Region.objects.filter(level=Region.Level.COMMUNITY).first() or \
        Region.objects.create(name="江汉北路社区", level=Region.Level.COMMUNITY, code="XM-B",
                              parent=street)
    units = [Unit.objects.create(name=f"压测单位{prefix}{i}", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                 region=community if i % 2 else street) for i in range(20)]
    bank = Bank.objects.create(name=f"压测题库{prefix}")
    for i in range(1200):
        kind = "single" if i < 600 else ("multiple" if i < 900 else "true_false")
        options = ["选项甲", "选项乙", "选项丙", "选项丁"] if kind != "true_false" else []
        answer = {"single": [i % 4], "multiple": [0, 1 + i % 3], "true_false": [i % 2]}[kind]
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind=kind, stem=f"第{i}题：依照{LAWS[i % 5]}，下列关于第{i % 97 + 1}条的说法哪项正确？",
            options=options, answer=answer, explanation="解析" * 20, law=LAWS[i % 5],
            article=f"第{i % 97 + 1}条", difficulty=1 + i % 3)))
    now = timezone.now()
    exam = Exam.objects.create(
        title=f"压测年度考试{prefix}", bank=bank, rules=RULES,
        points={"single": 2, "multiple": 2, "true_false": 2}, opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=3), duration_minutes=120, max_attempts=3,
        status=Exam.Status.PUBLISHED)
    exam.units.set(units)
    password = make_password(None)
    get_user_model().objects.bulk_create([
        get_user_model()(username=f"{prefix}{n:05d}", password=password, role=Role.MEDIATOR,
                         display_name=f"考生{n}", unit=units[n % 20])
        for n in range(candidates)], batch_size=1000)
    enrol(exam)
    return exam.pk
