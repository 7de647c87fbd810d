"""Exports (CSV/XLSX, masked, audited) and the statistics page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.spreadsheets import XLSX_TYPE, table_response
from fazhi.org.selectors import community_choices

from .. import forms as f
from .. import selectors
from ..access import require_reader
from ..models import Party
from ..services import reads

COLUMNS = [_("number"), _("kind"), _("category"), _("channel"), _("community"), _("state"),
           _("outcome"), _("risk"), _("received"), _("due"), _("applicants"), _("mobiles"),
           _("title")]


def _rows(cases):
    cases = cases.prefetch_related("parties")
    for c in cases.iterator(chunk_size=1000):
        applicants = [p for p in c.parties.all() if p.role == Party.Role.APPLICANT]
        yield [c.number, c.get_kind_display(), c.category.name, c.get_channel_display(),
               c.community.name if c.community else "", c.get_state_display(),
               c.get_outcome_display() if c.outcome else "", c.get_risk_display(),
               timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M"),
               timezone.localtime(c.due_at).strftime("%Y-%m-%d %H:%M") if c.due_at else "",
               "、".join(p.name[0] + "*" * (len(p.name) - 1) for p in applicants),
               "、".join(p.mobile_masked for p in applicants if p.mobile_masked), c.title]


@login_required
def case_export(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    form = f.QueueFilterForm(request.GET or None, communities=community_choices(actor=request.user))
    filters = form.filters()
    queue = request.GET.get("queue", "all")
    cases = selectors.case_list_for(actor=request.user,
                                    queue=queue if queue in selectors.QUEUES else "all",
                                    **filters)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    reads.case_export(actor=request.user, fmt=fmt, query=request.GET.urlencode(),
                      ip=client_ip(request))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return table_response(fmt, title=str(_("Cases")), header=COLUMNS, rows=_rows(cases),
                          filename=f"cases-{stamp}")


@login_required
def statistics(request: AuthedRequest) -> HttpResponse:
    from ..selectors.stats import stats_for
    from ..sheets import stats_xlsx

    require_reader(request.user)
    form = f.StatsForm(request.GET or None, communities=community_choices(actor=request.user))
    params = form.cleaned_data if form.is_valid() else form.defaults()
    figures = stats_for(actor=request.user, **params)
    if request.GET.get("format") == "xlsx":
        reads.statistics_export(actor=request.user, ip=client_ip(request))
        response = HttpResponse(stats_xlsx(figures), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="case-statistics.xlsx"'
        return response
    return render(request, "cases/statistics.html", {"form": form, "s": figures,
                                                     "query": request.GET.urlencode(),
                                                     "charts": _charts(figures)})


def _charts(s: dict) -> list:
    """The page's charts, drawn by the one chart module (core.charts)."""
    from fazhi.core.charts import Chart, Series, svg

    cases = str(_("Cases"))
    charts = [Chart(str(_("Received and concluded by month")),
                    [r["month"] for r in s["by_month"]],
                    [Series(str(_("Received")), [r["received"] for r in s["by_month"]]),
                     Series(str(_("Concluded")), [r["concluded"] for r in s["by_month"]])])]
    for key, col, title in (("by_category", "category__name", _("By category")),
                            ("by_channel", "label", _("By channel")),
                            ("by_source", "label", _("By source"))):
        charts.append(Chart(str(title), [r[col] for r in s[key]],
                            [Series(cases, [r["n"] for r in s[key]])], kind="bars"))
    return [svg(chart) for chart in charts]
