"""/api/v1/outreach/: activities, sign-ins and responsibility lists, through the same services
as the HTML pages. Errors: 422 with detail (and field errors), 409 on a stale version or a
state that forbids the change, 403 when the role may not, 404 outside the actor's scope."""


import datetime as dt
from typing import Any

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from fazhi.core.actions import add_endpoints
from fazhi.core.apitypes import Date, DateTime, DbInt, Id, Limit, Offset, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.http import client_ip
from fazhi.core.textlimits import api_text
from fazhi.org.models import Unit
from fazhi.org.selectors import communities_for

from .actions import LIST_ACTIONS
from .models import Activity, KeyDate, ResponsibilityList, SignIn
from .selectors.activities import activity_get_for, activity_list_for, attendance_of, signins_of
from .selectors.lists import list_get_for, list_list_for
from .selectors.progress import list_progress, progress_for_lists
from .services import activities as activity_services
from .services import checkin as checkin_services

router = Router(tags=["outreach"])


class ErrorOut(Schema):
    detail: str


class ActivityIn(Schema):
    kind: str = api_choice(Activity.Kind)
    title: str = api_text(Activity, "title")
    starts_at: DateTime
    ends_at: DateTime
    venue: str = api_text(Activity, "venue")
    community_id: DbInt | None = None
    unit_id: DbInt | None = None
    place: str = api_text(Activity, "place", "")
    key_date_id: DbInt | None = None
    speakers: str = api_text(Activity, "speakers", "")
    laws: str = api_text(Activity, "laws", "")
    audience: str = api_text(Activity, "audience", "")
    planned_attendance: DbInt = 0
    summary: str = api_text(Activity, "summary", "")
    opens_before: DbInt = 60
    closes_after: DbInt = 120


class ActivityOut(Schema):
    id: DbInt
    kind: str
    place: str
    key_date_id: DbInt | None
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    community_id: DbInt | None
    unit_id: DbInt | None
    speakers: str
    laws: str
    audience: str
    planned_attendance: DbInt
    summary: str
    code: str
    version: DbInt
    signin_count: DbInt = 0
    walkin_count: DbInt = 0


class ActivityFilter(Schema):
    kind: str = api_choice(Activity.Kind, "", blank=True)
    community_id: DbInt | None = None
    since: Date | None = None
    until: Date | None = None


class SignInIn(Schema):
    name: str = Field(max_length=SignIn.NAME_MAX_LENGTH)
    mobile: str = Field(max_length=20)
    community_id: DbInt | None = None
    affiliation: str = api_text(SignIn, "affiliation", "")


class SignInOut(Schema):
    id: DbInt
    activity_id: DbInt
    name_masked: str
    mobile_masked: str
    community_id: DbInt | None
    affiliation: str
    source: str
    created_at: dt.datetime
    created: bool = False


class ListFilter(Schema):
    year: DbInt | None = None
    status: str = api_choice(ResponsibilityList.Status, "", blank=True)


class ItemOut(Schema):
    id: DbInt
    position: DbInt
    laws: str
    audience: str
    channels: str
    planned_count: DbInt
    quarter: DbInt
    leader: str
    person: str
    office: str
    standard: str
    key_dates: str
    done_by_quarter: list[int]


class ListOut(Schema):
    id: DbInt
    unit_id: DbInt
    unit_name: str
    year: DbInt
    status: str
    review_comment: str
    version: DbInt
    planned: DbInt
    done: DbInt
    percent: DbInt
    items: list[ItemOut] = []


def _ref(rows: Any, pk: int | None, field: str) -> Any:
    """The row a body's ``<field>`` names, or a 422 naming the field (the service then decides
    whether the actor may use it)."""
    if not pk:
        return None
    row = rows.filter(pk=pk).first()
    if row is None:
        raise HttpError(422, f"{field}: no such record")
    return row


