"""/api/v1/voting/: the public tally (no log-in), and for staff the held votes, their review
and the results, through the same selectors and services as the pages. Limits: the public
tally 120 requests a minute per address, staff calls 600 a minute per account (ninja's
throttles, counted in the shared cache)."""


import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.throttling import AnonRateThrottle, AuthRateThrottle, BaseThrottle

from fazhi.core.apitypes import DbInt, Id, Pagination
from fazhi.core.http import client_ip

from .models import Vote
from .selectors import board_of, campaign_get_for, campaign_get_public, held_votes_for, results_for
from .services import review

router = Router(tags=["voting"])
STAFF_LIMIT: list[BaseThrottle] = [AuthRateThrottle("600/m")]


class CandidateTally(Schema):
    id: DbInt
    name: str
    affiliation: str
    votes: DbInt


class CategoryTally(Schema):
    id: DbInt
    name: str
    candidates: list[CandidateTally]


class TallyOut(Schema):
    campaign: DbInt
    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    total: DbInt
    categories: list[CategoryTally]


@router.get("/campaigns/{campaign_id}/tally", response=TallyOut, auth=None,
            throttle=[AnonRateThrottle("120/m")])
def tally(request, campaign_id: Id) -> dict[str, Any]:
    """Counted votes of every candidate of a published campaign (held votes are not counted)."""
    campaign = campaign_get_public(pk=campaign_id)
    board = board_of(campaign)
    return {"campaign": campaign.pk, "title": campaign.title, "opens_at": campaign.opens_at,
            "closes_at": campaign.closes_at, "total": board.total,
            "categories": [{"id": g["category"].pk, "name": g["category"].name,
                            "candidates": [{"id": c.pk, "name": c.name,
                                            "affiliation": c.affiliation, "votes": c.counted}
                                           for c in g["candidates"]]}
                           for g in board.categories]}


class HeldOut(Schema):
    id: DbInt
    candidate_id: DbInt
    category_id: DbInt
    cast_at: dt.datetime
    day: dt.date
    reason: str
    network: str
    device: str
    voter: str = Field(description="The first 12 characters of the voter's keyed hash.")

    @staticmethod
    def resolve_voter(obj: Vote) -> str:
        return obj.voter[:12]


@router.get("/campaigns/{campaign_id}/held", response=list[HeldOut], throttle=STAFF_LIMIT)
@paginate(Pagination)
def held(request, campaign_id: Id):
    """The review queue: held votes, oldest first (sub-district admin and staff)."""
    campaign = campaign_get_for(actor=request.user, pk=campaign_id)
    return held_votes_for(actor=request.user, campaign=campaign)


class ReviewIn(Schema):
    decision: str = Field(pattern="^(accept|reject)$", max_length=6)
    vote_ids: list[Id] = Field(min_length=1, max_length=review.MAX_BATCH)


class ReviewOut(Schema):
    decided: DbInt


@router.post("/campaigns/{campaign_id}/review", response=ReviewOut, throttle=STAFF_LIMIT)
def review_votes(request, campaign_id: Id, payload: ReviewIn) -> dict[str, int]:
    """Accept (count) or reject held votes; ids not held are left alone and not counted in
    ``decided``."""
    campaign = campaign_get_for(actor=request.user, pk=campaign_id)
    decided = review.votes_review(actor=request.user, campaign=campaign,
                                  vote_ids=list(payload.vote_ids), decision=payload.decision,
                                  ip=client_ip(request))
    return {"decided": decided}


class ResultOut(Schema):
    candidate_id: DbInt
    candidate: str
    category_id: DbInt
    category: str
    rank: DbInt
    votes: DbInt
    held: DbInt
    rejected: DbInt
    marks: DbInt
    public_score: Decimal
    jury_score: Decimal
    final: Decimal


@router.get("/campaigns/{campaign_id}/results", response=list[ResultOut], throttle=STAFF_LIMIT)
def results(request, campaign_id: Id) -> list[dict[str, Any]]:
    """Every candidate's votes, jury score and final score, ranked within its category."""
    campaign = campaign_get_for(actor=request.user, pk=campaign_id)
    return [{"candidate_id": r.candidate.pk, "candidate": r.candidate.name,
             "category_id": r.category.pk, "category": r.category.name, "rank": r.rank,
             "votes": r.votes, "held": r.held, "rejected": r.rejected, "marks": r.marks,
             "public_score": r.public_score, "jury_score": r.jury_score, "final": r.final}
            for r in results_for(actor=request.user, campaign=campaign)]


