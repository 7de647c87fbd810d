import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from fazhi.exams.models import Bank, Question, QuestionVersion
from fazhi.exams.services.importing import ImportRefused, bank_import
from fazhi.exams.services.questions import QuestionData, question_create, question_edit
from fazhi.exams.sheets import SheetError

from .sheets import good_row, workbook


@pytest.fixture
def empty_bank(db):
    return Bank.objects.create(name="调解题库")


def test_an_organiser_adds_a_question_with_its_first_version(street_staff, empty_bank):
    question = question_create(actor=street_staff, bank=empty_bank, data=QuestionData(
        kind="single", stem=" 调解协议何时生效？ ", options=["签名盖章时", "口头同意时"], answer=[0],
        law="人民调解法", article="第二十九条"))
    assert question.current.number == 1
    assert question.current.stem == "调解协议何时生效？"
    assert question.stem_key == "调解协议何时生效"


def test_a_community_worker_may_not_add_questions(worker, empty_bank):
    with pytest.raises(PermissionDenied):
        question_create(actor=worker, bank=empty_bank, data=QuestionData(
            kind="true_false", stem="题", answer=[0], law="宪法"))
    assert Question.objects.count() == 0


def test_editing_a_question_keeps_the_old_version_for_papers_drawn_with_it(street_staff, empty_bank):
    question = question_create(actor=street_staff, bank=empty_bank, data=QuestionData(
        kind="true_false", stem="宪法是根本法。", answer=[0], law="宪法"))
    first = question.current_id
    edited = question_edit(actor=street_staff, question=question, expected_version=1,
                           data=QuestionData(kind="true_false", stem="宪法是国家的根本法。",
                                             answer=[0], law="宪法"))
    assert edited.current.number == 2
    assert QuestionVersion.objects.get(pk=first).stem == "宪法是根本法。"
    assert edited.current.stem == "宪法是国家的根本法。"


def test_a_stale_edit_is_refused_and_changes_nothing(street_staff, empty_bank):
    from fazhi.core.conflicts import StaleVersion

    question = question_create(actor=street_staff, bank=empty_bank, data=QuestionData(
        kind="fill", stem="我国的根本政治制度是____。", answer=["人民代表大会制度"], law="宪法"))
    with pytest.raises(StaleVersion):
        question_edit(actor=street_staff, question=question, expected_version=7,
                      data=QuestionData(kind="fill", stem="改", answer=["x"], law="宪法"))
    assert QuestionVersion.objects.count() == 1


@pytest.mark.parametrize(("data", "field"), [
    (QuestionData(kind="single", stem="题", options=["a"], answer=[0], law="宪法"), "options"),
    (QuestionData(kind="single", stem="题", options=["a", "b"], answer=[0, 1], law="宪法"), "answer"),
    (QuestionData(kind="multiple", stem="题", options=["a", "b"], answer=[5], law="宪法"), "answer"),
    (QuestionData(kind="true_false", stem="题", answer=[2], law="宪法"), "answer"),
    (QuestionData(kind="fill", stem="题", answer=[""], law="宪法"), "answer"),
    (QuestionData(kind="single", stem="x" * 1001, options=["a", "b"], answer=[0], law="宪法"), "stem"),
    (QuestionData(kind="single", stem="题", options=["a", "b"], answer=[0], law=""), "law"),
])
def test_a_malformed_question_is_refused_naming_the_field(street_staff, empty_bank, data, field):
    with pytest.raises(ValidationError) as refused:
        question_create(actor=street_staff, bank=empty_bank, data=data)
    assert field in refused.value.message_dict
    assert Question.objects.count() == 0


def test_an_import_saves_every_row_of_a_good_workbook(street_staff, empty_bank):
    data = workbook([good_row(1), good_row(2, "多选"), good_row(3, "判断"), good_row(4, "填空")])
    result = bank_import(actor=street_staff, bank=empty_bank, data=data)
    assert result.imported == 4
    kinds = sorted(Question.objects.values_list("kind", flat=True))
    assert kinds == ["fill", "multiple", "single", "true_false"]
    fill = Question.objects.get(kind="fill").current
    assert fill.answer == ["人民代表大会", "人大"]
    assert Question.objects.get(kind="multiple").current.answer == [0, 2]


def test_an_import_with_bad_rows_lists_every_one_and_imports_nothing(street_staff, empty_bank):
    bad_kind = ["问答", *good_row(3)[1:]]
    bad_answer = good_row(4)
    bad_answer[8] = "Z"
    no_law = good_row(5)
    no_law[10] = ""
    data = workbook([good_row(1), good_row(2), bad_kind, bad_answer, no_law])
    with pytest.raises(ImportRefused) as refused:
        bank_import(actor=street_staff, bank=empty_bank, data=data)
    problems = [(p.row, p.column) for p in refused.value.errors]
    assert problems == [(4, "A"), (5, "I"), (6, "K")]
    assert Question.objects.count() == 0


def test_an_import_flags_a_near_duplicate_stem_and_says_of_which_row(street_staff, empty_bank):
    twin = good_row(1)
    twin[1] = twin[1].replace("？", "。")  # punctuation only: the same question
    data = workbook([good_row(1), good_row(2), twin])
    with translation.override("en"):  # another test may leave Chinese active
        result = bank_import(actor=street_staff, bank=empty_bank, data=data)
    assert result.imported == 3
    assert [(row, like) for row, like, _score in result.near_duplicates] == [(4, "row 2")]


def test_an_import_flags_a_stem_already_in_the_bank(street_staff, empty_bank):
    bank_import(actor=street_staff, bank=empty_bank, data=workbook([good_row(1)]))
    with translation.override("en"):  # another test may leave Chinese active
        result = bank_import(actor=street_staff, bank=empty_bank,
                             data=workbook([good_row(1)]))
    assert [(row, like) for row, like, _score in result.near_duplicates] == [
        (2, "a question already in the bank")]


def test_a_file_that_is_not_a_workbook_is_refused(street_staff, empty_bank):
    with pytest.raises(SheetError):
        bank_import(actor=street_staff, bank=empty_bank, data=b"PK\x03\x04 not really")
    assert Question.objects.count() == 0


def test_a_formula_in_the_stem_cell_is_never_evaluated_and_the_row_is_refused(street_staff,
                                                                             empty_bank):
    row = good_row(1)
    row[1] = "=HYPERLINK(\"http://x\")"
    with pytest.raises(ImportRefused) as refused:
        bank_import(actor=street_staff, bank=empty_bank, data=workbook([row]))
    assert [(p.row, p.column) for p in refused.value.errors] == [(2, "B")]
    assert Question.objects.count() == 0
