"""The organisation over JSON: /api/v1/org/. Calls the same selectors and services as the HTML
views. Errors: 403 forbidden role, 404 outside the actor's scope, 409 stale version or an ID
number that is already registered (with the existing id), 422 invalid fields."""


import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from fazhi.core.apitypes import Date, DbInt, Id, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.http import client_ip
from fazhi.core.textlimits import api_search, api_text

from . import selectors, services
from .models import Agreement, Person, Region, Unit

router = Router(tags=["org"])


# --- schemas -----------------------------------------------------------------------------------
class ErrorOut(Schema):
    detail: str


class ConflictOut(Schema):
    detail: str
    code: str = "conflict"
    current_version: DbInt | None = None
    existing_id: DbInt | None = None


class RegionOut(Schema):
    id: DbInt
    name: str
    level: str
    parent_id: DbInt | None
    code: str
    address: str
    version: DbInt


class UnitOut(Schema):
    id: DbInt
    name: str
    kind: str
    region_id: DbInt
    address: str
    contact_name: str
    contact_phone: str
    is_member_unit: bool
    active: bool
    version: DbInt


class UnitIn(Schema):
    name: str = api_text(Unit, "name")
    kind: Unit.Kind
    region_id: DbInt
    address: str = api_text(Unit, "address", "")
    contact_name: str = api_text(Unit, "contact_name", "")
    contact_phone: str = api_text(Unit, "contact_phone", "")
    is_member_unit: bool = False
    active: bool = True


class UnitPatch(Schema):
    version: DbInt
    name: str | None = api_text(Unit, "name", None)
    kind: Unit.Kind | None = None
    region_id: DbInt | None = None
    address: str | None = api_text(Unit, "address", None)
    contact_name: str | None = api_text(Unit, "contact_name", None)
    contact_phone: str | None = api_text(Unit, "contact_phone", None)
    is_member_unit: bool | None = None
    active: bool | None = None


class PersonOut(Schema):
    id: DbInt
    name: str
    kind: str
    unit_id: DbInt | None
    community_id: DbInt | None
    title: str
    id_masked: str
    mobile_masked: str
    certificate_no: str
    active: bool
    version: DbInt


class PersonIn(Schema):
    name: str = api_text(Person, "name")
    kind: Person.Kind
    unit_id: DbInt | None = None
    community_id: DbInt | None = None
    title: str = api_text(Person, "title", "")
    id_number: str = Field("", max_length=30)
    mobile: str = Field("", max_length=20)
    certificate_no: str = api_text(Person, "certificate_no", "")
    note: str = api_text(Person, "note", "")
    active: bool = True


class PersonPatch(Schema):
    version: DbInt
    name: str | None = api_text(Person, "name", None)
    kind: Person.Kind | None = None
    unit_id: DbInt | None = None
    community_id: DbInt | None = None
    title: str | None = api_text(Person, "title", None)
    id_number: str | None = Field(None, max_length=30)
    mobile: str | None = Field(None, max_length=20)
    certificate_no: str | None = api_text(Person, "certificate_no", None)
    note: str | None = api_text(Person, "note", None)
    active: bool | None = None


class UnmaskOut(Schema):
    field: str
    value: str


class AgreementOut(Schema):
    id: DbInt
    title: str
    kind: str
    region_id: DbInt
    party_ids: list[int]
    signed_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    has_document: bool
    note: str
    version: DbInt

    @staticmethod
    def resolve_party_ids(obj: Agreement) -> list[int]:
        return sorted(u.pk for u in obj.parties.all())

    @staticmethod
    def resolve_has_document(obj: Agreement) -> bool:
        return bool(obj.document)


class AgreementIn(Schema):
    title: str = api_text(Agreement, "title")
    kind: Agreement.Kind = Agreement.Kind.CO_BUILDING
    region_id: DbInt
    party_ids: list[int] = Field(max_length=Agreement.MAX_PARTIES)
    signed_on: Date
    starts_on: Date
    ends_on: Date
    note: str = api_text(Agreement, "note", "")


