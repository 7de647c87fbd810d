"""Reads of the exams app, scoped to the actor (access.py holds the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

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


@dataclass
class ShownItem:
    """A paper item as the candidate sees it: the options in their shuffled order."""

    item: PaperItem
    kind: str
    stem: str
    options: list[tuple[int, str]]  # (place shown, text)
    chosen: list[int]               # places shown that the saved answer chose
    text: str                       # a fill-in's saved text
    right: list[int]                # places of the right options (after submitting)


def paper_items(attempt: Attempt) -> list[ShownItem]:
    shown = []
    for item in (PaperItem.objects.filter(attempt=attempt)
                 .select_related("question_version__question").order_by("position")):
        version = item.question_version
        kind = version.question.kind
        options = [(place, version.options[index]) for place, index in
                   enumerate(item.permutation)]
        response = item.response
        chosen = ([item.permutation.index(i) for i in response]
                  if isinstance(response, list) else [])
        right = ([item.permutation.index(i) for i in version.answer]
                 if kind != Kind.FILL else [])
        shown.append(ShownItem(item=item, kind=kind, stem=version.stem, options=options,
                               chosen=chosen, text=response if isinstance(response, str) else "",
                               right=right))
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
