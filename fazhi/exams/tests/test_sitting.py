import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from fazhi.exams.errors import (
    ExamClosed,
    NoAttemptsLeft,
    NotOnPaper,
    StaleAnswer,
    StalePaper,
    TimeUp,
)
from fazhi.exams.models import Attempt, Certificate, Enrolment, PaperItem
from fazhi.exams.services.sitting import (
    answer_save,
    attempt_expire,
    attempt_start,
    attempt_submit,
    attempts_sweep,
)


def _right_places(item):
    """The shown places of the right options (what a candidate who knows clicks)."""
    answer = item.question_version.answer
    if item.question_version.question.kind == "fill":
        return answer[0]
    places = [item.permutation.index(a) for a in answer]
    return places if item.question_version.question.kind == "multiple" else places[0]


def _answer_all(actor, attempt, right=True):
    for item in attempt.items.select_related("question_version__question"):
        given = _right_places(item) if right else (
            "错" if item.question_version.question.kind == "fill" else
            [item.permutation.index(0) if 0 not in item.question_version.answer
             else item.permutation.index(1)][0])
        if item.question_version.question.kind == "multiple" and not right:
            given = [given]
        answer_save(actor=actor, attempt_id=attempt.pk, position=item.position, answer=given,
                    seq=1, paper_version=attempt.version)


def test_a_candidate_starts_a_paper_drawn_for_them(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    assert attempt.number == 1
    assert attempt.items.count() == 12
    assert attempt.deadline == attempt.started_at + dt.timedelta(minutes=60)
    assert Enrolment.objects.get(exam=exam, user=cadre).attempts == 1


def test_a_started_papers_rows_are_whole_and_meet_the_blueprint(exam, cadre):
    """The start writes its rows with one prepared INSERT (not the ORM's): each reads back as
    a drawn question, once, numbered from 1, with its options' shuffle, unanswered, unmarked."""
    attempt = attempt_start(actor=cadre, exam=exam)
    items = list(attempt.items.select_related("question_version__question").order_by("position"))
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    assert len({i.question_version.question_id for i in items}) == len(items)
    kinds = [i.question_version.question.kind for i in items]
    for rule in exam.rules:
        assert sum(1 for i in items if i.question_version.question.kind == rule["kind"]
                   and (not rule.get("law") or i.question_version.law == rule["law"])) \
            >= rule["count"]
    assert len(items) == sum(rule["count"] for rule in exam.rules)
    assert kinds == sorted(kinds, key=["single", "multiple", "true_false", "fill"].index)
    for item in items:
        assert sorted(item.permutation) == list(range(len(item.question_version.options)))
        assert item.points == exam.points[item.question_version.question.kind]
        assert (item.response, item.seq, item.answered_at, item.correct, item.awarded) == (
            None, 0, None, None, 0)
    assert attempt.max_score == sum(i.points for i in items)


def test_starting_again_resumes_the_open_paper_with_its_answers(exam, cadre, clock):
    attempt = attempt_start(actor=cadre, exam=exam)
    answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=1, paper_version=1)
    clock.shift(dt.timedelta(minutes=20))
    again = attempt_start(actor=cadre, exam=exam)
    assert again.pk == attempt.pk
    assert again.items.get(position=1).response is not None
    assert again.deadline - dt.datetime.now(tz=dt.UTC) == dt.timedelta(minutes=40)


def test_someone_not_enrolled_cannot_start(exam, worker):
    with pytest.raises(Http404):
        attempt_start(actor=worker, exam=exam)


def test_an_answer_is_stored_as_the_option_it_names_not_the_place_it_was_shown(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    item = attempt.items.get(position=1)
    answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=2, seq=1, paper_version=1)
    item.refresh_from_db()
    assert item.response == [item.permutation[2]]
    assert item.seq == 1


def test_an_answer_after_time_out_is_refused_and_the_paper_is_submitted(exam, cadre, clock):
    attempt = attempt_start(actor=cadre, exam=exam)
    clock.shift(dt.timedelta(minutes=61))
    with pytest.raises(TimeUp):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=1,
                    paper_version=1)
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    assert attempt.ended_by == "timeout"
    assert attempt.items.get(position=1).response is None


def test_an_answer_on_another_candidates_paper_is_refused(exam, cadre, cadre2):
    attempt = attempt_start(actor=cadre, exam=exam)
    with pytest.raises(Http404):
        answer_save(actor=cadre2, attempt_id=attempt.pk, position=1, answer=0, seq=1,
                    paper_version=1)
    assert attempt.items.filter(response__isnull=False).count() == 0


def test_an_answer_for_a_question_not_on_the_paper_is_refused(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    with pytest.raises(NotOnPaper):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=13, answer=0, seq=1,
                    paper_version=1)
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 0