class AgreementPatch(Schema):
    version: DbInt
    title: str | None = api_text(Agreement, "title", None)
    kind: Agreement.Kind | None = None
    region_id: DbInt | None = None
    party_ids: list[int] | None = Field(None, max_length=Agreement.MAX_PARTIES)
    signed_on: Date | None = None
    starts_on: Date | None = None
    ends_on: Date | None = None
    note: str | None = api_text(Agreement, "note", None)


class UnitFilter(Schema):
    kind: str = api_choice(Unit.Kind, "", blank=True)
    region: DbInt | None = None
    q: str = api_search()


class PersonFilter(Schema):
    kind: str = api_choice(Person.Kind, "", blank=True)
    community: DbInt | None = None
    unit: DbInt | None = None
    q: str = api_search()


class AgreementFilter(Schema):
    kind: str = api_choice(Agreement.Kind, "", blank=True)
    q: str = api_search()
    ending_within: DbInt | None = Field(None, ge=0, le=3660, description="days from today")


# --- error mapping -----------------------------------------------------------------------------
# core.apierrors answers PermissionDenied (403), conflicts (409) and ValidationError (422) for
# every app; only a duplicate person, a ValidationError that points at the existing record, is
# answered here (409 with its id).
def _errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except services.DuplicatePerson as exc:
            return Status(409, {"detail": _("A person with this ID number is already registered."),
                                "code": "duplicate_person", "existing_id": exc.existing_id})

    return wrapper


def _ref(getter: Callable[..., Any], request: HttpRequest, pk: int | None, field: str) -> Any:
    """A referenced row the actor may see, or a 422 on that field."""
    if pk is None:
        return None
    try:
        return getter(actor=request.user, pk=pk)
    except Http404 as exc:
        raise ValidationError({field: [_("No such record in your scope.")]}) from exc


