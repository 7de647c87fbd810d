"""Importing a question bank from the XLSX template: all or nothing, every bad row listed,
near-duplicate stems flagged (docs/exams.md: 3-shingle Jaccard ≥ 0.85 on normalised stems)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record

from ..access import require_organiser
from ..models import Bank, Question
from ..sheets import (
    DIFFICULTY_WORDS,
    KIND_WORDS,
    OPTION_LETTERS,
    TRUE_WORDS,
    column_letter,
    read_rows,
)
from .questions import (
    NEAR_DUPLICATE,
    QuestionData,
    question_add,
    question_check,
    shingles,
    stem_key,
)

# Which column a field error of question_check is reported in.
_ERROR_COLUMN = {"options": "option_A", "kind": "kind", "stem": "stem", "answer": "answer",
                 "law": "law", "article": "article", "difficulty": "difficulty",
                 "explanation": "explanation", "tags": "tags"}


@dataclass
class RowProblem:
    row: int
    column: str
    reason: str


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    near_duplicates: list[tuple[int, str, float]] = field(default_factory=list)  # row, like, score


class ImportRefused(Exception):
    def __init__(self, errors: list[RowProblem]):
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def row_to_data(record: dict[str, Any]) -> tuple[QuestionData | None, list[tuple[str, str]]]:
    """A sheet row as QuestionData, or the (field, reason) problems of reading it."""
    problems: list[tuple[str, str]] = []
    kind = KIND_WORDS.get(_text(record.get("kind")).lower(), "")
    if not kind:
        problems.append(("kind", _("Type must be 单选, 多选, 判断 or 填空.")))
    options = [_text(record.get(f"option_{letter}")) for letter in OPTION_LETTERS]
    while options and not options[-1]:
        options.pop()
    if "" in options:
        problems.append(("option_A", _("An option is empty before a filled one.")))
    raw_answer = _text(record.get("answer"))
    answer: list[Any] = []
    if kind in ("single", "multiple"):
        letters = raw_answer.upper().replace(",", "").replace("，", "").replace(" ", "")
        if not letters or any(ch not in OPTION_LETTERS for ch in letters):
            problems.append(("answer", _("The answer is letters of the options, e.g. A or ABD.")))
        answer = [OPTION_LETTERS.index(ch) for ch in letters if ch in OPTION_LETTERS]
    elif kind == "true_false":
        if raw_answer.lower() not in TRUE_WORDS:
            problems.append(("answer", _("A true-or-false answer is 对 or 错.")))
        else:
            answer = [TRUE_WORDS[raw_answer.lower()]]
    elif kind == "fill":
        answer = raw_answer.split("|")
    raw_difficulty = _text(record.get("difficulty")) or "中"
    difficulty = DIFFICULTY_WORDS.get(raw_difficulty, 0)
    if not difficulty:
        problems.append(("difficulty", _("Difficulty is 易, 中 or 难 (or 1, 2, 3).")))
    if problems:
        return None, problems
    data = QuestionData(kind=kind, stem=_text(record.get("stem")), options=options, answer=answer,
                        explanation=_text(record.get("explanation")), law=_text(record.get("law")),
                        article=_text(record.get("article")), difficulty=difficulty,
                        tags=_text(record.get("tags")))
    try:
        return question_check(data), []
    except ValidationError as exc:
        return None, [(name, " ".join(messages)) for name, messages in exc.message_dict.items()]


def import_check(bank: Bank, data: bytes) -> tuple[list[tuple[int, QuestionData]], ImportResult]:
    """Every row read and checked, nothing written."""
    result = ImportResult()
    rows = read_rows(data)  # SheetError for a file that is not the template at all
    good: list[tuple[int, QuestionData]] = []
    for number, record in rows:
        question, problems = row_to_data(record)
        for name, reason in problems:
            result.errors.append(RowProblem(number, column_letter(_ERROR_COLUMN.get(name, name)),
                                            reason))
        if question is not None:
            good.append((number, question))
    near = NearDuplicates()
    for key in Question.objects.filter(bank=bank).values_list("stem_key", flat=True).iterator():
        near.add(0, key)
    for number, question in good:
        key = stem_key(question.stem)
        other_row, score = near.closest(key)
        if score >= NEAR_DUPLICATE:
            like = (_("row %(row)d") % {"row": other_row} if other_row
                    else _("a question already in the bank"))
            result.near_duplicates.append((number, like, round(score, 2)))
        near.add(number, key)
    return good, result


class NearDuplicates:
    """Stems seen so far, indexed by shingle, so a new stem is compared only with the stems
    that share a shingle with it (not with the whole bank)."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int]] = []  # (sheet row or 0, shingle count)
        self.index: dict[str, list[int]] = {}

    def add(self, row: int, key: str) -> None:
        mine = shingles(key)
        for piece in mine:
            self.index.setdefault(piece, []).append(len(self.rows))
        self.rows.append((row, len(mine)))

    def closest(self, key: str) -> tuple[int, float]:
        mine = shingles(key)
        overlap: dict[int, int] = {}
        for piece in mine:
            for other in self.index.get(piece, ()):
                overlap[other] = overlap.get(other, 0) + 1
        best, row = 0.0, 0
        for other, common in overlap.items():
            score = common / (len(mine) + self.rows[other][1] - common)
            if score > best:
                best, row = score, self.rows[other][0]
        return row, best


@transaction.atomic
def bank_import(*, actor: Any, bank: Bank, data: bytes, ip: str = "") -> ImportResult:
    """Import every row or none: ImportRefused lists every bad row."""
    require_organiser(actor)
    good, result = import_check(bank, data)
    if result.errors:
        raise ImportRefused(result.errors)
    for _number, question in good:
        question_add(bank=bank, data=question, actor=actor)
    result.imported = len(good)
    audit_record(actor=actor, action="import", obj=bank,
                 changes={"imported": result.imported,
                          "near_duplicates": len(result.near_duplicates)}, ip=ip)
    return result
