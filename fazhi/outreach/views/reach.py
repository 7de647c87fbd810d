"""Reach and statistics: figures, inline SVG charts and an XLSX export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.http import AuthedRequest, client_ip

from .. import xlsx
from ..selectors.reach import bars, reach_for
from .responses import xlsx_response


def _year(request: AuthedRequest) -> int:
    try:
        return min(max(int(request.GET.get("year", "")), 2000), 2100)
    except ValueError:
        return timezone.localdate().year


@login_required
def reach(request: AuthedRequest) -> HttpResponse:
    year = _year(request)
    figures = reach_for(actor=request.user, year=year)
    return render(request, "outreach/reach.html", {
        "year": year, "r": figures,
        "charts": [
            (_("Sessions by kind"), bars(figures.by_kind)),
            (_("Sessions by month"), bars(figures.by_month)),
            (_("Sessions by community"), bars(figures.by_community)),
            (_("Attendance by kind"), bars(figures.by_kind, "attendance")),
        ]})


@login_required
def reach_export(request: AuthedRequest) -> HttpResponse:
    year = _year(request)
    r = reach_for(actor=request.user, year=year)
    head = [_("Item"), _("Sessions held"), _("Attendance")]

    def rows(data):
        return [[row.label, row.sessions, row.attendance] for row in data]

    summary: list[list[Any]] = [[_("Sessions held"), r.sessions], [_("Attendance (sum)"), r.attendance],
               [_("Signed in"), r.signins], [_("Walk-in"), r.walkins],
               [_("Unique people (by mobile)"), r.unique_people],
               [_("Six places covered"), f"{r.places_covered}/6"],
               [_("Key dates covered"), f"{r.key_dates_covered}/{len(r.key_dates)}"]]
    data = xlsx.export_workbook(
        title=_("Summary %(year)d") % {"year": year}, header=[_("Figure"), _("Value")],
        rows=summary, sheets=[
            (_("By kind"), head, rows(r.by_kind)), (_("By month"), head, rows(r.by_month)),
            (_("By community"), head, rows(r.by_community)),
            (_("Six places"), head, rows(r.places)), (_("Key dates"), head, rows(r.key_dates)),
            (_("Units"), [_("unit"), _("Planned"), _("Done"), _("Completion %")],
             [[u["unit"], u["planned"], u["credited"], u["percent"]] for u in r.units]),
        ])
    audit_record(actor=request.user, action="export", object_type="outreach.reach",
                 object_repr=f"reach {year}", ip=client_ip(request))
    return xlsx_response(data, f"outreach-reach-{year}.xlsx")