def test_a_replayed_save_is_refused_and_keeps_the_newer_answer(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=1, paper_version=1)
    answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=1, seq=2, paper_version=1)
    with pytest.raises(StaleAnswer):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=3, seq=1,
                    paper_version=1)
    item = attempt.items.get(position=1)
    assert (item.response, item.seq) == ([item.permutation[1]], 2)


def test_a_save_with_a_stale_paper_version_is_refused(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    with pytest.raises(StalePaper):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=1,
                    paper_version=0)
    assert attempt.items.get(position=1).seq == 0


def test_an_answer_that_does_not_fit_the_question_is_refused(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    for bad in (9, [0, 1], "x" * 201, True):
        with pytest.raises(ValidationError):
            answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=bad, seq=1,
                        paper_version=1)
    assert attempt.items.get(position=1).seq == 0


def test_the_same_save_sent_twice_is_kept_once_and_the_second_refused(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=5, paper_version=1)
    with pytest.raises(StaleAnswer):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=1, seq=5,
                    paper_version=1)
    item = attempt.items.get(position=1)
    assert (item.response, item.seq) == ([item.permutation[0]], 5)


def test_a_save_that_loses_a_race_after_its_checks_changes_nothing(exam, cadre, monkeypatch):
    """Two saves at once: the other one lands between this one's read and its write."""
    from fazhi.exams.services import sitting

    attempt = attempt_start(actor=cadre, exam=exam)
    real = sitting.stored_response

    def other_save_lands_first(kind, permutation, given):
        PaperItem.objects.filter(attempt=attempt, position=1).update(seq=5, response=[3])
        return real(kind, permutation, given)

    monkeypatch.setattr(sitting, "stored_response", other_save_lands_first)
    with pytest.raises(StaleAnswer):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=5,
                    paper_version=1)
    # The simulated other save ran inside this save's transaction, so the refusal's rollback
    # undid it too: what matters is that the conditional write refused.
    assert attempt.items.get(position=1).seq == 0


def test_submitting_marks_the_paper_and_a_pass_gets_a_certificate(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    _answer_all(cadre, attempt)
    done = attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    assert (done.state, done.ended_by, done.score, done.max_score) == (
        "submitted", "candidate", 32, 32)
    assert done.passed and done.excellent
    certificate = Certificate.objects.get(attempt=done)
    assert (certificate.name_masked, certificate.hours) == ("王**", 6)
    enrolment = Enrolment.objects.get(exam=exam, user=cadre)
    assert (enrolment.sat, enrolment.passed, enrolment.excellent) == (True, True, True)


def test_a_blank_paper_fails_and_gets_no_certificate(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    done = attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    assert (done.score, done.passed) == (0, False)
    assert not Certificate.objects.exists()


def test_no_answer_is_taken_after_submitting(exam, cadre):
    attempt = attempt_start(actor=cadre, exam=exam)
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    with pytest.raises(TimeUp):
        answer_save(actor=cadre, attempt_id=attempt.pk, position=1, answer=0, seq=1,
                    paper_version=2)


def test_the_attempts_allowed_are_a_limit(exam, cadre):
    for _n in range(2):
        attempt = attempt_start(actor=cadre, exam=exam)
        attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    with pytest.raises(NoAttemptsLeft):
        attempt_start(actor=cadre, exam=exam)


def test_the_sweep_submits_papers_whose_time_is_up_and_only_those(exam, cadre, cadre2, clock):
    early = attempt_start(actor=cadre, exam=exam)
    clock.shift(dt.timedelta(minutes=30))
    late = attempt_start(actor=cadre2, exam=exam)
    clock.shift(dt.timedelta(minutes=31))
    assert attempts_sweep() == 1
    assert Attempt.objects.get(pk=early.pk).ended_by == "timeout"
    assert Attempt.objects.get(pk=late.pk).state == "open"
    assert attempt_expire(attempt_id=early.pk) is None  # a second run does nothing


def test_the_deadline_is_the_windows_end_when_that_comes_first(exam, cadre, clock):
    clock.move_to(exam.closes_at - dt.timedelta(minutes=10))
    attempt = attempt_start(actor=cadre, exam=exam)
    assert attempt.deadline == exam.closes_at


def test_the_make_up_window_is_for_those_who_have_not_passed(clock, street_staff, bank, unit,
                                                            cadre, cadre2):
    from .conftest import new_exam

    now = dt.datetime.now(tz=dt.UTC)
    exam = new_exam(street_staff, bank, [unit], opens_at=now - dt.timedelta(days=2),
                    closes_at=now - dt.timedelta(days=1), makeup_opens_at=now - dt.timedelta(hours=1),
                    makeup_closes_at=now + dt.timedelta(days=1))
    Enrolment.objects.filter(user=cadre2).update(passed=True)
    assert attempt_start(actor=cadre, exam=exam).number == 1
    with pytest.raises(ExamClosed):
        attempt_start(actor=cadre2, exam=exam)
