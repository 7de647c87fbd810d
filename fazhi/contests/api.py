"""/api/v1/contests/: a round's public leaderboard (no log-in), and for organisers the contests,
their rounds, full leaderboards, participation and the suspicious log, through the same
selectors and services as the pages. Errors: 422 bad input, 409 a stale version, 404 outside
(an unknown or unpublished contest, another contest's round), 403 role."""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.throttling import AnonRateThrottle, AuthRateThrottle, BaseThrottle

from fazhi.core.apitypes import DateTime, DbInt, Id, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.http import client_ip
from fazhi.core.masking import mask_name
from fazhi.core.textlimits import api_text
from fazhi.exams.selectors import bank_get_for

from .access import require_organiser
from .models import Contest, Participant, Round, Suspicion
from .selectors import (
    contest_get_for,
    contest_get_public,
    contest_list_for,
    leaderboard,
    leaderboard_for,
    participation_for,
    round_get_for,
    round_get_public,
    suspicions_for,
)
from .services import setup

router = Router(tags=["contests"])
STAFF_LIMIT: list[BaseThrottle] = [AuthRateThrottle("600/m")]
PUBLIC_BOARD = 50


class ContestBoardRow(Schema):
    rank: DbInt
    name: str = Field(description="The participant's name or nickname, masked.")
    mobile: str = Field(description="The mobile, masked (138****5678).")
    community: str
    score: DbInt
    seconds: float


@router.get("/{contest_id}/rounds/{round_id}/leaderboard", response=list[ContestBoardRow], auth=None,
            throttle=[AnonRateThrottle("120/m")])
def public_board(request, contest_id: Id, round_id: Id) -> list[dict[str, Any]]:
    """The first 50 of a published contest's round: by score, then time taken."""
    round_ = round_get_public(contest=contest_get_public(pk=contest_id), pk=round_id)
    return [{"rank": n, "name": mask_name(p.name), "mobile": p.mobile_masked,
             "community": p.community.name, "score": p.score,
             "seconds": (p.taken_ms or 0) / 1000}
            for n, p in enumerate(leaderboard(round_)[:PUBLIC_BOARD], start=1)]


class ContestOut(Schema):
    id: DbInt
    title: str
    intro: str
    bank_id: DbInt
    is_published: bool
    per_device: DbInt
    per_network: DbInt
    version: DbInt


class ContestIn(Schema):
    title: str = api_text(Contest, "title")
    intro: str = api_text(Contest, "intro", "")
    bank_id: Id
    is_published: bool = False
    per_device: int = Field(3, ge=1, le=1000)
    per_network: int = Field(30, ge=1, le=100_000)


@router.get("/", response=list[ContestOut], throttle=STAFF_LIMIT)
@paginate(Pagination)
def contests(request):
    """Every contest (sub-district admin and staff, the leader)."""
    return contest_list_for(actor=request.user)


@router.post("/", response={201: ContestOut}, throttle=STAFF_LIMIT)
def contest_create(request, payload: ContestIn) -> Status:
    """A new contest on a question bank (sub-district admin and staff)."""
    require_organiser(request.user)  # a role refused is 403 before the bank is looked up
    data = payload.dict()
    bank = bank_get_for(actor=request.user, pk=data.pop("bank_id"))
    return Status(201, setup.contest_create(actor=request.user, bank=bank,
                                            ip=client_ip(request), **data))


class ContestRoundOut(Schema):
    id: DbInt
    name: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    seconds: DbInt
    single_count: DbInt
    multiple_count: DbInt
    true_false_count: DbInt
    law: str
    points: DbInt
    version: DbInt


class ContestRoundIn(Schema):
    name: str = api_text(Round, "name")
    opens_at: DateTime
    closes_at: DateTime
    seconds: int = Field(600, ge=30, le=7200)
    single_count: int = Field(10, ge=0, le=100)
    multiple_count: int = Field(0, ge=0, le=100)
    true_false_count: int = Field(10, ge=0, le=100)
    law: str = api_text(Round, "law", "")
    points: int = Field(5, ge=1, le=100)


@router.get("/{contest_id}/rounds", response=list[ContestRoundOut], throttle=STAFF_LIMIT)
def rounds(request, contest_id: Id) -> list[Round]:
    contest = contest_get_for(actor=request.user, pk=contest_id)
    return list(Round.objects.filter(contest=contest))


@router.post("/{contest_id}/rounds", response={201: ContestRoundOut}, throttle=STAFF_LIMIT)
def round_create(request, contest_id: Id, payload: ContestRoundIn) -> Status:
    """A new round; refused (422) when the bank has too few questions of a type."""
    contest = contest_get_for(actor=request.user, pk=contest_id)
    return Status(201, setup.round_create(actor=request.user, contest=contest,
                                          ip=client_ip(request), **payload.dict()))


class ContestResultOut(Schema):
    id: DbInt
    name: str
    mobile_masked: str
    community: str
    unit: str
    score: DbInt
    max_score: DbInt
    taken_ms: DbInt | None
    submitted_at: dt.datetime | None
    ended_by: str

    @staticmethod
    def resolve_community(obj: Participant) -> str:
        return obj.community.name

    @staticmethod
    def resolve_unit(obj: Participant) -> str:
        return obj.unit.name if obj.unit else ""


@router.get("/{contest_id}/rounds/{round_id}/results", response=list[ContestResultOut],
            throttle=STAFF_LIMIT)
@paginate(Pagination)
def results(request, contest_id: Id, round_id: Id):
    """The whole leaderboard of a round, in rank order (mobiles masked)."""
    contest = contest_get_for(actor=request.user, pk=contest_id)
    return leaderboard_for(actor=request.user,
                           round_=round_get_for(actor=request.user, contest=contest, pk=round_id))


class ContestParticipationRow(Schema):
    name: str
    started: DbInt
    handed_in: DbInt


@router.get("/{contest_id}/participation", response=list[ContestParticipationRow],
            throttle=STAFF_LIMIT)
def participation(request, contest_id: Id,
                  by: Literal["community", "unit"] = "community") -> list[dict[str, Any]]:
    """Participants and papers handed in per community or unit ("" is no unit)."""
    contest = contest_get_for(actor=request.user, pk=contest_id)
    return participation_for(actor=request.user, contest=contest, by=by).rows


class ContestSuspicionOut(Schema):
    id: DbInt
    round_id: DbInt
    participant_id: DbInt
    mobile_masked: str
    kind: str = api_choice(Suspicion.Kind)
    detail: str
    created_at: dt.datetime

    @staticmethod
    def resolve_mobile_masked(obj: Suspicion) -> str:
        return obj.participant.mobile_masked


@router.get("/{contest_id}/suspicions", response=list[ContestSuspicionOut], throttle=STAFF_LIMIT)
@paginate(Pagination)
def suspicions(request, contest_id: Id):
    """The suspicious log, latest first."""
    return suspicions_for(actor=request.user,
                          contest=contest_get_for(actor=request.user, pk=contest_id))
