"""The figures of a period for a viewer: each source called once, however many figures read
it, so a page of figures costs a fixed number of queries whatever the period's length."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.core.roles import JUSTICE_ROLES, require_reader
from fazhi.org.models import Region
from fazhi.org.selectors import communities_for

from . import sources
from .figures import SOURCES, Figure, visible_figures
from .models import Report


@dataclass
class Figures:
    since: dt.date
    until: dt.date
    community: int | None
    shown: list[Figure]
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> list[tuple[Figure, Any]]:
        return [(f, self.values[f.key]) for f in self.shown]


def community_for(*, actor: Any, pk: int | None) -> Region | None:
    """The community chosen on the page, if the viewer may see it (else 404-like refusal)."""
    if not pk:
        return None
    region = communities_for(actor=actor).filter(pk=pk).first()
    if region is None:
        raise PermissionDenied
    return region


def figures_for(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
                detail: bool = True) -> Figures:
    """Every figure the viewer may see for the period (and community). ``detail=False``: the
    figures alone, without the rows only charts and tables read (the period compared with)."""
    require_reader(actor)
    shown = visible_figures(actor)
    out = Figures(since=since, until=until, community=community, shown=shown)
    for name in dict.fromkeys(f.source for f in shown):
        out.sources[name] = SOURCES[name](actor=actor, since=since, until=until,
                                          community=community, detail=detail)
    out.values = {f.key: f.pick(out.sources[f.source]) for f in shown}
    return out


def comparison_for(*, actor: Any, since: dt.date, until: dt.date,
                   figures: Figures | None = None) -> list[dict[str, Any]]:
    """Per community the viewer may see: cases received, disputes mediated, activities held
    and attendances in the period (grouped queries; street-wide rows under the sub-district).
    ``figures``: the whole sub-district's figures of the same period, if already counted."""
    require_reader(actor)
    whole = figures if figures is not None and figures.community is None else None
    cases = (whole.sources["cases"]["by_community"] if whole and "cases" in whole.sources
             else sources.by_community(actor=actor, since=since, until=until))
    reach = (whole.sources["reach"] if whole and "reach" in whole.sources
             else sources.reach(actor=actor, since=since, until=until))
    by_name = {row.label: row for row in reach.by_community}
    rows = []
    for region in communities_for(actor=actor).order_by("code"):
        c = cases.get(region.pk, {})
        r = by_name.get(region.name)
        rows.append({"pk": region.pk, "name": region.name, "received": c.get("received", 0),
                     "mediated": c.get("mediated", 0),
                     "activities": r.sessions if r else 0,
                     "attendance": r.attendance if r else 0})
    return rows


def report_list_for(*, actor: Any) -> QuerySet[Report]:
    """A report shows what its requester may see: it is read by the requester, and by the
    roles that see every community and the justice office's records (administrator, leader)."""
    require_reader(actor)
    reports = Report.objects.select_related("community", "requested_by", "unit").defer(
        "docx", "pdf", "xlsx", "figures")
    if actor.role in JUSTICE_ROLES:
        return reports
    return reports.filter(Q(requested_by=actor))


def report_get_for(*, actor: Any, pk: int) -> Report:
    report = report_list_for(actor=actor).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def report_file_for(*, actor: Any, pk: int, fmt: str) -> tuple[Report, bytes | None]:
    report = report_get_for(actor=actor, pk=pk)
    data = Report.objects.filter(pk=report.pk).values_list(fmt, flat=True).first()
    return report, bytes(data) if data is not None else None