@router.get("/activities", response=list[ActivityOut], summary="Activities the actor may see")
@paginate(Pagination)
def activities(request, filters: Query[ActivityFilter]):
    return activity_list_for(actor=request.user, kind=filters.kind,
                             community_id=filters.community_id, since=filters.since,
                             until=filters.until)


@router.post("/activities", response={201: ActivityOut},
             summary="Create an activity")
def activity_create(request, payload: ActivityIn):
    data = payload.dict()
    data["community"] = _ref(communities_for(),
                             data.pop("community_id"), "community_id")
    data["unit"] = _ref(Unit.objects.all(), data.pop("unit_id"), "unit_id")
    key_date = _ref(KeyDate.objects.all(), data.pop("key_date_id"), "key_date_id")
    if key_date:
        data["key_date"] = key_date
    activity = activity_services.activity_create(actor=request.user, ip=client_ip(request),
                                                 **data)
    return Status(201, activity_get_for(actor=request.user, pk=activity.pk))


@router.get("/activities/{activity_id}", response=ActivityOut)
def activity_detail(request, activity_id: Id):
    return activity_get_for(actor=request.user, pk=activity_id)


@router.get("/activities/{activity_id}/signins", response=list[SignInOut],
            summary="Attendees, masked")
@paginate(Pagination)
def signins(request, activity_id: Id):
    activity = activity_get_for(actor=request.user, pk=activity_id)
    return signins_of(actor=request.user, activity=activity)


@router.post("/activities/{activity_id}/signins",
             response={200: SignInOut, 201: SignInOut},
             summary="Record an attendee; idempotent per mobile (200 when already signed in)")
def signin_create(request, activity_id: Id, payload: SignInIn):
    activity = activity_get_for(actor=request.user, pk=activity_id)
    signin, created = checkin_services.signin_create(
        activity=activity, actor=request.user, source=SignIn.Source.API, ip=client_ip(request),
        **payload.dict())
    signin.created = created  # type: ignore[attr-defined]  # read by SignInOut
    return Status(201 if created else 200, signin)


@router.get("/activities/{activity_id}/attendance", response=dict[str, int])
def attendance(request, activity_id: Id):
    return attendance_of(activity_get_for(actor=request.user, pk=activity_id))


def _list_out(lst) -> dict[str, Any]:
    progress = list_progress(lst)
    return {"id": lst.pk, "unit_id": lst.unit_id, "unit_name": lst.unit.name, "year": lst.year,
            "status": lst.status, "review_comment": lst.review_comment, "version": lst.version,
            "planned": progress.planned, "done": progress.credited, "percent": progress.percent,
            "items": [{**{f: getattr(p.item, f) for f in ItemOut.model_fields
                          if f not in ("done_by_quarter", "id")},
                       "id": p.item.pk, "done_by_quarter": p.done_by_quarter}
                      for p in progress.items]}


@router.get("/lists", response=list[ListOut], summary="Responsibility lists (items omitted)")
def lists(request, filters: Query[ListFilter], limit: Limit = 50, offset: Offset = 0):
    year, status = filters.year, filters.status
    page = list(list_list_for(actor=request.user, year=year, status=status)
                [max(offset, 0):max(offset, 0) + min(max(limit, 1), 100)])
    return [{"id": p.lst.pk, "unit_id": p.lst.unit_id, "unit_name": p.lst.unit.name,
             "year": p.lst.year, "status": p.lst.status, "review_comment": p.lst.review_comment,
             "version": p.lst.version, "planned": p.planned, "done": p.credited,
             "percent": p.percent, "items": []} for p in progress_for_lists(page)]


@router.get("/lists/{list_id}", response=ListOut)
def list_detail(request, list_id: Id):
    return _list_out(list_get_for(actor=request.user, pk=list_id))


add_endpoints(router, LIST_ACTIONS, path="/lists/{pk}/{name}", prefix="fazhi_outreach_api_list",
              get=list_get_for, out=ListOut,
              context=lambda request: {"ip": client_ip(request)}, present=_list_out)
