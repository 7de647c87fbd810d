"""The working-day calendar over the API, at its old address /api/v1/cases/calendar/: a
year's official arrangement and local overrides; adding and removing an override."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fazhi.core.apitypes import Date, DbInt
from fazhi.core.http import client_ip
from fazhi.core.models import CalendarOverride
from fazhi.core.textlimits import api_text

from . import selectors, services

router = Router(tags=["calendar"])


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


@router.get("/{int:year}", response=CalendarOut,
            summary="A year's official holidays and make-up working days, and local overrides")
def calendar(request: HttpRequest, year: int):
    page = selectors.calendar_year_for(actor=request.user, year=year)
    official = None if page["arrangement"] is None else [
        {"holiday": str(h.label), "rest_days": list(h.rest_days),
         "makeup_workdays": list(h.makeup_workdays)} for h in page["arrangement"]]
    return {"year": year, "official": official, "entered_in_full": page["entered"] is not None,
            "overrides": [{"date": o.date, "is_workday": o.is_workday, "note": o.note,
                           "version": o.version} for o in page["overrides"]]}


@router.post("/overrides", response={201: OverrideOut},
             summary="Add a local override (sub-district administrator); 409 if the date has one")
def calendar_override_add(request: HttpRequest, body: OverrideIn):
    row = services.calendar_override_save(actor=request.user, day=body.date,
                                          is_workday=body.is_workday, note=body.note,
                                          ip=client_ip(request))
    return Status(201, {"date": row.date, "is_workday": row.is_workday, "note": row.note,
                        "version": row.version})


@router.delete("/overrides/{day}", response={204: None},
               summary="Remove a local override; send the version you read (409 if stale)")
def calendar_override_delete(request: HttpRequest, day: Date, version: DbInt):
    services.calendar_override_remove(actor=request.user, day=day, expected_version=version,
                                      ip=client_ip(request))
    return Status(204, None)
