"""Reads of the exams app, scoped to the actor (access.py holds the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import ngettext

from fazhi.core.roles import STREET_WIDE_ROLES, require_reader

from .access import attempt_scope, enrolment_scope, is_organiser, is_unit_staff
from .models import Attempt, Bank, Certificate, Enrolment, Exam, Kind, PaperItem, Question


def exam_list_for(*, actor: Any) -> QuerySet[Exam]:
    """Organisers and street-wide roles: every exam; unit staff: their unit's; a candidate:
    the published exams they are enrolled in."""
    require_reader(actor)
    exams = Exam.objects.select_related("bank")
    if actor.role in STREET_WIDE_ROLES:
        return exams
    mine = Q(enrolments__user_id=actor.pk, status=Exam.Status.PUBLISHED)
    if is_unit_staff(actor):
        mine |= Q(units=actor.unit_id)
    return exams.filter(pk__in=Exam.objects.filter(mine).values("pk"))


def exam_get_for(*, actor: Any, pk: int) -> Exam:
    exam = exam_list_for(actor=actor).filter(pk=pk).first()
    if exam is None:
        raise Http404
    return exam


def enrolment_of(*, actor: Any, exam: Exam) -> Enrolment | None:
    return Enrolment.objects.filter(exam=exam, user_id=actor.pk).first()


def attempt_list_for(*, actor: Any, exam: Exam | None = None) -> QuerySet[Attempt]:
    attempts = Attempt.objects.filter(attempt_scope(actor)).select_related("exam", "user")
    return attempts.filter(exam=exam) if exam is not None else attempts


def attempt_get_for(*, actor: Any, pk: int) -> Attempt:
    attempt = attempt_list_for(actor=actor).filter(pk=pk).first()
    if attempt is None:
        raise Http404
    return attempt


def paper_get_for(*, actor: Any, pk: int) -> Attempt:
    """The actor's own paper with its exam (404 for anyone else's, even one they may read)."""
    require_reader(actor)
    attempt = Attempt.objects.select_related("exam").filter(pk=pk, user_id=actor.pk).first()
    if attempt is None:
        raise Http404
    return attempt


@dataclass
class ShownItem:
    """A paper item as the candidate sees it: the options in their shuffled order."""

    position: int
    points: int
    seq: int
    kind: str
    label: str                      # "Single choice · 2 points"
    stem: str
    options: list[tuple[int, str]]  # (place shown, text)
    chosen: list[int]               # places shown that the saved answer chose
    text: str                       # a fill-in's saved text
    right: list[int]                # places of the right options (after submitting)
    correct: bool | None            # the marking (after submitting)
    answer: list[Any]               # the version's answer: stored indices or accepted texts
    explanation: str
    law: str
    article: str

    @property
    def next_seq(self) -> int:
        return self.seq + 1

    @property
    def input_type(self) -> str:
        return "checkbox" if self.kind == Kind.MULTIPLE else "radio"

    @property
    def choices(self) -> list[tuple[int, str, str]]:
        """(place, text, " checked" or "") of each option as shown."""
        chosen = set(self.chosen)
        return [(place, text, " checked" if place in chosen else "") for place, text in self.options]


_ITEM_COLUMNS = ("position", "points", "seq", "permutation", "response", "correct",
                 "question_version__question__kind", "question_version__stem",
                 "question_version__options", "question_version__answer",
                 "question_version__explanation", "question_version__law",
                 "question_version__article")


def paper_items(attempt: Attempt) -> list[ShownItem]:
    """The paper's items in order, in one query of plain values (no model rows: the paper page
    is the second half of every start, docs/exams.md "Figures")."""
    shown = []
    labels: dict[tuple[str, int], str] = {}
    for (position, points, seq, permutation, response, correct, kind, stem, options, answer,
         explanation, law, article) in (PaperItem.objects.filter(attempt=attempt)
                                        .order_by("position").values_list(*_ITEM_COLUMNS)):
        label = labels.get((kind, points))
        if label is None:
            worth = ngettext("%(n)s point", "%(n)s points", points) % {"n": points}
            label = labels[kind, points] = f"{Kind(kind).label} · {worth}"
        shown.append(ShownItem(
            position=position, points=points, seq=seq, kind=kind, label=label, stem=stem,
            options=[(place, options[index]) for place, index in enumerate(permutation)],
            chosen=([permutation.index(i) for i in response]
                    if isinstance(response, list) else []),
            text=response if isinstance(response, str) else "",
            right=[permutation.index(i) for i in answer] if kind != Kind.FILL else [],
            correct=correct, answer=answer, explanation=explanation, law=law, article=article))
    return shown


def bank_list_for(*, actor: Any) -> QuerySet[Bank]:
    if not is_organiser(actor):
        return Bank.objects.none()
    return Bank.objects.annotate(size=Count("questions"))


def bank_get_for(*, actor: Any, pk: int) -> Bank:
    bank = bank_list_for(actor=actor).filter(pk=pk).first()
    if bank is None:
        raise Http404
    return bank


def certificate_by_code(code: str) -> Certificate | None:
    """The public look-up: a code's certificate (any visitor)."""
    code = (code or "").strip().upper()[:16]
    if not code.isalnum():
        return None
    return Certificate.objects.filter(code=code).select_related("attempt").first()


def enrolments_for(*, actor: Any, exam: Exam) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(enrolment_scope(actor), exam=exam)


def question_list_for(*, actor: Any, bank: Bank) -> QuerySet[Question]:
    """A bank's questions with their current text (organisers only, as the bank)."""
    if not is_organiser(actor):
        return Question.objects.none()
    return bank.questions.select_related("current").order_by("id")


def question_get_for(*, actor: Any, pk: int) -> Question:
    if not is_organiser(actor):
        raise Http404
    question = Question.objects.select_related("current", "bank").filter(pk=pk).first()
    if question is None:
        raise Http404
    return question
