"""Writing questions: every edit is a new version, so a paper keeps the text it was drawn with.

``question_check`` is the one rule of a well-formed question; the form, the API and the XLSX
import all go through it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record

from ..access import require_organiser
from ..errors import StaleVersion
from ..models import MAX_OPTIONS, Bank, Difficulty, Kind, Question, QuestionVersion

TRUE_FALSE_OPTIONS = ["正确", "错误"]
SHINGLE = 3
NEAR_DUPLICATE = 0.85  # Jaccard similarity of character 3-shingles of normalised stems


def stem_key(stem: str) -> str:
    """The stem folded for comparison: NFKC, lower case, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", stem).lower()
    return "".join(ch for ch in text if ch.isalnum())[:600]


def shingles(key: str) -> frozenset[str]:
    if len(key) <= SHINGLE:
        return frozenset({key})
    return frozenset(key[i:i + SHINGLE] for i in range(len(key) - SHINGLE + 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def fold_text(value: str) -> str:
    """A fill-in answer as compared: NFKC, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower()


@dataclass
class QuestionData:
    kind: str
    stem: str
    options: list[str] = field(default_factory=list)
    answer: list[Any] = field(default_factory=list)
    explanation: str = ""
    law: str = ""
    article: str = ""
    difficulty: int = Difficulty.MEDIUM
    tags: str = ""


def question_check(data: QuestionData) -> QuestionData:
    """``data`` made canonical, or a ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    data.stem = (data.stem or "").strip()
    data.law = (data.law or "").strip()
    data.article = (data.article or "").strip()
    data.explanation = (data.explanation or "").strip()
    data.tags = ",".join(t.strip() for t in re.split(r"[,，;；]", data.tags or "") if t.strip())
    if data.kind not in Kind.values:
        errors["kind"] = _("Unknown question type.")
    if not data.stem:
        errors["stem"] = _("The stem is empty.")
    elif len(data.stem) > 1000:
        errors["stem"] = _("The stem is longer than 1000 characters.")
    if not data.law:
        errors["law"] = _("Name the law the question rests on.")
    elif len(data.law) > 80:
        errors["law"] = _("The law's name is longer than 80 characters.")
    if len(data.article) > 40:
        errors["article"] = _("The article is longer than 40 characters.")
    if len(data.explanation) > 2000:
        errors["explanation"] = _("The explanation is longer than 2000 characters.")
    if len(data.tags) > 200:
        errors["tags"] = _("The tags are longer than 200 characters.")
    if data.difficulty not in Difficulty.values:
        errors["difficulty"] = _("Difficulty is 1 (easy), 2 (medium) or 3 (hard).")
    if data.kind in (Kind.SINGLE, Kind.MULTIPLE):
        data.options = [str(o).strip() for o in data.options if str(o).strip()]
        if not 2 <= len(data.options) <= MAX_OPTIONS:
            errors["options"] = _("A choice question has 2 to 6 options.")
        elif any(len(o) > 300 for o in data.options):
            errors["options"] = _("An option is longer than 300 characters.")
        elif len(set(data.options)) != len(data.options):
            errors["options"] = _("Two options are the same.")
        answer = sorted({a for a in data.answer if isinstance(a, int)})
        if len(answer) != len(data.answer) or not answer or any(
                not 0 <= a < len(data.options) for a in answer):
            errors["answer"] = _("The answer must name options of the question.")
        elif data.kind == Kind.SINGLE and len(answer) != 1:
            errors["answer"] = _("A single-choice question has exactly one right option.")
        elif data.kind == Kind.MULTIPLE and len(answer) < 2:
            errors["answer"] = _("A multiple-choice question has at least two right options.")
        data.answer = answer
    elif data.kind == Kind.TRUE_FALSE:
        data.options = list(TRUE_FALSE_OPTIONS)
        if data.answer not in ([0], [1]):
            errors["answer"] = _("A true-or-false answer is 对 or 错.")
    elif data.kind == Kind.FILL:
        data.options = []
        texts = [str(a).strip() for a in data.answer if str(a).strip()]
        if not texts or any(len(t) > 100 for t in texts):
            errors["answer"] = _("Give the accepted answers (each at most 100 characters).")
        data.answer = texts
    if errors:
        raise ValidationError(errors)
    return data


def _version(question: Question, data: QuestionData, actor: Any, number: int) -> QuestionVersion:
    return QuestionVersion.objects.create(
        question=question, number=number, stem=data.stem, options=data.options,
        answer=data.answer, explanation=data.explanation, law=data.law, article=data.article,
        difficulty=data.difficulty, created_by=actor if getattr(actor, "pk", None) else None)


def question_add(*, bank: Bank, data: QuestionData, actor: Any) -> Question:
    """Save one checked question (inside the caller's transaction)."""
    question = Question.objects.create(
        bank=bank, kind=data.kind, law=data.law, difficulty=data.difficulty, tags=data.tags,
        stem_key=stem_key(data.stem))
    question.current = _version(question, data, actor, 1)
    question.save(update_fields=["current"])
    return question


@transaction.atomic
def question_create(*, actor: Any, bank: Bank, data: QuestionData, ip: str = "") -> Question:
    require_organiser(actor)
    question = question_add(bank=bank, data=question_check(data), actor=actor)
    audit_record(actor=actor, action="create", obj=question, ip=ip)
    return question


@transaction.atomic
def question_edit(*, actor: Any, question: Question, data: QuestionData,
                  expected_version: int, ip: str = "") -> Question:
    """A new version becomes current; papers already drawn keep theirs."""
    require_organiser(actor)
    locked = Question.objects.select_for_update().filter(pk=question.pk).first()
    if locked is None:
        raise PermissionDenied
    if locked.version != expected_version:
        raise StaleVersion(current=locked)
    if data.kind != locked.kind:
        raise ValidationError({"kind": _("A question's type cannot change; add a new question.")})
    data = question_check(data)
    locked.version += 1
    locked.current = _version(locked, data, actor, locked.version)
    locked.law, locked.difficulty, locked.tags = data.law, data.difficulty, data.tags
    locked.stem_key = stem_key(data.stem)
    locked.save()
    audit_record(actor=actor, action="update", obj=locked,
                 changes={"version": locked.version}, ip=ip)
    return locked


@transaction.atomic
def question_set_active(*, actor: Any, question: Question, active: bool, ip: str = "") -> None:
    require_organiser(actor)
    Question.objects.filter(pk=question.pk).update(active=active)
    audit_record(actor=actor, action="update", obj=question, changes={"active": active}, ip=ip)


@transaction.atomic
def bank_create(*, actor: Any, name: str, ip: str = "") -> Bank:
    require_organiser(actor)
    bank = Bank(name=(name or "").strip(), created_by=actor)
    bank.full_clean()
    bank.save()
    audit_record(actor=actor, action="create", obj=bank, ip=ip)
    return bank
