"""Reach and statistics: figures, inline SVG charts and an XLSX export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import spreadsheets
from fazhi.core.charts import Chart, Series, svg
from fazhi.core.dateranges import year_range
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import query_int
from fazhi.core.spreadsheets import Sheet

from ..forms import ReachPeriodForm
from ..selectors.reach import Period, Row, reach_for
from ..services import exports


def _period(request: AuthedRequest) -> tuple[Period, ReachPeriodForm, bool]:
    """The period asked for: ``?since=&until=`` dates, or ``?year=`` (with ``&year_to=`` for a
    range of years, e.g. 2016 to 2018), else this year. Also the form and whether it is valid
    (bad dates fall back to this year, with the message beside the field)."""
    years = year_range()

    def year(name: str) -> int | None:
        return query_int(request.GET, name, None, lo=years.start, hi=years.stop - 1, clamp=True)

    if "since" in request.GET or "until" in request.GET:
        form = ReachPeriodForm(request.GET)
        if form.is_valid():
            return Period(form.cleaned_data["since"], form.cleaned_data["until"]), form, True
        return Period.of_years(timezone.localdate().year), form, False
    first = year("year") or timezone.localdate().year
    last = max(year("year_to") or first, first)
    period = Period.of_years(first, min(last, first + 20))
    return period, ReachPeriodForm(initial={"since": period.since, "until": period.until}), True


def _query(period: Period) -> str:
    return urlencode({"since": period.since.isoformat(), "until": period.until.isoformat()})


@login_required
def reach(request: AuthedRequest) -> HttpResponse:
    period, form, valid = _period(request)
    figures = reach_for(actor=request.user, period=period)
    first, last = period.since.year, period.until.year
    return render(request, "outreach/reach.html", {
        "period": period, "r": figures, "form": form, "query": _query(period),
        "shortcuts": [(str(first - 1), f"year={first - 1}"), (str(last + 1), f"year={last + 1}"),
                      (f"{last - 2}–{last}", f"year={last - 2}&year_to={last}")],
        "charts": [svg(chart) for chart in (
            _chart(_("Sessions by kind"), figures.by_kind, "sessions", _("Sessions held")),
            _chart(_("Sessions by month"), figures.by_month, "sessions", _("Sessions held"),
                   kind="columns"),
            _chart(_("Sessions by community"), figures.by_community, "sessions",
                   _("Sessions held")),
            _chart(_("Attendance by kind"), figures.by_kind, "attendance",
                   _("Attendance (sum)")))]}, status=200 if valid else 400)


def _chart(title: str, rows: list[Row], attr: str, name: str, kind: str = "bars") -> Chart:
    """One of the page's charts, drawn by the one chart module (core.charts)."""
    return Chart(title, [row.label for row in rows],
                 [Series(name, [getattr(row, attr) for row in rows])], kind=kind)


@login_required
def reach_export(request: AuthedRequest) -> HttpResponse:
    period, form, valid = _period(request)
    if not valid:
        return HttpResponse(" ".join(str(e) for errs in form.errors.values() for e in errs),
                            status=400, content_type="text/plain; charset=utf-8")
    r = reach_for(actor=request.user, period=period)
    head = [_("Item"), _("Sessions held"), _("Attendance")]

    def rows(data):
        return [[row.label, row.sessions, row.attendance] for row in data]

    summary: list[list[Any]] = [
        [_("Period"), period.label], [_("Sessions held"), r.sessions],
        [_("Attendance (sum)"), r.attendance], [_("Signed in"), r.signins],
        [_("Walk-in"), r.walkins], [_("Unique people (by mobile)"), r.unique_people],
        [_("Six places covered"), f"{r.places_covered}/6"],
        [_("Key dates covered"), f"{r.key_dates_covered}/{len(r.key_dates)}"]]
    sheets = [
        Sheet(_("Summary %(period)s") % {"period": period.slug}, [_("Figure"), _("Value")],
              summary),
        Sheet(_("By kind"), head, rows(r.by_kind)), Sheet(_("By month"), head, rows(r.by_month)),
        Sheet(_("By community"), head, rows(r.by_community)),
        Sheet(_("Six places"), head, rows(r.places)), Sheet(_("Key dates"), head, rows(r.key_dates)),
        Sheet(_("Units"), [_("unit"), _("Planned"), _("Done"), _("Completion %")],
              [[u["unit"], u["planned"], u["credited"], u["percent"]] for u in r.units]),
    ]
    exports.reach_export(actor=request.user, period_label=period.label, ip=client_ip(request))
    return spreadsheets.xlsx_response(sheets, f"outreach-reach-{period.slug}.xlsx")
