"""Cadre law study: a unit's study record for a year, recording and editing sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import errors_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import query_year

from ..forms import StudySessionForm
from ..models import StudySession
from ..selectors.study import (
    attendance_rates,
    study_get_for,
    study_list_for,
    unit_get_for,
    units_for_study,
)
from ..services import study as services


@login_required
def study_index(request: AuthedRequest) -> HttpResponse:
    units = units_for_study(actor=request.user)
    if request.user.unit_id and units.filter(pk=request.user.unit_id).exists() \
            and "all" not in request.GET:
        return redirect("outreach:study_unit", pk=request.user.unit_id)
    return render(request, "outreach/study_index.html",
                  {"units": units, "year": timezone.localdate().year})


def _form(request: AuthedRequest, unit, data=None, instance=None) -> StudySessionForm:
    users, people = services.roster(unit)
    return StudySessionForm(data, instance=instance, units=units_for_study(actor=request.user)
                            .filter(pk=unit.pk), users=users, people=people,
                            initial={"version": instance.version} if instance else {
                                "unit": unit.pk, "date": timezone.localdate()})


@login_required
def study_unit(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = unit_get_for(actor=request.user, pk=pk)
    year = query_year(request.GET, "year", timezone.localdate().year)
    form = _form(request, unit) if services.may_record_study(request.user, unit) else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        form = _form(request, unit, request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "version")}
            try:
                services.study_create(actor=request.user, unit=unit, ip=client_ip(request),
                                      **data)
            except ValidationError as exc:
                errors_onto(form, exc)
            else:
                messages.success(request, _("The study session was recorded."))
                return redirect(f"{request.path}?year={data['date'].year}")
        status = 400
    return render(request, "outreach/study_unit.html", {
        "unit": unit, "year": year, "sessions": study_list_for(actor=request.user, unit=unit,
                                                               year=year),
        "rates": attendance_rates(unit=unit, year=year), "form": form}, status=status)


@login_required
def study_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = study_get_for(actor=request.user, pk=pk)
    editable = services.may_record_study(request.user, session.unit)
    form = None
    status = 200
    if editable:
        form = _form(request, session.unit, instance=session)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = _form(request, session.unit, request.POST,
                     instance=StudySession.objects.get(pk=session.pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "version")}
            try:
                services.study_update(actor=request.user, session=session,
                                      expected_version=form.cleaned_data["version"] or 0,
                                      ip=client_ip(request), **data)
            except ValidationError as exc:
                errors_onto(form, exc)
            except Conflict as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The study session was saved."))
                return redirect("outreach:study_detail", pk=pk)
        status = 400
    return render(request, "outreach/study_detail.html",
                  {"session": session, "form": form, "users": session.users.all(),
                   "people": session.people.all()}, status=status)
