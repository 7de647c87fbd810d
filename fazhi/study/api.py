"""/api/v1/study/: materials (laws article by article), the study timer, a person's credit and
year's score, unit rates, the weekly 学法半小时 and the year's rule, through the same services
as the pages. Errors: 422 bad input, 409 a refused beat or a stale version, 404 outside the
actor's scope, 403 role."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from fazhi.core.apitypes import Date, DbInt, Id, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.http import client_ip
from fazhi.core.roles import require_reader
from fazhi.core.textlimits import SEARCH_MAX_LENGTH, api_search, api_text
from fazhi.outreach.models import StudySession
from fazhi.outreach.selectors.study import unit_get_for

from .models import Material
from .selectors import (
    articles_of,
    credit_of,
    material_get_for,
    material_list_for,
    rule_for,
    score_of,
    unit_rates,
    week_for,
)
from .services import materials, rules, timer, weekly

router = Router(tags=["study"])
YEAR = Query(None, ge=2000, le=2100)


class StudyMaterialOut(Schema):
    id: DbInt
    kind: str
    title: str
    summary: str
    video_url: str
    credit_minutes: DbInt
    published: bool
    version: DbInt


class StudyArticleOut(Schema):
    number: DbInt
    label: str
    chapter: str
    text: str


class StudyMaterialDetailOut(StudyMaterialOut):
    body: str
    articles: list[StudyArticleOut]


class StudyMaterialIn(Schema):
    kind: str = api_choice(Material.Kind)
    title: str = api_text(Material, "title")
    summary: str = api_text(Material, "summary", "")
    body: str = api_text(Material, "body", "")
    video_url: str = api_text(Material, "video_url", "")
    credit_minutes: int = Field(30, ge=1, le=600)
    published: bool = False


class StudyMaterialUpdateIn(StudyMaterialIn):
    version: int = Field(ge=0, le=2**31)


class StudyMaterialFilter(Schema):
    q: str = api_search()
    manage: bool = False


class StudyVisitOut(Schema):
    token: str
    beat_seconds: DbInt


class StudyBeatIn(Schema):
    seq: int = Field(ge=1, le=10**9)
    visible: bool = True


class StudyBeatOut(Schema):
    credited: DbInt
    material_minutes: DbInt
    day_minutes: DbInt
    capped: str


class StudyCreditOut(Schema):
    material_id: DbInt
    title: str
    minutes: DbInt
    cap: DbInt


class StudyScoreOut(Schema):
    year: DbInt
    credit_minutes: DbInt
    credit_points: float
    exam_percent: float | None
    total: float
    grade: str
    credit_weight: DbInt
    exam_weight: DbInt
    credit: list[StudyCreditOut]


class StudyRateOut(Schema):
    rank: DbInt
    id: DbInt
    name: str
    cadres: DbInt
    credited: DbInt
    passed: DbInt
    excellent: DbInt
    credit_rate: float
    pass_rate: float
    excellent_rate: float
    average: float
    weeks_held: DbInt
    weeks_due: DbInt


class StudyWeekOut(Schema):
    unit_id: DbInt
    unit: str
    held: bool
    session_id: DbInt | None
    date: dt.date | None
    topic: str
    duration: DbInt | None


class StudyWeeklyIn(Schema):
    unit_id: Id
    date: Date
    topic: str = api_text(StudySession, "topic")
    duration: int = Field(ge=1, le=480)
    laws: str = api_text(StudySession, "laws", "")
    user_ids: list[Id] = Field(default_factory=list, max_length=500)


class StudyWeeklyOut(Schema):
    id: DbInt
    unit_id: DbInt
    week: dt.date
    date: dt.date
    topic: str
    duration: DbInt | None


class StudyRuleIn(Schema):
    credit_weight: int = Field(50, ge=0, le=100)
    target_minutes: int = Field(600, ge=1, le=6000)
    daily_minutes: int = Field(120, ge=1, le=1440)
    pass_score: int = Field(60, ge=0, le=100)
    excellent_score: int = Field(90, ge=0, le=100)
    version: int | None = Field(None, ge=0, le=2**31)


class StudyRuleOut(Schema):
    year: DbInt
    credit_weight: DbInt
    exam_weight: DbInt
    target_minutes: DbInt
    daily_minutes: DbInt
    pass_score: DbInt
    excellent_score: DbInt
    version: DbInt | None


def _year(year: int | None) -> int:
    return year or timezone.localdate().year


@router.get("/materials", response=list[StudyMaterialOut], summary="Study materials")
@paginate(Pagination)
def material_list(request: HttpRequest, filters: Query[StudyMaterialFilter]) -> Any:
    return material_list_for(actor=request.user, q=filters.q, manage=filters.manage)


@router.get("/materials/{material_id}", response=StudyMaterialDetailOut)
def material_detail(request: HttpRequest, material_id: Id,
                    q: str = Query("", max_length=SEARCH_MAX_LENGTH)) -> Any:
    material = material_get_for(actor=request.user, pk=material_id, manage=True)
    return {**{k: getattr(material, k) for k in StudyMaterialOut.model_fields}, "body": material.body,
            "articles": list(articles_of(material, q))}


@router.post("/materials", response={201: StudyMaterialOut})
def material_create(request: HttpRequest, payload: StudyMaterialIn) -> Any:
    return Status(201, materials.material_create(actor=request.user, ip=client_ip(request),
                                                 **payload.dict()))


@router.put("/materials/{material_id}", response=StudyMaterialOut)
def material_update(request: HttpRequest, material_id: Id, payload: StudyMaterialUpdateIn) -> Any:
    material = material_get_for(actor=request.user, pk=material_id, manage=True)
    data = payload.dict()
    version = data.pop("version")
    return materials.material_update(actor=request.user, material=material, ip=client_ip(request),
                                     expected_version=version, **data)


@router.post("/materials/{material_id}/visits", response={201: StudyVisitOut},
             summary="Open a study visit (the page's timer)")
def visit_open(request: HttpRequest, material_id: Id) -> Any:
    material = material_get_for(actor=request.user, pk=material_id)
    visit = timer.visit_open(actor=request.user, material=material)
    return Status(201, {"token": visit.token, "beat_seconds": timer.BEAT_SECONDS})


@router.post("/visits/{token}/beats", response=StudyBeatOut,
             summary="Report that the material's page is (or stops being) visible")
def visit_beat(request: HttpRequest, payload: StudyBeatIn,
               token: str = Path(..., max_length=32)) -> Any:
    beat = timer.visit_beat(actor=request.user, token=token, seq=payload.seq,
                            visible=payload.visible)
    return {"credited": beat.credited, "material_minutes": beat.material_seconds // 60,
            "day_minutes": beat.day_seconds // 60, "capped": beat.capped}


@router.get("/me", response=StudyScoreOut, summary="My study credit and year's score")
def me(request: HttpRequest, year: int | None = YEAR) -> Any:
    year = _year(year)
    score, rule = score_of(actor=request.user, year=year), rule_for(year)
    return {"year": year, "credit_minutes": score.credit_minutes,
            "credit_points": score.credit_points, "exam_percent": score.exam_percent,
            "total": score.total, "grade": score.grade, "credit_weight": rule.credit_weight,
            "exam_weight": rule.exam_weight, "credit": credit_of(actor=request.user, year=year)}


@router.get("/rates", response=list[StudyRateOut], summary="Unit study rates of a year")
def rates(request: HttpRequest, year: int | None = YEAR) -> Any:
    return [{**{k: getattr(r, k) for k in StudyRateOut.model_fields if k != "id"}, "id": r.pk}
            for r in unit_rates(actor=request.user, year=_year(year))]


@router.get("/weekly", response=list[StudyWeekOut], summary="A week's 学法半小时 by unit")
def week(request: HttpRequest, week: Date | None = None) -> Any:
    rows = week_for(actor=request.user, week=week or timezone.localdate())
    return [{"unit_id": r.unit.pk, "unit": r.unit.name, "held": r.session is not None,
             "session_id": r.session.pk if r.session else None,
             "date": r.session.date if r.session else None,
             "topic": r.session.topic if r.session else "",
             "duration": r.session.duration if r.session else None} for r in rows]


@router.post("/weekly", response={201: StudyWeeklyOut}, summary="Record a unit's 学法半小时")
def weekly_create(request: HttpRequest, payload: StudyWeeklyIn) -> Any:
    data = payload.dict()
    unit = unit_get_for(actor=request.user, pk=data.pop("unit_id"))
    return Status(201, weekly.weekly_record(actor=request.user, unit=unit,
                                            ip=client_ip(request), **data))


def _rule(rule: Any) -> dict[str, Any]:
    return {**{k: getattr(rule, k) for k in StudyRuleOut.model_fields if k != "version"},
            "version": rule.version if rule.pk else None}


@router.get("/rules/{year}", response=StudyRuleOut, summary="The year's score rule")
def rule_get(request: HttpRequest, year: int = Path(..., ge=2000, le=2100)) -> Any:
    require_reader(request.user)
    return _rule(rule_for(year))


@router.put("/rules/{year}", response=StudyRuleOut)
def rule_set(request: HttpRequest, payload: StudyRuleIn,
             year: int = Path(..., ge=2000, le=2100)) -> Any:
    data = payload.dict()
    version = data.pop("version")
    return _rule(rules.year_rule_set(actor=request.user, year=year, ip=client_ip(request),
                                     expected_version=version, **data))
