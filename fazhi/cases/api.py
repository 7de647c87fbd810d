"""/api/v1/cases/: the same services as the staff pages."""


import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from fazhi.core.apitypes import Date, DateTime, DbInt, Id, Pagination
from fazhi.core.http import client_ip
from fazhi.core.models import CalendarOverride
from fazhi.core.textlimits import api_search, api_text
from fazhi.core.workdays.overrides import OverrideConflict
from fazhi.org.models import Region, Unit

from . import selectors, services
from .access import require_writer
from .errors import CaseConflict
from .models import (
    Case,
    Category,
    Event,
    ExtensionRequest,
    FollowUp,
    Party,
    RiskReason,
)

router = Router(tags=["cases"])


class PartyIn(Schema):
    role: str = api_text(Party, "role", "applicant")
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
    kind: str = api_text(Case, "kind")
    channel: str = api_text(Case, "channel")
    category: str = api_text(Category, "code", description="category code, e.g. neighbour, utilities")
    title: str = api_text(Case, "title")
    description: str = api_text(Case, "description")
    parties: list[PartyIn] = Field(max_length=Case.MAX_PARTIES)
    community_id: DbInt | None = None
    address: str = api_text(Case, "address", "")
    source: str = api_text(Case, "source", "application")
    hotline_number: str = api_text(Case, "hotline_number", "")
    amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    backlog: bool = False
    risk: str = api_text(Case, "risk", "low")
    risk_reasons: list[Annotated[str, Field(max_length=40)]] = Field(
        [], max_length=len(RiskReason.values))
    group_size: DbInt = 1
    received_at: DateTime | None = None


class CaseOut(Schema):
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
    allowed_actions: list[str]

    @staticmethod
    def resolve_allowed_actions(obj: Any) -> list[str]:
        return services.actions_for(obj)


class TransitionIn(Schema):
    version: DbInt
    reason: str = api_text(Event, "text", "")
    note: str = api_text(Event, "text", "")
    handler_id: DbInt | None = None
    unit_id: DbInt | None = None
    outcome: str = api_text(Case, "outcome", "")
    summary: str = api_text(Case, "summary", "")
    route: str = api_text(Case, "outcome_route", "")
    public_reply: str = api_text(Event, "text", "")
    into_number: str = api_text(Case, "number", "")
    at: DateTime | None = None
    contact: str = api_text(FollowUp, "contact", "")
    satisfaction: str = api_text(FollowUp, "satisfaction", "")
    performed: bool | None = None


class EventIn(Schema):
    text: str = api_text(Event, "text")
    public: bool = False


class EventOut(Schema):
    id: DbInt
    at: dt.datetime
    action: str
    text: str
    public: bool


class QueueFilter(Schema):
    queue: str = "all"
    kind: str = ""
    state: str = ""
    risk: str = ""
    channel: str = ""
    community: DbInt | None = None
    q: str = api_search()


def _errors(exc: ValidationError) -> HttpError:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return HttpError(422, "; ".join(f"{k}: {' '.join(v)}" for k, v in detail.items()))


