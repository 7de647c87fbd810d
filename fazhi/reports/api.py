"""/api/v1/reports/: the dashboard's figures for a period (and community), the same selector
as the page. 422 for a bad period, 403 for a role that reads no records or a community the
caller may not see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from fazhi.core.apitypes import Date, Id

from .forms import MAX_DAYS
from .selectors import community_for, figures_for

router = Router(tags=["reports"])


class PeriodIn(Schema):
    since: Date
    until: Date
    community: Id | None = None


class FigureOut(Schema):
    key: str
    label: str
    value: float | None
    unit: str
    definition: str


@router.get("/figures", response=list[FigureOut])
def figures(request: Any, period: Query[PeriodIn]) -> list[dict[str, Any]]:
    if period.until < period.since or (period.until - period.since).days > MAX_DAYS:
        raise HttpError(422, "until must be on or after since, at most 20 years later")
    try:
        community_for(actor=request.user, pk=period.community)
        shown = figures_for(actor=request.user, since=period.since, until=period.until,
                            community=period.community)
    except PermissionDenied as exc:
        raise HttpError(403, "not allowed") from exc
    return [{"key": f.key, "label": str(f.label), "value": value, "unit": str(f.unit),
             "definition": str(f.definition)} for f, value in shown.rows()]
