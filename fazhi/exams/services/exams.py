"""Setting an exam up: create it with its blueprint or fixed questions, publish it (the bank must
satisfy the blueprint), and enrol the candidates of its units."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.roles import ADMINISTRATION_ROLES
from fazhi.org.models import Unit

from ..access import require_organiser
from ..errors import BlueprintShort, StaleVersion
from ..models import Bank, Enrolment, Exam, ExamItem, Question
from .drawing import blueprint_shortfalls, rules_check

MAX_FIXED = 300


@transaction.atomic
def exam_create(*, actor: Any, bank: Bank, title: str, unit_ids: list[int],
                question_ids: list[int] | None = None, ip: str = "", **fields: Any) -> Exam:
    """A draft exam. ``fields`` are Exam's settings (window, duration, rules, points, ...);
    ``question_ids`` make it a fixed paper of those questions' current versions, in order."""
    require_organiser(actor)
    exam = Exam(title=(title or "").strip(), bank=bank, created_by=actor, **fields)
    if question_ids:
        exam.mode = Exam.Mode.FIXED
    exam.full_clean()
    if exam.mode == Exam.Mode.DRAWN:
        problems = rules_check(exam.rules, exam.points)
        if problems:
            raise ValidationError({"rules": problems})
    exam.save()
    units = list(Unit.objects.filter(pk__in=unit_ids, active=True))
    if len(units) != len(set(unit_ids)):
        raise ValidationError({"unit_ids": _("Choose active units.")})
    exam.units.set(units)
    if exam.mode == Exam.Mode.FIXED:
        _fixed_items(exam, question_ids or [])
    audit_record(actor=actor, action="create", obj=exam, ip=ip)
    return exam


def _fixed_items(exam: Exam, question_ids: list[int]) -> None:
    if not 0 < len(question_ids) <= MAX_FIXED or len(set(question_ids)) != len(question_ids):
        raise ValidationError({"question_ids": _("A fixed paper has 1 to %(max)d different "
                                                 "questions.") % {"max": MAX_FIXED}})
    questions = Question.objects.in_bulk(question_ids)
    points = exam.points or {}
    items = []
    for position, pk in enumerate(question_ids, start=1):
        question = questions.get(pk)
        if question is None or question.bank_id != exam.bank_id or not question.active:
            raise ValidationError({"question_ids": _("Question %(id)d is not an active question "
                                                     "of this bank.") % {"id": pk}})
        items.append(ExamItem(exam=exam, position=position,
                              question_version_id=question.current_id or 0,
                              points=points.get(question.kind, 2)))
    ExamItem.objects.bulk_create(items)


def candidates_of(exam: Exam):
    """Users who sit the exam: active accounts of its units (administration roles excepted)."""
    return (get_user_model().objects.filter(unit__in=exam.units.all(), is_active=True)
            .exclude(role__in=ADMINISTRATION_ROLES).select_related("unit__region"))


def enrol(exam: Exam) -> int:
    """Enrol the exam's candidates not enrolled yet (idempotent); returns how many were added."""
    have = set(Enrolment.objects.filter(exam=exam).values_list("user_id", flat=True))
    new = [Enrolment(exam=exam, user=user, unit=user.unit,
                     community_id=user.unit.region.community_pk)
           for user in candidates_of(exam) if user.pk not in have]
    Enrolment.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def exam_publish(*, actor: Any, exam: Exam, expected_version: int, ip: str = "") -> int:
    """Publish and enrol; refused when the bank cannot satisfy the blueprint."""
    require_organiser(actor)
    locked = Exam.objects.select_for_update().filter(pk=exam.pk).first()
    if locked is None:
        raise PermissionDenied
    if locked.version != expected_version:
        raise StaleVersion(current=locked)
    if locked.mode == Exam.Mode.DRAWN:
        problems = blueprint_shortfalls(locked)
        if problems:
            raise BlueprintShort(" ".join(problems))
    locked.status = Exam.Status.PUBLISHED
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    added = enrol(locked)
    audit_record(actor=actor, action="publish", obj=locked, changes={"enrolled": added}, ip=ip)
    return added


@transaction.atomic
def exam_enrol(*, actor: Any, exam: Exam, ip: str = "") -> int:
    """Enrol people who joined the exam's units since it was published."""
    require_organiser(actor)
    added = enrol(exam)
    audit_record(actor=actor, action="enrol", obj=exam, changes={"enrolled": added}, ip=ip)
    return added