def _call(fn: Any, **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        raise _errors(exc) from exc
    except CaseConflict as exc:
        raise HttpError(409, exc.message) from exc
    except PermissionDenied as exc:
        raise HttpError(403, "forbidden") from exc


@router.post("/", response={200: CaseOut, 201: CaseOut}, summary="Register a case (e.g. from "
             "the 12345 hotline); send an Idempotency-Key header so a retry never duplicates")
def create(request: HttpRequest, payload: CaseIn):
    require_writer(request.user)
    category = Category.objects.filter(code=payload.category, active=True).first()
    if category is None:
        raise HttpError(422, "category: unknown category code")
    community = None
    if payload.community_id is not None:
        community = Region.objects.filter(pk=payload.community_id,
                                          level=Region.Level.COMMUNITY).first()
        if community is None:
            raise HttpError(422, "community_id: unknown community")
    key = request.headers.get("Idempotency-Key", "").strip()[:60]
    data = payload.dict(exclude={"category", "community_id", "parties"})
    case, created = _call(services.case_create, actor=request.user, category=category,
                          community=community, parties=[p.dict() for p in payload.parties],
                          idempotency_key=f"api:{key}" if key else None, **data)
    case = selectors.case_get_for(actor=request.user, pk=case.pk)
    return Status(201 if created else 200, case)


@router.get("/", response=list[CaseOut], summary="A work queue with filters")
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


def _transition_kwargs(actor: Any, action: str, body: TransitionIn) -> dict[str, Any]:
    users = get_user_model().objects
    handler = users.filter(pk=body.handler_id).first() if body.handler_id else None
    unit = Unit.objects.filter(pk=body.unit_id).first() if body.unit_id else None
    if body.handler_id and handler is None:
        raise HttpError(422, "handler_id: no such user")
    if body.unit_id and unit is None:
        raise HttpError(422, "unit_id: no such unit")
    table: dict[str, dict[str, Any]] = {
        "accept": {"note": body.note}, "resume": {"note": body.note},
        "acknowledge": {"note": body.note},
        "assign": {"handler": handler, "unit": unit, "reason": body.reason},
        "reassign": {"handler": handler, "unit": unit, "reason": body.reason},
        "refer": {"unit": unit, "reason": body.reason},
        "return": {"reason": body.reason}, "escalate": {"reason": body.reason},
        "pause": {"reason": body.reason}, "reopen": {"reason": body.reason},
        "supervise": {"note": body.reason or body.note},
        "conclude": {"outcome": body.outcome, "summary": body.summary, "route": body.route,
                     "public_reply": body.public_reply},
        "follow_up": {"at": body.at or dt.datetime.now(dt.UTC), "contact": body.contact,
                      "satisfaction": body.satisfaction, "performed": body.performed,
                      "note": body.reason or body.note},
        "close": {},
    }
    if action == "merge":
        return {"reason": body.reason, "into": _by_number(actor, body.into_number)}
    if action not in table:
        raise HttpError(404, f"unknown action; one of {', '.join(table)}, merge")
    return table[action]


def _by_number(actor: Any, number: str) -> Any:
    """The same answer for a number that does not exist and for one the caller may not see."""
    case = selectors.case_by_number_for(actor=actor, number=number)
    if case is None:
        raise HttpError(422, "into_number: no case has this number")
    return case


SERVICES = {
    "accept": services.case_accept, "assign": services.case_assign,
    "reassign": services.case_reassign, "refer": services.case_refer,
    "acknowledge": services.case_refer_acknowledge, "return": services.case_return,
    "escalate": services.case_escalate, "supervise": services.case_supervise,
    "pause": services.case_pause,
    "resume": services.case_resume, "conclude": services.case_conclude,
    "follow_up": services.case_follow_up, "close": services.case_close,
    "reopen": services.case_reopen, "merge": services.case_merge,
}


@router.post("/{pk}/transitions/{action}", response=CaseOut,
             summary="Perform a transition; 409 when illegal now or when `version` is stale")
def transition(request: HttpRequest, pk: Id, action: str, body: TransitionIn):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    if action not in SERVICES:
        raise HttpError(404, f"unknown action; one of {', '.join(SERVICES)}")
    kwargs = _transition_kwargs(request.user, action, body)
    _call(SERVICES[action], actor=request.user, case=case, expected_version=body.version,
          **kwargs)
    return selectors.case_get_for(actor=request.user, pk=pk)


@router.post("/{pk}/events", response={201: EventOut}, summary="Add a note or a public reply")
def add_event(request: HttpRequest, pk: Id, body: EventIn):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    event = _call(services.case_note_add, actor=request.user, case=case, text=body.text,
                  public=body.public)
    return Status(201, event)


@router.get("/{pk}/events", response=list[EventOut], summary="The case's timeline")
def events(request: HttpRequest, pk: Id):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    return list(case.events.all())


class ExtensionRequestIn(Schema):
    days: DbInt
    reason: str = api_text(ExtensionRequest, "reason")


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


@router.post("/{pk}/extension-requests", response={201: ExtensionRequestOut},
             summary="Request a deadline extension (days and a reason the resident is told); "
             "409 while one awaits approval or when the rule allows no more")
def extension_request(request: HttpRequest, pk: Id, body: ExtensionRequestIn):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    created = _call(services.extension_request, actor=request.user, case=case, days=body.days,
                    reason=body.reason)
    return Status(201, created)


@router.post("/extension-requests/{request_id}/approve", response=ExtensionRequestOut,
             summary="Approve an extension (administrator or leader): the deadline moves; "
             "409 on a stale `version` or when already decided")
def extension_approve(request: HttpRequest, request_id: Id, body: ExtensionDecisionIn):
    return _call(services.extension_approve, actor=request.user, pk=request_id,
                 expected_version=body.version, note=body.note)


@router.post("/extension-requests/{request_id}/refuse", response=ExtensionRequestOut,
             summary="Refuse an extension with a note (administrator or leader); the requester "
             "is notified; 409 on a stale `version` or when already decided")
def extension_refuse(request: HttpRequest, request_id: Id, body: ExtensionDecisionIn):
    return _call(services.extension_refuse, actor=request.user, pk=request_id,
                 expected_version=body.version, note=body.note)


# --- the working-day calendar ------------------------------------------------------------------
class HolidayOut(Schema):
    holiday: str
    rest_days: list[dt.date]
    makeup_workdays: list[dt.date]


class OverrideIn(Schema):
    date: Date
    is_workday: bool
    note: str = api_text(CalendarOverride, "note")


class OverrideOut(Schema):
    date: dt.date
    is_workday: bool
    note: str
    version: DbInt


class CalendarOut(Schema):
    year: int
    official: list[HolidayOut] | None = Field(
        description="null: the installed official calendar does not cover this year yet")
    entered_in_full: bool
    overrides: list[OverrideOut]


def _calendar_call(fn: Any, **kwargs: Any) -> Any:
    try:
        return _call(fn, **kwargs)
    except OverrideConflict as exc:
        raise HttpError(409, f"the calendar entry {exc.key} already exists or changed "
                             f"meanwhile (current version: {exc.current_version})") from exc


@router.get("/calendar/{int:year}", response=CalendarOut,
            summary="A year's official holidays and make-up working days, and local overrides")
def calendar(request: HttpRequest, year: int):
    page = _call(selectors.calendar_year_for, actor=request.user, year=year)
    official = None if page["arrangement"] is None else [
        {"holiday": str(h.label), "rest_days": list(h.rest_days),
         "makeup_workdays": list(h.makeup_workdays)} for h in page["arrangement"]]
    return {"year": year, "official": official, "entered_in_full": page["entered"] is not None,
            "overrides": [{"date": o.date, "is_workday": o.is_workday, "note": o.note,
                           "version": o.version} for o in page["overrides"]]}


@router.post("/calendar/overrides", response={201: OverrideOut},
             summary="Add a local override (sub-district administrator); 409 if the date has one")
def calendar_override_add(request: HttpRequest, body: OverrideIn):
    row = _calendar_call(services.calendar_override_save, actor=request.user, day=body.date,
                         is_workday=body.is_workday, note=body.note, ip=client_ip(request))
    return Status(201, {"date": row.date, "is_workday": row.is_workday, "note": row.note,
                        "version": row.version})


@router.delete("/calendar/overrides/{day}", response={204: None},
               summary="Remove a local override; send the version you read (409 if stale)")
def calendar_override_delete(request: HttpRequest, day: Date, version: DbInt):
    _calendar_call(services.calendar_override_remove, actor=request.user, day=day,
                   expected_version=version, ip=client_ip(request))
    return Status(204, None)
