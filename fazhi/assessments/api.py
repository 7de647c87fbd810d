"""/api/v1/assessments/: cycles and their indicator trees, assessments and their items, the
self-assessment, evidence links and the review, through the same services as the pages.
Errors: 422 bad input, 409 a refusal (stale version, frozen tree, not the community's or the
reviewer's turn), 404 outside the actor's scope, 403 role."""


import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core.apitypes import DbInt, Id, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.http import client_ip
from fazhi.core.textlimits import api_text

from . import services
from .models import Assessment, Cycle, Dimension, Evidence, Indicator, Rule, Score
from .selectors import (
    assessment_get_for,
    assessment_list_for,
    cycle_get_for,
    cycle_list_for,
    indicator_get_for,
    score_get_for,
)

router = Router(tags=["assessments"])


class IndicatorOut(Schema):
    id: DbInt
    dimension: str
    position: DbInt
    title: str
    guidance: str
    weight: Decimal
    method: str
    rule: str
    target: Decimal | None


class CycleOut(Schema):
    id: DbInt
    title: str
    first_year: DbInt
    last_year: DbInt
    pass_score: Decimal
    excellent_score: Decimal
    warn_score: Decimal
    tree_version: DbInt
    frozen_at: dt.datetime | None
    version: DbInt


class CycleDetailOut(CycleOut):
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj: Any) -> list[Any]:
        return list(obj.indicators.all())


class EvidenceOut(Schema):
    id: DbInt
    kind: str
    label: str
    record_id: DbInt | None
    has_file: bool

    @staticmethod
    def resolve_has_file(obj: Evidence) -> bool:
        return bool(obj.file)


class ScoreOut(Schema):
    id: DbInt
    indicator_id: DbInt
    title: str
    dimension: str
    weight: Decimal
    method: str
    measured: Decimal | None
    measure_note: str
    self_score: Decimal | None
    self_note: str
    review: str
    review_score: Decimal | None
    review_note: str
    version: DbInt
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_title(obj: Score) -> str:
        return obj.indicator.title

    @staticmethod
    def resolve_dimension(obj: Score) -> str:
        return obj.indicator.dimension

    @staticmethod
    def resolve_weight(obj: Score) -> Decimal:
        return obj.indicator.weight

    @staticmethod
    def resolve_method(obj: Score) -> str:
        return obj.indicator.method

    @staticmethod
    def resolve_evidence(obj: Score) -> list[Any]:
        return list(obj.evidence.all())


class AssessmentOut(Schema):
    id: DbInt
    cycle_id: DbInt
    community_id: DbInt
    community: str
    kind: str
    status: str
    tree_version: DbInt
    submitted_at: dt.datetime | None
    concluded_at: dt.datetime | None
    decided_on: dt.date | None
    score: Decimal | None
    grade: str
    decision: str
    version: DbInt

    @staticmethod
    def resolve_community(obj: Assessment) -> str:
        return obj.community.name


class AssessmentDetailOut(AssessmentOut):
    scores: list[ScoreOut]

    @staticmethod
    def resolve_scores(obj: Assessment) -> list[Any]:
        return list(obj.scores.all())


class CycleIn(Schema):
    title: str = api_text(Cycle, "title")
    first_year: int = Field(ge=2000, le=2099)


class IndicatorIn(Schema):
    tree_version: int = Field(ge=1, le=2**31)
    dimension: str = api_choice(Dimension)
    title: str = api_text(Indicator, "title")
    guidance: str = api_text(Indicator, "guidance", "")
    weight: Decimal = Field(ge=Decimal("0.5"), le=100, max_digits=4, decimal_places=1)
    method: str = api_choice(Indicator.Method)
    rule: str = api_choice(Rule, "", blank=True)
    target: Decimal | None = Field(None, ge=Decimal("0.1"), le=99999, max_digits=7,
                                   decimal_places=1)
    position: int = Field(0, ge=0, le=999)


class StartIn(Schema):
    cycle_id: Id
    kind: str = api_choice(Assessment.Kind, Assessment.Kind.APPLICATION)


class VersionIn(Schema):
    version: int = Field(ge=1, le=2**31)


class SelfIn(VersionIn):
    self_score: Decimal | None = Field(None, ge=0, le=100, max_digits=4, decimal_places=1)
    self_note: str = api_text(Score, "self_note", "")


class ReviewIn(VersionIn):
    verdict: str = Field(max_length=8, json_schema_extra={"enum": ["accepted", "returned"]})
    review_score: Decimal | None = Field(None, ge=0, le=100, max_digits=4, decimal_places=1)
    review_note: str = api_text(Score, "review_note", "")


class RecordIn(Schema):
    kind: str = Field(max_length=10, json_schema_extra={"enum": [
        k for k in Evidence.Kind.values if k != Evidence.Kind.FILE]})
    record_id: Id
    label: str = api_text(Evidence, "label", "")


class AssessmentFilter(Schema):
    cycle: Id | None = None
    community: Id | None = None
    status: str = api_choice(Assessment.Status, "", blank=True)


# --- cycles ------------------------------------------------------------------------------------
@router.get("/cycles", response=list[CycleOut])
def cycles(request: HttpRequest) -> Any:
    return list(cycle_list_for(actor=request.user)[:50])


