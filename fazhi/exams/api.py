"""/api/v1/exams/: exams, papers and answers, questions, rates, through the same services as
the pages. Errors: 422 bad input, 409 a refusal (time up, stale answer or paper, not on the
paper, exam closed), 404 outside the actor's scope (another candidate's paper), 403 role."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from fazhi.core.apitypes import DateTime, DbInt, Id
from fazhi.core.conflicts import Conflict
from fazhi.core.http import client_ip
from fazhi.core.textlimits import api_text

from .models import Attempt, Exam
from .rates import exam_rates
from .selectors import attempt_get_for, bank_get_for, exam_get_for, exam_list_for, paper_items
from .services import exams as exam_services
from .services import questions as question_services
from .services import sitting

router = Router(tags=["exams"])


def _refused(exc: Conflict) -> HttpError:
    return HttpError(409, exc.message)


class ExamOut(Schema):
    id: DbInt
    title: str
    mode: str
    status: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    makeup_opens_at: dt.datetime | None
    makeup_closes_at: dt.datetime | None
    duration_minutes: DbInt
    max_attempts: DbInt
    pass_percent: DbInt
    version: DbInt


class RuleIn(Schema):
    kind: str = Field(max_length=12)
    law: str = Field("", max_length=80)
    difficulty: int = Field(0, ge=0, le=3)
    count: int = Field(ge=1, le=500)


class PointsIn(Schema):
    single: int = Field(2, ge=1, le=100)
    multiple: int = Field(2, ge=1, le=100)
    true_false: int = Field(2, ge=1, le=100)
    fill: int = Field(2, ge=1, le=100)


class ExamIn(Schema):
    title: str = api_text(Exam, "title")
    bank_id: Id
    unit_ids: list[Id] = Field(max_length=500)
    question_ids: list[Id] = Field(default_factory=list, max_length=300)
    rules: list[RuleIn] = Field(default_factory=list, max_length=40)
    points: PointsIn = PointsIn(single=2, multiple=2, true_false=2, fill=2)
    opens_at: DateTime
    closes_at: DateTime
    makeup_opens_at: DateTime | None = None
    makeup_closes_at: DateTime | None = None
    duration_minutes: int = Field(120, ge=1, le=600)
    max_attempts: int = Field(3, ge=1, le=20)
    pass_percent: int = Field(60, ge=0, le=100)
    excellent_percent: int = Field(90, ge=0, le=100)
    show_explanations: bool = True
    training_hours: int = Field(6, ge=0, le=200)
    target_percent: int = Field(95, ge=0, le=100)


class VersionIn(Schema):
    version: DbInt


class ItemOut(Schema):
    position: DbInt
    kind: str
    stem: str
    points: DbInt
    options: list[str]
    seq: DbInt
    chosen: list[int]
    text: str


class PaperOut(Schema):
    id: DbInt
    exam_id: DbInt
    number: DbInt
    state: str
    version: DbInt
    deadline: dt.datetime
    remaining_seconds: DbInt
    score: float | None
    max_score: float
    passed: bool
    certificate_code: str | None
    items: list[ItemOut]


class AnswerIn(Schema):
    position: int = Field(ge=1, le=10_000)
    answer: int | Annotated[list[int], Field(max_length=6)] | Annotated[
        str, Field(max_length=200)] | None = None
    seq: int = Field(ge=1, le=2**53)
    paper_version: int = Field(ge=0, le=2**31)


class AnswerOut(Schema):
    position: DbInt
    seq: DbInt


class RateOut(Schema):
    rank: DbInt
    id: DbInt | None
    name: str
    enrolled: DbInt
    sat: DbInt
    passed: DbInt
    excellent: DbInt
    sat_rate: float
    pass_rate: float
    excellent_rate: float


class RatesOut(Schema):
    units: list[RateOut]
    communities: list[RateOut]


class QuestionIn(Schema):
    kind: str = Field(max_length=12)
    stem: str = Field(max_length=1000)
    options: list[Annotated[str, Field(max_length=300)]] = Field(default_factory=list,
                                                                 max_length=6)
    answer: list[int | Annotated[str, Field(max_length=100)]] = Field(max_length=10)
    explanation: str = Field("", max_length=2000)
    law: str = Field(max_length=80)
    article: str = Field("", max_length=40)
    difficulty: int = Field(2, ge=1, le=3)
    tags: str = Field("", max_length=200)


class QuestionOut(Schema):
    id: DbInt
    kind: str
    version: DbInt
    current_id: DbInt


def _paper(attempt: Attempt) -> dict[str, Any]:
    now = timezone.now()
    certificate = getattr(attempt, "certificate", None)
    return {
        "id": attempt.pk, "exam_id": attempt.exam_id, "number": attempt.number,
        "state": attempt.state, "version": attempt.version, "deadline": attempt.deadline,
        "remaining_seconds": max(0, int((attempt.deadline - now).total_seconds()))
        if attempt.state == Attempt.State.OPEN else 0,
        "score": float(attempt.score) if attempt.score is not None else None,
        "max_score": float(attempt.max_score), "passed": attempt.passed,
        "certificate_code": certificate.code if certificate else None,
        "items": [{"position": s.position, "kind": s.kind, "stem": s.stem,
                   "points": s.points, "options": [t for _p, t in s.options],
                   "seq": s.seq, "chosen": s.chosen, "text": s.text}
                  for s in paper_items(attempt)]}


@router.get("/", response=list[ExamOut])
def exams(request: HttpRequest) -> Any:
    return list(exam_list_for(actor=request.user)[:200])


@router.post("/", response={201: ExamOut})
def exam_create(request: HttpRequest, payload: ExamIn) -> Any:
    data = payload.dict()
    bank = bank_get_for(actor=request.user, pk=data.pop("bank_id"))
    data["rules"] = [dict(r) for r in data["rules"]]
    data["points"] = dict(data["points"])
    try:
        exam = exam_services.exam_create(actor=request.user, bank=bank, ip=client_ip(request),
                                         **data)
    except Conflict as exc:
        raise _refused(exc) from exc
    return 201, exam


@router.post("/{exam_id}/publish", response=ExamOut)
def exam_publish(request: HttpRequest, exam_id: Id, payload: VersionIn) -> Any:
    exam = exam_get_for(actor=request.user, pk=exam_id)
    try:
        exam_services.exam_publish(actor=request.user, exam=exam,
                                   expected_version=payload.version, ip=client_ip(request))
    except Conflict as exc:
        raise _refused(exc) from exc
    exam.refresh_from_db()
    return exam


@router.post("/{exam_id}/start", response=PaperOut)
def exam_start(request: HttpRequest, exam_id: Id) -> Any:
    exam = exam_get_for(actor=request.user, pk=exam_id)
    try:
        return _paper(sitting.attempt_start(actor=request.user, exam=exam))
    except Conflict as exc:
        raise _refused(exc) from exc


@router.get("/{exam_id}/rates", response=RatesOut)
def rates(request: HttpRequest, exam_id: Id) -> Any:
    exam = exam_get_for(actor=request.user, pk=exam_id)
    by_unit, by_community, _total = exam_rates(actor=request.user, exam=exam)

    def out(r: Any) -> dict[str, Any]:
        return {"rank": r.rank, "id": r.pk, "name": r.name, "enrolled": r.enrolled,
                "sat": r.sat, "passed": r.passed, "excellent": r.excellent,
                "sat_rate": r.sat_rate, "pass_rate": r.pass_rate,
                "excellent_rate": r.excellent_rate}
    return {"units": [out(r) for r in by_unit], "communities": [out(r) for r in by_community]}


@router.get("/papers/{paper_id}", response=PaperOut)
def paper(request: HttpRequest, paper_id: Id) -> Any:
    attempt = attempt_get_for(actor=request.user, pk=paper_id)
    if attempt.state == Attempt.State.OPEN and attempt.deadline <= timezone.now():
        sitting.attempt_expire(attempt_id=attempt.pk)
        attempt.refresh_from_db()
    return _paper(attempt)


@router.post("/papers/{paper_id}/answers", response=AnswerOut)
def answer(request: HttpRequest, paper_id: Id, payload: AnswerIn) -> Any:
    try:
        item = sitting.answer_save(actor=request.user, attempt_id=paper_id,
                                   position=payload.position, answer=payload.answer,
                                   seq=payload.seq, paper_version=payload.paper_version)
    except Conflict as exc:
        raise _refused(exc) from exc
    except Http404 as exc:
        raise HttpError(404, str(exc) or "Not found") from exc
    return {"position": item.position, "seq": item.seq}


@router.post("/papers/{paper_id}/submit", response=PaperOut)
def submit(request: HttpRequest, paper_id: Id, payload: VersionIn) -> Any:
    try:
        attempt = sitting.attempt_submit(actor=request.user, attempt_id=paper_id,
                                         expected_version=payload.version)
    except Conflict as exc:
        raise _refused(exc) from exc
    return _paper(attempt)


@router.post("/banks/{bank_id}/questions", response={201: QuestionOut})
def question_create(request: HttpRequest, bank_id: Id, payload: QuestionIn) -> Any:
    bank = bank_get_for(actor=request.user, pk=bank_id)
    question = question_services.question_create(
        actor=request.user, bank=bank, ip=client_ip(request),
        data=question_services.QuestionData(**payload.dict()))
    return 201, question


