import datetime as dt
import random
from collections import Counter

import pytest

from fazhi.exams.models import QuestionVersion
from fazhi.exams.services.drawing import blueprint_shortfalls, draw
from fazhi.exams.services.exams import exam_create, exam_publish

from .conftest import POINTS, RULES, new_exam


def _matches(rule, question):
    return (question.kind == rule["kind"] and (not rule["law"] or question.law == rule["law"])
            and (not rule["difficulty"] or question.difficulty == rule["difficulty"]))


def test_three_thousand_drawn_papers_each_meet_the_blueprint(clock, street_staff, bank, unit):
    exam = new_exam(street_staff, bank, [unit])
    versions = {v.pk: v for v in QuestionVersion.objects.select_related("question")}
    rng = random.Random(2026)
    for _paper in range(3000):
        paper = draw(exam, rng)
        questions = [versions[d.version_id].question for d in paper]
        assert len({q.pk for q in questions}) == len(paper) == sum(r["count"] for r in RULES)
        for rule in RULES:
            assert len([q for q in questions if _matches(rule, q)]) >= rule["count"]
        for d in paper:
            assert d.points == POINTS[d.kind]
            options = len(versions[d.version_id].options)
            assert sorted(d.permutation) == list(range(options))
        assert sum(d.points for d in paper) == 3 * 2 + 2 * 2 + 3 * 4 + 2 * 2 + 2 * 3


def test_every_paper_holds_exactly_the_counts_per_type_and_law(clock, street_staff, bank, unit):
    exam = new_exam(street_staff, bank, [unit])
    versions = {v.pk: v.question for v in QuestionVersion.objects.select_related("question")}
    rng = random.Random(7)
    for _paper in range(1000):
        kinds = Counter(versions[d.version_id].kind for d in draw(exam, rng))
        tf_laws = {versions[d.version_id].law for d in draw(exam, rng) if d.kind == "true_false"}
        assert kinds == {"single": 5, "multiple": 3, "true_false": 2, "fill": 2}
        assert tf_laws == {"民法典"}


def test_options_are_shuffled_differently_for_different_candidates(clock, street_staff, bank, unit):
    exam = new_exam(street_staff, bank, [unit])
    rng = random.Random(1)
    orders = {tuple(d.permutation) for _i in range(50) for d in draw(exam, rng)
              if d.kind == "single"}
    assert len(orders) > 10


def test_a_blueprint_the_bank_cannot_satisfy_is_refused_at_publishing(clock, street_staff, bank,
                                                                       unit):
    from fazhi.exams.errors import BlueprintShort

    exam = exam_create(actor=street_staff, bank=bank, title="太多", unit_ids=[unit.pk],
                       opens_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC),
                       closes_at=dt.datetime(2026, 12, 30, tzinfo=dt.UTC),
                       rules=[{"kind": "single", "law": "宪法", "difficulty": 0, "count": 6},
                              {"kind": "single", "law": "", "difficulty": 0, "count": 7}],
                       points={"single": 2})
    assert len(blueprint_shortfalls(exam)) == 1
    with pytest.raises(BlueprintShort):
        exam_publish(actor=street_staff, exam=exam, expected_version=exam.version)
    exam.refresh_from_db()
    assert exam.status == "draft"
    assert exam.enrolments.count() == 0


def test_a_fixed_paper_serves_the_same_questions_in_order(clock, street_staff, bank, unit):
    ids = list(bank.questions.order_by("pk").values_list("pk", flat=True)[:5])
    exam = new_exam(street_staff, bank, [unit], question_ids=ids, rules=[])
    assert exam.mode == "fixed"
    paper = draw(exam, random.Random(3))
    assert [d.version_id for d in paper] == list(
        bank.questions.order_by("pk").values_list("current_id", flat=True)[:5])