def _changes(payload: Schema, *, nullable: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a PATCH sent. ``null`` leaves a field unchanged, except for the ``nullable``
    links, where it empties the link; "" empties a text field (an ID number or mobile too)."""
    return {name: value for name, value in payload.dict(exclude_unset=True).items()
            if value is not None or name in nullable}


def _resolve(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "region_id" in data:
        data["region"] = _ref(selectors.region_get_for, request, data.pop("region_id"),
                              "region_id")
    if "community_id" in data:
        data["community"] = _ref(selectors.region_get_for, request, data.pop("community_id"),
                                 "community_id")
    if "unit_id" in data:
        data["unit"] = _ref(selectors.unit_get_for, request, data.pop("unit_id"), "unit_id")
    if "party_ids" in data:
        ids = data.pop("party_ids")
        data["parties"] = None if ids is None else [
            _ref(selectors.unit_get_for, request, pk, "party_ids") for pk in ids]
    return data


_WRITE = {409: ConflictOut}


# --- regions -----------------------------------------------------------------------------------
class RegionFilter(Schema):
    level: str = api_choice(Region.Level, "", blank=True)
    q: str = api_search()


@router.get("/regions", response=list[RegionOut], summary="Regions the user may see")
@paginate(Pagination)
def region_list(request: HttpRequest, filters: Query[RegionFilter]):
    return selectors.region_list_for(actor=request.user, **filters.dict())


# --- units -------------------------------------------------------------------------------------
@router.get("/units", response=list[UnitOut], summary="Units the user may see")
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilter]):
    return selectors.unit_list_for(actor=request.user, **filters.dict())


@router.get("/units/{pk}", response={200: UnitOut, 403: ErrorOut, 404: ErrorOut})
def unit_get(request: HttpRequest, pk: Id):
    return selectors.unit_get_for(actor=request.user, pk=pk)


@router.post("/units", response={201: UnitOut, **_WRITE})
@_errors
def unit_create(request: HttpRequest, payload: UnitIn):
    data = _resolve(request, payload.dict())
    return Status(201, services.unit_create(actor=request.user, ip=client_ip(request), **data))


@router.patch("/units/{pk}", response={200: UnitOut, **_WRITE})
@_errors
def unit_update(request: HttpRequest, pk: Id, payload: UnitPatch):
    unit = selectors.unit_get_for(actor=request.user, pk=pk)
    data = _resolve(request, _changes(payload))
    version = data.pop("version")
    return services.unit_update(actor=request.user, unit=unit, expected_version=version,
                                ip=client_ip(request), **data)


# --- people ------------------------------------------------------------------------------------
@router.get("/people", response=list[PersonOut],
            summary="People the user may see (personal data masked)")
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonFilter]):
    return selectors.person_list_for(actor=request.user, **filters.dict())


@router.get("/people/{pk}", response={200: PersonOut, 403: ErrorOut, 404: ErrorOut})
def person_get(request: HttpRequest, pk: Id):
    person = selectors.person_get_for(actor=request.user, pk=pk)
    services.person_viewed(actor=request.user, person=person, ip=client_ip(request))
    return person


@router.post("/people", response={201: PersonOut, **_WRITE})
@_errors
def person_create(request: HttpRequest, payload: PersonIn):
    data = _resolve(request, payload.dict())
    return Status(201, services.person_create(actor=request.user, ip=client_ip(request), **data))


@router.patch("/people/{pk}", response={200: PersonOut, **_WRITE})
@_errors
def person_update(request: HttpRequest, pk: Id, payload: PersonPatch):
    person = selectors.person_get_for(actor=request.user, pk=pk)
    data = _resolve(request, _changes(payload, nullable=("unit_id", "community_id")))
    version = data.pop("version")
    return services.person_update(actor=request.user, person=person, expected_version=version,
                                  ip=client_ip(request), **data)


@router.post("/people/{pk}/unmask/{field}", response={200: UnmaskOut, **_WRITE},
             summary="The full value of id_number or mobile (audited)")
@_errors
def person_unmask(request: HttpRequest, pk: Id, field: Literal["id_number", "mobile"]):
    person = selectors.person_get_for(actor=request.user, pk=pk)
    value = services.person_unmask(actor=request.user, person=person, field=field,
                                   ip=client_ip(request))
    return {"field": field, "value": value}


# --- agreements --------------------------------------------------------------------------------
@router.get("/agreements", response=list[AgreementOut], summary="Agreements the user may see")
@paginate(Pagination)
def agreement_list(request: HttpRequest, filters: Query[AgreementFilter]):
    return selectors.agreement_list_for(actor=request.user, **filters.dict())


@router.get("/agreements/{pk}", response={200: AgreementOut, 403: ErrorOut, 404: ErrorOut})
def agreement_get(request: HttpRequest, pk: Id):
    return selectors.agreement_get_for(actor=request.user, pk=pk)


@router.post("/agreements", response={201: AgreementOut, **_WRITE})
@_errors
def agreement_create(request: HttpRequest, payload: AgreementIn):
    data = _resolve(request, payload.dict())
    return Status(201, services.agreement_create(actor=request.user, ip=client_ip(request), **data))


@router.patch("/agreements/{pk}", response={200: AgreementOut, **_WRITE})
@_errors
def agreement_update(request: HttpRequest, pk: Id, payload: AgreementPatch):
    agreement = selectors.agreement_get_for(actor=request.user, pk=pk)
    data = _resolve(request, _changes(payload))
    version = data.pop("version")
    return services.agreement_update(actor=request.user, agreement=agreement,
                                     expected_version=version, ip=client_ip(request), **data)


@router.post("/agreements/{pk}/document", response={200: AgreementOut, **_WRITE},
             summary="Attach or replace the scanned document (PDF, JPG or PNG, at most 10 MB)")
@_errors
def agreement_document(request: HttpRequest, pk: Id, version: DbInt, document: File[UploadedFile]):
    agreement = selectors.agreement_get_for(actor=request.user, pk=pk)
    return services.agreement_update(actor=request.user, agreement=agreement,
                                     expected_version=version, document=document,
                                     ip=client_ip(request))
