"""/api/v1/cases/: the same services as the staff pages."""


import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from fazhi.core.actions import add_endpoints
from fazhi.core.apitypes import DateTime, DbInt, Id, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.textlimits import api_search, api_text
from fazhi.org.selectors import communities_for

from . import selectors, services
from .access import require_writer
from .actions import ACTIONS
from .models import (
    Case,
    Category,
    Channel,
    ExtensionRequest,
    Kind,
    Party,
    Risk,
    RiskReason,
    Source,
    State,
)

router = Router(tags=["cases"])


class PartyIn(Schema):
    role: str = api_choice(Party.Role, "applicant")
    name: str = api_text(Party, "name")
    id_number: str = Field("", max_length=20)
    mobile: str = Field("", max_length=20)
    address: str = api_text(Party, "address", "")
    vulnerable: bool = False
    gender: str = api_text(Party, "gender", "", description="male, female; empty: from the ID")
    ethnicity: str = api_text(Party, "ethnicity", "")
    birth_date: dt.date | None = Field(None, description="empty: from the ID number")
    occupation: str = api_text(Party, "occupation", "")


class CaseIn(Schema):
    kind: str = api_choice(Kind)
    channel: str = api_choice(Channel)
    category: str = api_text(Category, "code", description="category code, e.g. neighbour, utilities")
    title: str = api_text(Case, "title")
    description: str = api_text(Case, "description")
    parties: list[PartyIn] = Field(max_length=Case.MAX_PARTIES)
    community_id: DbInt | None = None
    address: str = api_text(Case, "address", "")
    source: str = api_choice(Source, "application")
    hotline_number: str = api_text(Case, "hotline_number", "")
    amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    backlog: bool = False
    risk: str = api_choice(Risk, "low")
    risk_reasons: list[Annotated[str, api_choice(RiskReason)]] = Field(
        [], max_length=len(RiskReason.values))
    group_size: DbInt = 1
    received_at: DateTime | None = None


class CaseRow(Schema):
    """A case in a list; its detail adds what the reader may do with it."""

    id: DbInt
    number: str
    tracking_code: str
    kind: str
    state: str
    outcome: str
    risk: str
    category: str = Field(alias="category.code")
    community_id: DbInt | None
    handler_id: DbInt | None
    title: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    version: DbInt


class CaseOut(CaseRow):
    allowed_actions: list[str] = Field(
        description="The actions this user may take on the case now, the case page's buttons "
                    "(POST /api/v1/cases/{id}/transitions/{name}); read from the one registry.")

    @staticmethod
    def resolve_allowed_actions(obj: Any, context: dict[str, Any]) -> list[str]:
        return [action.name for action in ACTIONS.for_target(context["request"].user, obj)]


class EventOut(Schema):
    id: DbInt
    at: dt.datetime
    action: str
    text: str
    public: bool


class QueueFilter(Schema):
    queue: str = Field("all", max_length=12, json_schema_extra={"enum": list(selectors.QUEUES)})
    kind: str = api_choice(Kind, "", blank=True)
    state: str = api_choice(State, "", blank=True)
    risk: str = api_choice(Risk, "", blank=True)
    channel: str = api_choice(Channel, "", blank=True)
    community: DbInt | None = None
    q: str = api_search()


@router.post("/", response={200: CaseOut, 201: CaseOut}, summary="Register a case (e.g. from "
             "the 12345 hotline); send an Idempotency-Key header so a retry never duplicates")
def create(request: HttpRequest, payload: CaseIn):
    require_writer(request.user)
    category = Category.objects.filter(code=payload.category, active=True).first()
    if category is None:
        raise HttpError(422, "category: unknown category code")
    community = None
    if payload.community_id is not None:
        community = communities_for().filter(pk=payload.community_id).first()
        if community is None:
            raise HttpError(422, "community_id: unknown community")
    key = request.headers.get("Idempotency-Key", "").strip()[:60]
    data = payload.dict(exclude={"category", "community_id", "parties"})
    case, created = services.case_create(actor=request.user, category=category,
                                         community=community,
                                         parties=[p.dict() for p in payload.parties],
                                         idempotency_key=f"api:{key}" if key else None, **data)
    case = selectors.case_get_for(actor=request.user, pk=case.pk)
    return Status(201 if created else 200, case)


@router.get("/", response=list[CaseRow], summary="A work queue with filters")
@paginate(Pagination)
def queue(request: HttpRequest, filters: Query[QueueFilter]):
    params = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    name = params.pop("queue", "all")
    if name not in selectors.QUEUES:
        raise HttpError(422, f"queue: one of {', '.join(selectors.QUEUES)}")
    return selectors.case_list_for(actor=request.user, queue=name, **params)


@router.get("/{pk}", response=CaseOut, summary="A case's status")
def detail(request: HttpRequest, pk: Id):
    return selectors.case_get_for(actor=request.user, pk=pk)




@router.get("/{pk}/events", response=list[EventOut], summary="The case's timeline")
def events(request: HttpRequest, pk: Id):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    return list(case.events.all())


class ExtensionDecisionIn(Schema):
    version: DbInt
    note: str = api_text(ExtensionRequest, "decision_note", "")


class ExtensionRequestOut(Schema):
    id: DbInt
    case_id: DbInt
    deadline_id: DbInt
    days: DbInt
    reason: str
    requested_by_id: DbInt
    requested_at: dt.datetime
    status: str
    decided_by_id: DbInt | None
    decided_at: dt.datetime | None
    decision_note: str
    version: DbInt


add_endpoints(router, ACTIONS, path="/{pk}/transitions/{name}", prefix="fazhi_cases_api_action",
              get=selectors.case_get_for,
              out=CaseOut, created={"note": EventOut, "extension_request": ExtensionRequestOut})


@router.post("/extension-requests/{request_id}/approve", response=ExtensionRequestOut,
             summary="Approve an extension (administrator or leader): the deadline moves; "
             "409 on a stale `version` or when already decided")
def extension_approve(request: HttpRequest, request_id: Id, body: ExtensionDecisionIn):
    return services.extension_approve(actor=request.user, pk=request_id,
                                      expected_version=body.version, note=body.note)


@router.post("/extension-requests/{request_id}/refuse", response=ExtensionRequestOut,
             summary="Refuse an extension with a note (administrator or leader); the requester "
             "is notified; 409 on a stale `version` or when already decided")
def extension_refuse(request: HttpRequest, request_id: Id, body: ExtensionDecisionIn):
    return services.extension_refuse(actor=request.user, pk=request_id,
                                     expected_version=body.version, note=body.note)
