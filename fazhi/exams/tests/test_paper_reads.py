"""The exams' reads of one paper and of one certificate or question (fazhi/exams/selectors.py):
a paper's items with the numbers, marking and texts the paper and result pages print, their
labels in Chinese and English, the candidate's own paper only, the public certificate look-up
and the organiser's question reads, each with the rows it is read with. Expected values come
from the paper's own rows and the fixtures' texts, never from the selectors under test."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import timezone, translation

from fazhi.exams import selectors
from fazhi.exams.models import Bank, Certificate, PaperItem
from fazhi.exams.selectors import (
    attempt_list_for,
    certificate_by_code,
    exam_list_for,
    paper_get_for,
    paper_items,
    question_get_for,
    question_list_for,
)
from fazhi.exams.services.sitting import answer_save, attempt_start, attempt_submit

from .conftest import add_questions, new_exam

KIND_ZH = {"single": "单选题", "multiple": "多选题", "true_false": "判断题", "fill": "填空题"}
KIND_EN = {"single": "Single choice", "multiple": "Multiple choice",
           "true_false": "True or false", "fill": "Fill in the blank"}


def _rows(attempt):
    return {i.position: i for i in PaperItem.objects.filter(attempt=attempt)
            .select_related("question_version__question")}


def test_a_submitted_paper_s_items_carry_their_numbers_marking_and_texts(clock, exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    rows = _rows(attempt)
    kinds = {p: r.question_version.question.kind for p, r in rows.items()}
    single = min(p for p, k in kinds.items() if k == "single")
    wrong = max(p for p, k in kinds.items() if k == "single")
    right_place = rows[single].permutation.index(rows[single].question_version.answer[0])
    wrong_place = rows[wrong].permutation.index(
        next(i for i in range(4) if i not in rows[wrong].question_version.answer))
    answer_save(actor=cadre, attempt_id=attempt.pk, position=single, answer=right_place, seq=5,
                paper_version=attempt.version)
    answer_save(actor=cadre, attempt_id=attempt.pk, position=wrong, answer=wrong_place, seq=2,
                paper_version=attempt.version)
    before = {s.position: s for s in paper_items(attempt)}
    assert {p: s.correct for p, s in before.items()} == dict.fromkeys(rows)  # not marked yet
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=attempt.version)
    shown = paper_items(attempt)
    assert [s.position for s in shown] == sorted(rows)
    rows = _rows(attempt)
    for s in shown:
        row, version = rows[s.position], rows[s.position].question_version
        assert (s.points, s.kind, s.stem) == (row.points, kinds[s.position], version.stem)
        assert s.points == {"single": 2, "multiple": 4, "true_false": 2, "fill": 3}[s.kind]
        assert (s.answer, s.explanation, s.law, s.article) == (
            version.answer, version.explanation, version.law, version.article)
        assert s.explanation.startswith("解析") and s.article.endswith("条") and s.law
        assert s.correct is row.correct
    by_place = {s.position: s for s in shown}
    assert (by_place[single].seq, by_place[single].next_seq, by_place[single].correct) == (
        5, 6, True)
    assert (by_place[wrong].seq, by_place[wrong].next_seq, by_place[wrong].correct) == (
        2, 3, False)
    assert {s.seq for p, s in by_place.items() if p not in (single, wrong)} == {0}
    assert {s.correct for p, s in by_place.items() if p not in (single, wrong)} == {False}


def test_each_item_is_labelled_with_its_kind_and_points_in_the_reader_s_language(
        clock, street_staff, bank, unit, cadre):
    exam = new_exam(street_staff, bank, [unit],
                    points={"single": 1, "multiple": 4, "true_false": 1, "fill": 3})
    attempt = attempt_start(actor=cadre, exam=exam)
    with translation.override("zh-hans"):
        zh = paper_items(attempt)
    with translation.override("en"):
        en = paper_items(attempt)
    assert {s.label for s in zh} == {"单选题 · 1 分", "多选题 · 4 分", "判断题 · 1 分",
                                     "填空题 · 3 分"}
    assert {s.label for s in en} == {"Single choice · 1 point", "Multiple choice · 4 points",
                                     "True or false · 1 point", "Fill in the blank · 3 points"}
    for s in zh:
        assert s.label == f"{KIND_ZH[s.kind]} · {s.points} 分"
    for s in en:
        worth = "1 point" if s.points == 1 else f"{s.points} points"
        assert s.label == f"{KIND_EN[s.kind]} · {worth}"


def test_a_label_is_made_once_for_each_kind_and_points_of_a_paper(clock, exam, cadre,
                                                                     monkeypatch):
    """The paper page is the second half of every start: 12 items of 4 kinds (each kind its
    own points) word their points 4 times, not 12."""
    attempt = attempt_start(actor=cadre, exam=exam)
    calls = []
    real = selectors.ngettext

    def counted(singular, plural, number):
        calls.append(number)
        return real(singular, plural, number)

    monkeypatch.setattr(selectors, "ngettext", counted)
    shown = paper_items(attempt)
    assert len(shown) == 12
    assert sorted(calls) == [2, 2, 3, 4]


def test_a_paper_is_read_only_by_its_candidate_with_its_exam(
        clock, street_staff, bank, unit, cadre, cadre2, django_assert_num_queries):
    first = new_exam(street_staff, bank, [unit])
    second = new_exam(street_staff, bank, [unit])
    mine = attempt_start(actor=cadre, exam=first)
    also_mine = attempt_start(actor=cadre, exam=second)
    theirs = attempt_start(actor=cadre2, exam=first)
    with django_assert_num_queries(1):
        paper = paper_get_for(actor=cadre, pk=mine.pk)
        assert (paper.pk, paper.exam.pk) == (mine.pk, first.pk)
    assert paper_get_for(actor=cadre, pk=also_mine.pk).exam_id == second.pk
    assert paper_get_for(actor=cadre2, pk=theirs.pk).pk == theirs.pk
    # someone else's paper, even for a reader who may see it on the result page
    for actor, pk in ((cadre, theirs.pk), (cadre2, mine.pk), (street_staff, mine.pk),
                      (cadre, max(mine.pk, also_mine.pk, theirs.pk) + 1)):
        with pytest.raises(Http404):
            paper_get_for(actor=actor, pk=pk)


def _certificate(attempt, code: str) -> Certificate:
    return Certificate.objects.create(attempt=attempt, code=code, name_masked="王**",
                                      exam_title=attempt.exam.title, score=30, hours=6,
                                      issued_at=timezone.now())


def test_a_certificate_is_looked_up_by_its_code_as_typed(
        clock, street_staff, bank, unit, cadre, cadre2, django_assert_num_queries):
    exam = new_exam(street_staff, bank, [unit])
    certificate = _certificate(attempt_start(actor=cadre, exam=exam), "AB12CD34EF56GH78")
    # a certificate coded as no issued one is (four letters) is still not found by a blank
    _certificate(attempt_start(actor=cadre2, exam=exam), "XXXX")
    with django_assert_num_queries(1):
        found = certificate_by_code("AB12CD34EF56GH78")
        assert found.attempt.user_id == cadre.pk
    assert found.pk == certificate.pk
    for typed in (" ab12cd34ef56gh78 ", "AB12CD34EF56GH78Z", "ab12cd34ef56gh78-extra"):
        assert certificate_by_code(typed).pk == certificate.pk, typed  # cut at 16 characters
    for typed in ("", None, "   ", "AB12CD34EF56GH7", "AB12-CD34", "NOSUCHCODE123456"):
        assert certificate_by_code(typed) is None, typed


def test_the_organiser_reads_a_question_with_its_text_and_bank_in_one_query(
        street_staff, cadre, bank, django_assert_num_queries):
    other = Bank.objects.create(name="另一题库")
    add_questions(other, "刑法", 3)
    question = other.questions.select_related("current").order_by("-id").first()
    with django_assert_num_queries(1):
        read = question_get_for(actor=street_staff, pk=question.pk)
        assert (read.bank.name, read.current.stem) == ("另一题库", question.current.stem)
    with django_assert_num_queries(1):
        listed = [(q.pk, q.current.law) for q in question_list_for(actor=street_staff, bank=other)]
    assert listed == [(q.pk, "刑法") for q in other.questions.order_by("id")]
    assert len(listed) == 3
    with pytest.raises(Http404):
        question_get_for(actor=cadre, pk=question.pk)
    assert not question_list_for(actor=cadre, bank=other).exists()
    with pytest.raises(Http404):
        question_get_for(actor=street_staff, pk=question.pk + 1000)


def test_the_paper_reads_its_items_in_one_query(clock, exam, cadre, django_assert_num_queries):
    attempt = attempt_start(actor=cadre, exam=exam)
    with django_assert_num_queries(1):
        shown = paper_items(attempt)
    assert len(shown) == 12
    assert [s.position for s in shown] == list(range(1, 13))


def test_the_lists_come_with_the_bank_of_each_exam_and_the_exam_and_candidate_of_each_paper(
        clock, exam, street_staff, cadre, cadre2, django_assert_num_queries):
    for candidate in (cadre, cadre2):
        attempt_start(actor=candidate, exam=exam)
    with django_assert_num_queries(1):
        banks = [e.bank.name for e in exam_list_for(actor=street_staff)]
    assert banks == ["2026年度学法考试题库"]
    with django_assert_num_queries(1):
        papers = sorted((a.exam.title, a.user.username)
                        for a in attempt_list_for(actor=street_staff, exam=exam))
    assert papers == [(exam.title, "cadre"), (exam.title, "cadre2")]
