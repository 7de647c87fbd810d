"""The organiser's HTML forms: a new exam (window, duration, attempts, make-up window, drawn or
fixed paper, units) and a question's edit (a new version; sat papers keep theirs). Bad input
is refused beside its field and saves nothing."""

import pytest

from fazhi.exams.models import Exam, ExamItem, PaperItem, Question, QuestionVersion
from fazhi.exams.services.sitting import attempt_start

from .test_sitting import _answer_all

GOOD = {"title": "2027年度干部学法考试", "mode": "drawn", "question_ids": "", "single": "5",
        "multiple": "2", "true_false": "3", "fill": "0", "law": "", "difficulty": "0",
        "single_points": "2", "multiple_points": "4", "true_false_points": "2",
        "fill_points": "2", "opens_at": "2026-12-01T08:00", "closes_at": "2026-12-20T18:00",
        "makeup_opens_at": "2026-12-21T08:00", "makeup_closes_at": "2026-12-25T18:00",
        "duration_minutes": "90", "max_attempts": "2", "pass_percent": "60",
        "excellent_percent": "90", "show_explanations": "on", "training_hours": "6"}


def _exam_form(bank, unit, **changes):
    return {**GOOD, "bank": str(bank.pk), "units": [str(unit.pk)], **changes}


def test_an_organiser_sets_a_drawn_exam_from_the_page(clock, street_staff, bank, unit, as_user):
    client = as_user(street_staff)
    assert client.get("/exams/").content.decode().count('href="/exams/new/"') == 1
    assert client.get("/exams/new/").status_code == 200
    response = client.post("/exams/new/", _exam_form(bank, unit))
    exam = Exam.objects.get()
    assert response.url == f"/exams/{exam.pk}/"
    assert (exam.mode, exam.status, exam.duration_minutes, exam.max_attempts) == (
        "drawn", "draft", 90, 2)
    assert exam.rules == [{"kind": "single", "law": "", "difficulty": 0, "count": 5},
                          {"kind": "multiple", "law": "", "difficulty": 0, "count": 2},
                          {"kind": "true_false", "law": "", "difficulty": 0, "count": 3}]
    assert exam.points["multiple"] == 4
    assert exam.makeup_opens_at is not None and list(exam.units.all()) == [unit]


def test_a_fixed_paper_takes_the_listed_questions_in_order(clock, street_staff, bank, unit,
                                                          as_user):
    ids = list(bank.questions.values_list("pk", flat=True)[:3])[::-1]
    response = as_user(street_staff).post("/exams/new/", _exam_form(
        bank, unit, mode="fixed", question_ids="，".join(map(str, ids))))
    assert response.status_code == 302
    items = ExamItem.objects.order_by("position")
    assert [i.question_version.question_id for i in items] == ids


@pytest.mark.parametrize(("changes", "field"), [
    ({"closes_at": "2026-11-30T08:00"}, None),          # closes before it opens
    ({"makeup_opens_at": "2026-12-10T08:00"}, None),    # make-up inside the window
    ({"duration_minutes": "601"}, "duration_minutes"),
    ({"max_attempts": "0"}, "max_attempts"),
    ({"single": "0", "multiple": "0", "true_false": "0"}, "single"),
    ({"single": "200"}, "single"),                      # more than the bank holds: on publish
    ({"mode": "fixed", "question_ids": "1,x"}, "question_ids"),
    ({"mode": "fixed", "question_ids": "999999"}, "question_ids"),
    ({"units": []}, "units"),
    ({"opens_at": "9999-12-31T09:30"}, "opens_at"),
    ({"title": "考" * 121}, "title"),
])
def test_bad_exam_input_is_refused_beside_the_field_and_saves_nothing(
        clock, street_staff, bank, unit, as_user, changes, field):
    response = as_user(street_staff).post("/exams/new/", _exam_form(bank, unit, **changes))
    if changes == {"single": "200"}:  # a valid draft; publishing says the bank is short
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert not Exam.objects.exists()
    html = response.content.decode()
    if field:
        assert f'id="id_{field}_error"' in html, html
    else:
        assert 'role="alert"' in html


def test_people_who_do_not_organise_cannot_set_an_exam(clock, cadre, unit_staff, bank, unit,
                                                       as_user):
    for user in (cadre, unit_staff):
        assert as_user(user).get("/exams/new/").status_code == 403
        assert as_user(user).post("/exams/new/", _exam_form(bank, unit)).status_code == 403
    assert not Exam.objects.exists()


def test_editing_a_question_keeps_the_sat_paper_on_its_version(exam, cadre, street_staff,
                                                               as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    item = PaperItem.objects.filter(attempt=attempt, question_version__question__kind="single")[0]
    question = item.question_version.question
    old_stem = item.question_version.stem
    _answer_all(cadre, attempt, right=True)
    client = as_user(street_staff)
    listing = client.get(f"/exams/banks/{question.bank_id}/questions/")
    assert f'href="/exams/questions/{question.pk}/edit/"' in listing.content.decode()
    form = client.get(f"/exams/questions/{question.pk}/edit/").context["form"]
    data = {k: form.initial[k] for k in ("options", "explanation", "law", "article",
                                         "difficulty", "tags", "version")}
    response = client.post(f"/exams/questions/{question.pk}/edit/", {
        **data, "stem": "改写后的题干：一切权力属于谁？", "answer": "2"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.version == 2 and question.current.answer == [1]
    assert question.current.stem == "改写后的题干：一切权力属于谁？"
    item.refresh_from_db()
    assert item.question_version.stem == old_stem and item.question_version.number == 1
    assert QuestionVersion.objects.filter(question=question).count() == 2
    # the stale form (version 1) is refused, nothing written
    again = client.post(f"/exams/questions/{question.pk}/edit/", {
        **data, "stem": "第三版", "answer": "1"})
    assert again.status_code == 200 and 'role="alert"' in again.content.decode()
    assert QuestionVersion.objects.filter(question=question).count() == 2


@pytest.mark.parametrize(("changes", "field"), [
    ({"answer": "9"}, "answer"),
    ({"answer": "甲"}, "answer"),
    ({"options": "只有一个选项"}, "options"),
    ({"stem": ""}, "stem"),
    ({"law": "法" * 81}, "law"),
    ({"difficulty": "7"}, "difficulty"),
])
def test_bad_question_input_is_refused_beside_the_field(clock, bank, street_staff, as_user,
                                                        changes, field):
    from fazhi.exams.forms import QuestionForm

    question = Question.objects.filter(bank=bank, kind="single").first()
    data = {**QuestionForm.initial_for(question), **changes}
    response = as_user(street_staff).post(f"/exams/questions/{question.pk}/edit/", data)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert QuestionVersion.objects.filter(question=question).count() == 1


def test_only_organisers_edit_questions(clock, bank, cadre, unit_staff, as_user):
    question = Question.objects.filter(bank=bank).first()
    for user in (cadre, unit_staff):
        assert as_user(user).get(f"/exams/questions/{question.pk}/edit/").status_code == 404
        assert as_user(user).get(f"/exams/banks/{bank.pk}/questions/").status_code == 404
    assert QuestionVersion.objects.filter(question=question).count() == 1


def test_the_question_list_reads_a_fixed_number_of_queries(clock, bank, street_staff, as_user,
                                                           django_assert_max_num_queries):
    client = as_user(street_staff)
    client.get(f"/exams/banks/{bank.pk}/questions/")
    with django_assert_max_num_queries(10):
        response = client.get(f"/exams/banks/{bank.pk}/questions/")
    assert response.content.decode().count("/edit/") == 48
