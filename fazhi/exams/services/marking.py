"""Marking: objective questions are marked the moment a paper is submitted."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from ..models import Attempt, Exam, Kind, PaperItem, QuestionVersion
from .questions import fold_text


def is_correct(version: QuestionVersion, kind: str, response: Any) -> bool:
    """All and only the right options (no partial credit); a fill-in matches an accepted text."""
    if response in (None, "", []):
        return False
    if kind == Kind.FILL:
        given = fold_text(str(response))
        return any(given == fold_text(text) for text in version.answer)
    return sorted(response) == sorted(version.answer)


def mark(attempt: Attempt, exam: Exam) -> list[PaperItem]:
    """Mark every item of ``attempt`` in memory; fills the attempt's score fields."""
    items = list(PaperItem.objects.filter(attempt=attempt)
                 .select_related("question_version__question"))
    score = Decimal(0)
    total = Decimal(0)
    for item in items:
        version = item.question_version
        item.correct = is_correct(version, version.question.kind, item.response)
        item.awarded = Decimal(item.points) if item.correct else Decimal(0)
        score += item.awarded
        total += item.points
    attempt.score, attempt.max_score = score, total
    percent = (score * 100 / total) if total else Decimal(0)
    attempt.passed = percent >= exam.pass_percent
    attempt.excellent = percent >= exam.excellent_percent
    return items


def save_marks(items: list[PaperItem]) -> None:
    """Write the marks ``mark`` gave: one UPDATE per distinct (correct, awarded) pair, a few
    per paper (Django's bulk_update builds a CASE of every row, most of a submit's time)."""
    groups: dict[tuple[bool | None, Decimal], list[int]] = defaultdict(list)
    for item in items:
        groups[(item.correct, item.awarded)].append(item.pk)
    for (correct, awarded), pks in groups.items():
        PaperItem.objects.filter(pk__in=pks).update(correct=correct, awarded=awarded)
