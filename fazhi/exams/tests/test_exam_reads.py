"""The exams' reads (fazhi/exams/selectors.py) on exams of different units and states: which
exams each reader lists, papers and enrolments of one exam, one's own enrolment, the banks'
sizes and a paper as shown. Expected sets are written out from the fixtures, never computed by
the selectors under test."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from fazhi.exams.models import Bank, Enrolment
from fazhi.exams.selectors import (
    attempt_list_for,
    bank_list_for,
    enrolment_of,
    enrolments_for,
    exam_list_for,
    paper_items,
)
from fazhi.exams.services.exams import exam_create, exam_enrol
from fazhi.exams.services.sitting import answer_save, attempt_start

from .conftest import POINTS, RULES, add_questions, new_exam


def _pks(rows) -> set[int]:
    return {row.pk for row in rows}


def test_each_reader_lists_the_exams_of_their_unit_or_their_enrolment(
        clock, street_staff, leader, bank, unit, other_unit, cadre, unit_staff, far_cadre):
    ours = new_exam(street_staff, bank, [unit])
    theirs = new_exam(street_staff, bank, [other_unit])
    draft = exam_create(actor=street_staff, bank=bank, title="草稿", unit_ids=[unit.pk],
                        opens_at=ours.opens_at, closes_at=ours.closes_at, duration_minutes=60,
                        max_attempts=1, pass_percent=60, excellent_percent=90, rules=RULES,
                        points=POINTS)
    exam_enrol(actor=street_staff, exam=draft)  # enrolled in a draft: still not listed for them
    assert Enrolment.objects.filter(exam=draft, user=cadre).exists()
    every = {ours.pk, theirs.pk, draft.pk}
    assert _pks(exam_list_for(actor=street_staff)) == every
    assert _pks(exam_list_for(actor=leader)) == every
    assert _pks(exam_list_for(actor=cadre)) == {ours.pk}
    assert _pks(exam_list_for(actor=far_cadre)) == {theirs.pk}
    # unit staff: their unit's exams, drafts included, and the ones they are enrolled in
    assert _pks(exam_list_for(actor=unit_staff)) == {ours.pk, draft.pk}
    get_user_model().objects.filter(pk=unit_staff.pk).update(unit=other_unit)
    unit_staff.refresh_from_db()
    assert _pks(exam_list_for(actor=unit_staff)) == {ours.pk, theirs.pk}


def test_papers_and_enrolments_of_one_exam_are_that_exam_s(
        clock, street_staff, bank, unit, other_unit, cadre, cadre2, unit_staff, far_cadre):
    first = new_exam(street_staff, bank, [unit, other_unit])
    second = new_exam(street_staff, bank, [unit])
    a1 = attempt_start(actor=cadre, exam=first)
    a2 = attempt_start(actor=cadre, exam=second)
    assert _pks(attempt_list_for(actor=cadre, exam=first)) == {a1.pk}
    assert _pks(attempt_list_for(actor=cadre, exam=second)) == {a2.pk}
    assert _pks(attempt_list_for(actor=cadre)) == {a1.pk, a2.pk}
    users = {e.user_id for e in enrolments_for(actor=street_staff, exam=second)}
    assert users == {cadre.pk, cadre2.pk, unit_staff.pk}
    assert {e.exam_id for e in enrolments_for(actor=street_staff, exam=second)} == {second.pk}
    assert {e.user_id for e in enrolments_for(actor=cadre, exam=first)} == {cadre.pk}


def test_one_s_own_enrolment_is_of_the_exam_asked(clock, street_staff, bank, unit, other_unit,
                                                  cadre, far_cadre):
    first = new_exam(street_staff, bank, [unit, other_unit])
    second = new_exam(street_staff, bank, [unit])
    mine = enrolment_of(actor=cadre, exam=second)
    assert (mine.exam_id, mine.user_id) == (second.pk, cadre.pk)
    assert enrolment_of(actor=far_cadre, exam=first).user_id == far_cadre.pk
    assert enrolment_of(actor=far_cadre, exam=second) is None
    assert Enrolment.objects.filter(user=cadre).count() == 2


def test_banks_come_with_their_number_of_questions(street_staff, bank):
    small = Bank.objects.create(name="小题库")
    add_questions(small, "宪法", 5)
    Bank.objects.create(name="空题库")
    sizes = {b.name: b.size for b in bank_list_for(actor=street_staff)}
    assert sizes == {"2026年度学法考试题库": 48, "小题库": 5, "空题库": 0}


def test_a_paper_shows_the_answers_given_and_the_right_options(
        clock, street_staff, bank, unit, cadre):
    exam = new_exam(street_staff, bank, [unit])
    attempt = attempt_start(actor=cadre, exam=exam)
    items = {i.position: i for i in attempt.items.select_related("question_version__question")}
    kinds = {p: i.question_version.question.kind for p, i in items.items()}
    single = min(p for p, k in kinds.items() if k == "single")
    multiple = min(p for p, k in kinds.items() if k == "multiple")
    fill = min(p for p, k in kinds.items() if k == "fill")
    untouched = max(p for p, k in kinds.items() if k == "single")
    for seq, (position, given) in enumerate(((single, 2), (multiple, [3, 0]), (fill, "人民")), 1):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=position, answer=given,
                    seq=seq, paper_version=attempt.version)
    shown = {s.position: s for s in paper_items(attempt)}
    assert sorted(shown) == sorted(items)
    assert (shown[single].chosen, shown[single].text) == ([2], "")
    assert (sorted(shown[multiple].chosen), shown[multiple].text) == ([0, 3], "")
    assert (shown[fill].chosen, shown[fill].text, shown[fill].right) == ([], "人民", [])
    assert (shown[untouched].chosen, shown[untouched].text) == ([], "")
    for position in (single, multiple, untouched):
        version = items[position].question_version
        texts = {dict(shown[position].options)[p] for p in shown[position].right}
        assert texts == {version.options[i] for i in version.answer}
