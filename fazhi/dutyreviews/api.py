"""/api/v1/dutyreviews/: the reviews a viewer may read, each unit's score with the figures
behind it (scoped as the pages are), a review's weights (sub-district), and the panel's and a
unit's sheets of marks, through the same selectors and services as the pages. Residents rate
on the portal's page only (a verified mobile, a cookie), not through the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema
from ninja.throttling import AuthRateThrottle, BaseThrottle

from fazhi.core.apitypes import DbInt, Id
from fazhi.core.http import client_ip

from .access import member_unit_of
from .selectors import (
    UnitScore,
    panel_stamp,
    peer_stamp,
    review_get_for,
    review_list_for,
    scores_for,
    unit_ids_of,
)
from .services import marks, setup

router = Router(tags=["dutyreviews"])
LIMIT: list[BaseThrottle] = [AuthRateThrottle("600/m")]


class DutyReviewOut(Schema):
    id: DbInt
    year: DbInt
    title: str
    weight_completion: DbInt
    weight_rating: DbInt
    weight_peer: DbInt
    public_share: DbInt
    rating_opens_at: dt.datetime
    rating_closes_at: dt.datetime
    is_published: bool
    version: DbInt


@router.get("/reviews", response=list[DutyReviewOut], throttle=LIMIT)
def reviews(request) -> Any:
    """The reviews the viewer may read (all for the sub-district and the leader; else those
    whose panel names the viewer or whose units include the viewer's unit)."""
    return list(review_list_for(actor=request.user)[:100])


class DutyScoreOut(Schema):
    unit_id: DbInt
    unit: str
    rank: DbInt
    completion: Decimal = Field(description="Credited / planned of the approved list, in %.")
    planned: DbInt
    credited: DbInt
    activities: DbInt
    has_list: bool
    ratings_satisfied: DbInt
    ratings_basic: DbInt
    ratings_unsatisfied: DbInt
    public_score: Decimal | None
    panel_marks: DbInt
    panel_score: Decimal | None
    rating_score: Decimal | None
    peer_marks: DbInt
    peer_score: Decimal | None
    total: Decimal | None
    grade: str = Field(description="excellent, good, pass, fail, or empty without marks.")


def _score(s: UnitScore) -> dict[str, Any]:
    return {"unit_id": s.unit.pk, "unit": s.unit.name, "rank": s.rank,
            "completion": s.completion, "planned": s.progress.planned if s.progress else 0,
            "credited": s.progress.credited if s.progress else 0, "activities": s.activities,
            "has_list": s.progress is not None,
            "ratings_satisfied": s.ratings.get("satisfied", 0),
            "ratings_basic": s.ratings.get("basic", 0),
            "ratings_unsatisfied": s.ratings.get("unsatisfied", 0),
            "public_score": s.public_score, "panel_marks": s.panel_count,
            "panel_score": s.panel_score, "rating_score": s.rating_score,
            "peer_marks": s.peer_count, "peer_score": s.peer_score, "total": s.total,
            "grade": s.grade}


@router.get("/reviews/{review_id}/scores", response=list[DutyScoreOut], throttle=LIMIT)
def scores(request, review_id: Id) -> list[dict[str, Any]]:
    """Each unit's score the viewer may read, best first, with the figures behind it."""
    review = review_get_for(actor=request.user, pk=review_id)
    return [_score(s) for s in scores_for(actor=request.user, review=review)]


class DutyWeightsIn(Schema):
    weight_completion: int = Field(ge=0, le=100)
    weight_rating: int = Field(ge=0, le=100)
    weight_peer: int = Field(ge=0, le=100)
    public_share: int = Field(ge=0, le=100)
    version: int = Field(ge=0, le=2**31)


@router.put("/reviews/{review_id}/weights", response=DutyReviewOut, throttle=LIMIT)
def weights(request, review_id: Id, payload: DutyWeightsIn) -> Any:
    """Change the weights (sub-district admin and staff); 409 if the review changed since
    ``version``, 422 unless the three weights add up to 100."""
    review = review_get_for(actor=request.user, pk=review_id)
    data = payload.dict()
    version = data.pop("version")
    return setup.review_update(actor=request.user, review=review, expected_version=version,
                               ip=client_ip(request), **data)


class DutyMarkIn(Schema):
    unit_id: Id
    score: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2,
                                  description="0–100; null removes the mark.")


class DutySheetIn(Schema):
    marks: list[DutyMarkIn] = Field(max_length=marks.MAX_MARKS)
    stamp: str | None = Field(None, max_length=80, description=(
        "The sheet's stamp as last read; a sheet saved since is refused (409)."))


class DutySheetOut(Schema):
    changed: DbInt
    stamp: str


def _marks(payload: DutySheetIn) -> dict[int, Any]:
    return {m.unit_id: m.score for m in payload.marks}


@router.put("/reviews/{review_id}/panel-marks", response=DutySheetOut, throttle=LIMIT)
def panel_marks(request, review_id: Id, payload: DutySheetIn) -> dict[str, Any]:
    """A panel member's own marks of the review's units."""
    review = review_get_for(actor=request.user, pk=review_id)
    changed = marks.panel_marks_save(actor=request.user, review=review, marks=_marks(payload),
                                     expected_stamp=payload.stamp, ip=client_ip(request))
    return {"changed": changed, "stamp": panel_stamp(actor=request.user, review=review)}


@router.put("/reviews/{review_id}/peer-marks", response=DutySheetOut, throttle=LIMIT)
def peer_marks(request, review_id: Id, payload: DutySheetIn) -> dict[str, Any]:
    """The viewer's unit's marks of the other reviewed units (never of itself: 422)."""
    review = review_get_for(actor=request.user, pk=review_id)
    changed = marks.peer_marks_save(actor=request.user, review=review, marks=_marks(payload),
                                    expected_stamp=payload.stamp, ip=client_ip(request))
    own = member_unit_of(request.user, unit_ids_of(review)) or 0
    return {"changed": changed, "stamp": peer_stamp(review=review, by_unit=own)}
