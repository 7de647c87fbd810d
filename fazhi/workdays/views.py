"""The working-day calendar: a year's official holidays and make-up working days beside the
local overrides, which the sub-district administrator adds and removes here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.formerrors import errors_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.workdays.overrides import OverrideConflict

from . import forms as f
from . import selectors, services


def _require_shown(year: int) -> int:
    if not selectors.calendar_year_shown(year):
        raise Http404
    return year


def _year(raw: str | None) -> int:
    """The ``?year=`` asked for (this year by default), 404 when out of range."""
    if not raw:
        return timezone.localdate().year
    try:
        return _require_shown(int(raw))
    except ValueError:
        raise Http404 from None


def _back(year: int) -> str:
    return f"{reverse('workdays:calendar')}?year={year}"


def _page(request: AuthedRequest, year: int, *, form: f.CalendarOverrideForm | None = None,
          year_form: f.CalendarYearForm | None = None, status: int = 200) -> HttpResponse:
    context = selectors.calendar_year_for(actor=request.user, year=year)
    may_edit = services.may_edit_calendar(request.user)
    context.update({
        "may_edit": may_edit,
        "form": form or f.CalendarOverrideForm(initial={"is_workday": "0"}),
        "year_form": year_form or f.CalendarYearForm(),
    })
    return render(request, "workdays/calendar.html", context, status=status)


@login_required
def calendar_page(request: AuthedRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    if request.method != "POST":
        return _page(request, year)
    form = f.CalendarOverrideForm(request.POST)
    if not form.is_valid():
        return _page(request, year, form=form, status=422)
    day = form.cleaned_data["day"]
    try:
        services.calendar_override_save(actor=request.user, day=day,
                                        is_workday=form.cleaned_data["is_workday"],
                                        note=form.cleaned_data["note"], ip=client_ip(request))
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "date" in exc.error_dict:
            exc.error_dict["day"] = exc.error_dict.pop("date")
        errors_onto(form, exc)
        return _page(request, year, form=form, status=422)
    except OverrideConflict:
        form.add_error("day", _("This date already has a local override; remove it below "
                                "first to change it."))
        return _page(request, year, form=form, status=409)
    messages.success(request, _("Saved: deadlines counted from now on use the new calendar."))
    return redirect(_back(day.year))


def _withdraw(request: AuthedRequest, year: int, remove: Callable[[int], None],
              stale: str, done: str) -> HttpResponse:
    """A removal from the page: ``remove(expected_version)``; a stale page gets ``stale``."""
    form = f.VersionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        remove(form.cleaned_data["version"])
    except OverrideConflict:
        messages.error(request, stale)
    else:
        messages.success(request, done)
    return redirect(_back(year))


@login_required
@require_POST
def override_remove(request: AuthedRequest, day: str) -> HttpResponse:
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    return _withdraw(
        request, date.year,
        lambda version: services.calendar_override_remove(
            actor=request.user, day=date, expected_version=version, ip=client_ip(request)),
        stale=_("Someone else changed or removed this override after you opened the page; "
                "here is the current calendar."),
        done=_("Removed: the official calendar applies to %(date)s again.")
        % {"date": date.isoformat()})


@login_required
@require_POST
def year_mark(request: AuthedRequest, year: int) -> HttpResponse:
    _require_shown(year)
    form = f.CalendarYearForm(request.POST)
    if not form.is_valid():
        return _page(request, year, year_form=form, status=422)
    try:
        services.calendar_year_mark(actor=request.user, year=year,
                                    note=form.cleaned_data["note"], ip=client_ip(request))
    except ValidationError as exc:
        errors_onto(form, exc)
        return _page(request, year, year_form=form, status=422)
    except OverrideConflict:
        pass  # marked already (a double submit): the page shows it so
    messages.success(request, _("%(year)s is marked as entered in full.") % {"year": year})
    return redirect(_back(year))


@login_required
@require_POST
def year_unmark(request: AuthedRequest, year: int) -> HttpResponse:
    _require_shown(year)
    return _withdraw(
        request, year,
        lambda version: services.calendar_year_unmark(
            actor=request.user, year=year, expected_version=version, ip=client_ip(request)),
        stale=_("Someone else changed this year's mark after you opened the page; here is the "
                "current calendar."),
        done=_("%(year)s is no longer marked as entered.") % {"year": year})
