"""Work reports: ask for one (written by the worker), watch its progress (htmx polling), download
it again (audited), and the definitions of the figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.roles import require_reader

from ..figures import FIGURES, PENDING
from ..selectors import report_get_for, report_list_for
from ..services import assessment_report_request, duty_report_request, report_request
from ..services import report_download as download
from ..tasks import write_report
from .dashboard import period_of

FORMATS = {"docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx"),
           "pdf": ("application/pdf", "pdf"),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")}


@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    form, since, until, community, valid = period_of(request)
    return render(request, "reports/list.html", {
        "form": form, "reports": report_list_for(actor=request.user)[:50]},
        status=200 if valid else 400)


@login_required
@require_POST
def report_new(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    form, since, until, community, valid = period_of(request, request.POST)
    if not valid:
        return render(request, "reports/list.html", {
            "form": form, "reports": report_list_for(actor=request.user)[:50]}, status=422)
    report = report_request(actor=request.user, since=since, until=until, community=community,
                            ip=client_ip(request))
    write_report.enqueue(report.pk)  # after the service's transaction has committed
    messages.success(request, _("The report is being written."))
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def assessment_report(request: AuthedRequest, pk: int) -> HttpResponse:
    """A community's model-assessment report (DOCX, PDF, XLSX), written by the worker."""
    report = assessment_report_request(actor=request.user, assessment=pk, ip=client_ip(request))
    write_report.enqueue(report.pk)  # after the service's transaction has committed
    messages.success(request, _("The report is being written."))
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def duty_report_new(request: AuthedRequest, year: int, unit_pk: int) -> HttpResponse:
    """A unit's duty-review report, asked for from the unit's page of the review."""
    report = duty_report_request(actor=request.user, year=year, unit_pk=unit_pk,
                                 ip=client_ip(request))
    write_report.enqueue(report.pk)  # after the service's transaction has committed
    messages.success(request, _("The report is being written."))
    return redirect("reports:detail", report.pk)


@login_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = report_get_for(actor=request.user, pk=pk)
    template = "reports/_status.html" if request.headers.get("HX-Request") else "reports/detail.html"
    return render(request, template, {"report": report})


@login_required
def report_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    report, data = download(actor=request.user, pk=pk, fmt=fmt,
                           ip=client_ip(request))
    if data is None:
        raise Http404
    content_type, ext = FORMATS[fmt]
    response = HttpResponse(data, content_type=content_type)
    name = f"report-{report.since:%Y%m%d}-{report.until:%Y%m%d}-{report.pk}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def definitions(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    return render(request, "reports/definitions.html", {"figures": FIGURES, "pending": PENDING})