@router.post("/cycles", response={201: CycleDetailOut})
def cycle_create(request: HttpRequest, payload: CycleIn) -> Any:
    cycle = services.cycle_create(actor=request.user, ip=client_ip(request), **payload.dict())
    return 201, cycle_get_for(actor=request.user, pk=cycle.pk)


@router.get("/cycles/{cycle_id}", response=CycleDetailOut)
def cycle_detail(request: HttpRequest, cycle_id: Id) -> Any:
    return cycle_get_for(actor=request.user, pk=cycle_id)


@router.post("/cycles/{cycle_id}/indicators", response={201: IndicatorOut})
def indicator_add(request: HttpRequest, cycle_id: Id, payload: IndicatorIn) -> Any:
    cycle = cycle_get_for(actor=request.user, pk=cycle_id)
    data = payload.dict()
    data["expected_tree_version"] = data.pop("tree_version")
    return 201, services.indicator_save(actor=request.user, cycle=cycle, ip=client_ip(request),
                                        **data)


@router.put("/indicators/{indicator_id}", response=IndicatorOut)
def indicator_update(request: HttpRequest, indicator_id: Id, payload: IndicatorIn) -> Any:
    item = indicator_get_for(actor=request.user, pk=indicator_id)
    data = payload.dict()
    data["expected_tree_version"] = data.pop("tree_version")
    return services.indicator_save(actor=request.user, cycle=item.cycle, indicator=item,
                                   ip=client_ip(request), **data)


# --- assessments -------------------------------------------------------------------------------
@router.get("/", response=list[AssessmentOut])
@paginate(Pagination)
def assessments(request: HttpRequest, filters: Query[AssessmentFilter]) -> Any:
    return assessment_list_for(actor=request.user, cycle=filters.cycle,
                               community=filters.community, status=filters.status)


@router.post("/", response={201: AssessmentDetailOut})
def assessment_start(request: HttpRequest, payload: StartIn) -> Any:
    cycle = cycle_get_for(actor=request.user, pk=payload.cycle_id)
    assessment = services.assessment_start(actor=request.user, cycle=cycle, kind=payload.kind,
                                           ip=client_ip(request))
    return 201, assessment_get_for(actor=request.user, pk=assessment.pk)


@router.get("/{assessment_id}", response=AssessmentDetailOut)
def assessment_detail(request: HttpRequest, assessment_id: Id) -> Any:
    return assessment_get_for(actor=request.user, pk=assessment_id)


def _whole(request: HttpRequest, assessment_id: Id, name: str, version: int | None) -> Any:
    assessment = assessment_get_for(actor=request.user, pk=assessment_id)
    kwargs: dict[str, Any] = {"actor": request.user, "assessment": assessment,
                              "ip": client_ip(request)}
    if version is not None:
        kwargs["expected_version"] = version
    getattr(services, name)(**kwargs)
    return assessment_get_for(actor=request.user, pk=assessment_id)


@router.post("/{assessment_id}/measure", response=AssessmentDetailOut)
def assessment_measure(request: HttpRequest, assessment_id: Id) -> Any:
    return _whole(request, assessment_id, "assessment_measure", None)


@router.post("/{assessment_id}/submit", response=AssessmentDetailOut)
def assessment_submit(request: HttpRequest, assessment_id: Id, payload: VersionIn) -> Any:
    return _whole(request, assessment_id, "assessment_submit", payload.version)


@router.post("/{assessment_id}/send-back", response=AssessmentDetailOut)
def assessment_send_back(request: HttpRequest, assessment_id: Id, payload: VersionIn) -> Any:
    return _whole(request, assessment_id, "assessment_send_back", payload.version)


@router.post("/{assessment_id}/conclude", response=AssessmentDetailOut)
def assessment_conclude(request: HttpRequest, assessment_id: Id, payload: VersionIn) -> Any:
    return _whole(request, assessment_id, "assessment_conclude", payload.version)


@router.post("/{assessment_id}/scores/{score_id}/self", response=ScoreOut)
def score_self(request: HttpRequest, assessment_id: Id, score_id: Id, payload: SelfIn) -> Any:
    score = score_get_for(actor=request.user, pk=score_id, assessment=assessment_id)
    services.score_self(actor=request.user, score=score, expected_version=payload.version,
                        self_score=payload.self_score, self_note=payload.self_note,
                        ip=client_ip(request))
    return score_get_for(actor=request.user, pk=score_id)


@router.post("/{assessment_id}/scores/{score_id}/evidence", response={201: EvidenceOut})
def evidence_link(request: HttpRequest, assessment_id: Id, score_id: Id,
                  payload: RecordIn) -> Any:
    score = score_get_for(actor=request.user, pk=score_id, assessment=assessment_id)
    return 201, services.evidence_add(actor=request.user, score=score, kind=payload.kind,
                                      label=payload.label, record_id=payload.record_id,
                                      ip=client_ip(request))


@router.post("/{assessment_id}/scores/{score_id}/review", response=ScoreOut)
def score_review(request: HttpRequest, assessment_id: Id, score_id: Id,
                 payload: ReviewIn) -> Any:
    score = score_get_for(actor=request.user, pk=score_id, assessment=assessment_id)
    services.score_review(actor=request.user, score=score, expected_version=payload.version,
                          verdict=payload.verdict, review_score=payload.review_score,
                          review_note=payload.review_note, ip=client_ip(request))
    return score_get_for(actor=request.user, pk=score_id)
