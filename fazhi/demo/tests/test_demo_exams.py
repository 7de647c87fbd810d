"""The demo's exams: a bank of 300+ questions on the five laws, and the sub-district's 2016-2018
cadre exams, each year rated 优秀 when its rates are counted here from the papers themselves
(not through fazhi.exams.rates, whose rating is checked against this count)."""

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from fazhi.core.roles import Role
from fazhi.exams.models import Attempt, Bank, Enrolment, Exam, PaperItem
from fazhi.exams.rates import RATINGS, exam_rates

LAWS = {"宪法", "民法典", "人民调解法", "信访工作条例", "法治宣传教育法"}


@pytest.fixture
def exams_only(monkeypatch, settings, tmp_path):
    from fazhi.demo.management.commands import demo

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(demo, "BUILDERS", ["fazhi.demo.world_org", "fazhi.demo.world_accounts",
                                           "fazhi.demo.world_exams"])
    call_command("demo", "--today", "2026-11-26", stdout=io.StringIO())


def _check_the_bank() -> None:
    bank = Bank.objects.get(name="年度学法考试题库（演示）")
    questions = list(bank.questions.select_related("current"))
    assert len(questions) >= 300
    assert {q.kind for q in questions} == {"single", "multiple", "true_false", "fill"}
    assert {q.law for q in questions} == LAWS
    assert min(Counter(q.law for q in questions).values()) >= 20
    for q in questions:
        version = q.current
        assert version.explanation and version.law == q.law
        assert version.answer, q.pk
        if q.kind in ("single", "multiple"):
            assert all(0 <= a < len(version.options) for a in version.answer)
        if q.law in {"宪法", "民法典", "人民调解法"}:
            assert version.article.startswith("第") and version.article.endswith("条")
    stems = [q.current.stem for q in questions]
    assert len(set(stems)) == len(stems)


def _counted(exam: Exam) -> tuple[int, int, int, int]:
    """(enrolled, sat, passed, excellent), each paper marked again here from its answers."""
    best: dict[int, Decimal] = {}
    for attempt in Attempt.objects.filter(exam=exam, state="submitted"):
        items = PaperItem.objects.filter(attempt=attempt).select_related("question_version")
        total = sum(i.points for i in items)
        got = sum(i.points for i in items
                  if sorted(i.response or []) == sorted(i.question_version.answer))
        assert Decimal(got) == attempt.score and total == attempt.max_score
        percent = Decimal(100 * got) / total
        best[attempt.enrolment_id] = max(best.get(attempt.enrolment_id, Decimal(0)), percent)
    enrolled = Enrolment.objects.filter(exam=exam).count()
    return (enrolled, len(best), sum(1 for p in best.values() if p >= exam.pass_percent),
            sum(1 for p in best.values() if p >= exam.excellent_percent))


@pytest.mark.django_db
def test_the_demo_bank_and_the_2016_to_2018_exams_each_rated_excellent(exams_only):
    """One world for both (building it is the slow part)."""
    _check_the_bank()
    street_admin = get_user_model().objects.get(username="staff")
    floors = {key: f for key, _label, f in RATINGS}["excellent"]
    for year in (2016, 2017, 2018):
        exam = Exam.objects.get(title=f"{year}年度国家工作人员学法用法考试")
        assert exam.opens_at.year == year and exam.status == "published"
        enrolled, sat, passed, excellent = _counted(exam)
        assert enrolled >= 30
        rates = [100 * n / enrolled for n in (sat, passed, excellent)]
        assert all(r >= f for r, f in zip(rates, floors, strict=True)), (year, rates)
        assert passed < enrolled or excellent < enrolled  # not everyone perfect
        total = exam_rates(actor=street_admin, exam=exam)[2]
        assert (total.enrolled, total.sat, total.passed, total.excellent) == (
            enrolled, sat, passed, excellent)
        assert total.rating == "excellent"
        # one cadre needed a second attempt to pass
        assert Attempt.objects.filter(exam=exam, number=2, passed=True).count() == 1

    # and the rating follows the floors: no excellent papers, then not enough passes
    exam = Exam.objects.get(title="2016年度国家工作人员学法用法考试")
    Enrolment.objects.filter(exam=exam).update(excellent=False)
    assert exam_rates(actor=street_admin, exam=exam)[2].rating == "good"
    Enrolment.objects.filter(exam=exam, user__role=Role.MEDIATOR).update(passed=False)
    assert exam_rates(actor=street_admin, exam=exam)[2].rating == ""
