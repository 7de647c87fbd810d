"""The leader's dashboard: every figure of a period beside the same days a year earlier,
each linked to its records, per community or for the whole sub-district, with charts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.cases.selectors import extension_requests_pending_for
from fazhi.core.charts import svg
from fazhi.core.http import AuthedRequest
from fazhi.core.roles import Role, require_reader
from fazhi.org.selectors import communities_for

from ..figures import PENDING
from ..forms import PeriodForm, default_period, previous_period
from ..links import records_url
from ..selectors import community_for, comparison_for, figures_for
from ..trends import charts_for


def period_of(request: AuthedRequest, params: Any = None
              ) -> tuple[PeriodForm, dt.date, dt.date, int | None, bool]:
    """The period and community asked for (``?since=&until=&community=``), else this year so
    far for the whole sub-district; bad input keeps the default with a message beside it."""
    params = request.GET if params is None else params
    choices = [(c.pk, c.name) for c in communities_for(actor=request.user).order_by("code")]
    since, until = default_period()
    if "since" in params or "until" in params or "community" in params:
        form = PeriodForm(params, communities=choices)
        if form.is_valid():
            data = form.cleaned_data
            return form, data["since"], data["until"], data["community"], True
        return form, since, until, None, False
    form = PeriodForm(initial={"since": since, "until": until}, communities=choices)
    return form, since, until, None, True


def _delta(now: Any, before: Any) -> Any:
    if now is None or before is None:
        return None
    return round(now - before, 1)


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    form, since, until, community, valid = period_of(request)
    region = community_for(actor=request.user, pk=community)
    figures = figures_for(actor=request.user, since=since, until=until, community=community)
    earlier = previous_period(since, until)
    before = (figures_for(actor=request.user, since=earlier[0], until=earlier[1],
                          community=community, detail=False) if earlier else None)
    groups: dict[str, list[dict[str, Any]]] = {"cases": [], "outreach": [], "study": [],
                                               "org": []}
    for figure, value in figures.rows():
        previous = before.values.get(figure.key) if before else None
        groups[figure.group].append({
            "figure": figure, "value": value, "previous": previous,
            "delta": _delta(value, previous),
            "url": records_url(figure.records, since=since, until=until, community=community)})
    comparison = comparison_for(actor=request.user, since=since, until=until, figures=figures)
    today = timezone.localdate()
    # The one thing a leader acts on (cases.access.APPROVER_ROLES): extension requests.
    pending = (extension_requests_pending_for(actor=request.user).count()
               if request.user.role in (Role.LEADER, Role.STREET_ADMIN) else 0)
    return render(request, "reports/dashboard.html", {
        "pending_extensions": pending,
        "form": form, "since": since, "until": until, "region": region, "earlier": earlier,
        "groups": groups, "pending": PENDING, "comparison": comparison,
        "charts": [svg(chart) for chart in charts_for(figures, comparison).values()],
        "shortcuts": [
            (str(today.year), f"since={today.year}-01-01&until={today}"),
            (str(today.year - 1), f"since={today.year - 1}-01-01&until={today.year - 1}-12-31"),
            (f"{today.year - 3}–{today.year - 1}",
             f"since={today.year - 3}-01-01&until={today.year - 1}-12-31"),
        ],
    }, status=200 if valid else 400)
