"""Pages of the study app: thin, each calling one service or selector."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.dateranges import is_plausible
from fazhi.core.formerrors import conflict_onto, errors_onto, refusal_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import query_int, query_search, query_year
from fazhi.core.spreadsheets import Sheet, xlsx_response
from fazhi.outreach.services.study import may_record_study

from .access import is_organiser
from .forms import BeatForm, MaterialForm, RuleForm, WeeklyForm
from .selectors import (
    GRADES,
    articles_of,
    credit_of,
    material_get_for,
    material_list_for,
    rate_of_unit,
    rule_for,
    score_of,
    unit_choices_for_week,
    unit_rates,
    week_for,
)
from .services import exports, materials, rules, timer, weekly

LIST_LIMIT = 200


@login_required
@require_GET
def study_home(request: AuthedRequest) -> HttpResponse:
    """A cadre's page: the materials, my credit this year and my year's score."""
    year = query_year(request.GET, "year", timezone.localdate().year)
    q = query_search(request.GET)
    return render(request, "study/home.html", {
        "year": year, "q": q, "materials": material_list_for(actor=request.user, q=q)[:LIST_LIMIT],
        "credit": credit_of(actor=request.user, year=year), "rule": rule_for(year),
        "score": score_of(actor=request.user, year=year), "grades": GRADES,
        "organiser": is_organiser(request.user)})


@login_required
@require_GET
def material_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A material to study, with the timer that earns credit while the page is visible."""
    material = material_get_for(actor=request.user, pk=pk)
    q = query_search(request.GET)
    return render(request, "study/material.html", {
        "material": material, "q": q, "articles": articles_of(material, q)[:2000],
        "beat_seconds": timer.BEAT_SECONDS})


@login_required
@require_POST
def visit_open(request: AuthedRequest, pk: int) -> JsonResponse:
    material = material_get_for(actor=request.user, pk=pk)
    visit = timer.visit_open(actor=request.user, material=material)
    return JsonResponse({"token": visit.token, "beat_seconds": timer.BEAT_SECONDS,
                         "beat_url": reverse("study:beat", args=[visit.token])}, status=201)


@login_required
@require_POST
def visit_beat(request: AuthedRequest, token: str) -> JsonResponse:
    form = BeatForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"detail": _("Invalid report."), "errors": form.errors}, status=422)
    try:
        beat = timer.visit_beat(actor=request.user, token=token, seq=form.cleaned_data["seq"],
                                visible=form.cleaned_data["visible"])
    except Conflict as exc:
        return JsonResponse({"detail": exc.message, "code": exc.code}, status=409)
    return JsonResponse({"credited": beat.credited, "material_minutes": beat.material_seconds // 60,
                         "day_minutes": beat.day_seconds // 60, "capped": beat.capped})


@login_required
def material_manage(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    """The organiser's materials: the list, and the form to add (or edit ``pk``)."""
    if not is_organiser(request.user):
        raise PermissionDenied
    material = material_get_for(actor=request.user, pk=pk, manage=True) if pk else None
    initial = {"version": material.version} if material else {}
    form = MaterialForm(request.POST or None, instance=material, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                if material:
                    saved = materials.material_update(
                        actor=request.user, material=material, ip=client_ip(request),
                        expected_version=form.cleaned_data["version"] or 0, **data)
                else:
                    saved = materials.material_create(actor=request.user, ip=client_ip(request),
                                                      **data)
            except (ValidationError, Conflict) as exc:
                refusal_onto(form, exc, request.path)
            else:
                messages.success(request, _("The material was saved."))
                return redirect("study:material_edit", pk=saved.pk)
        status = 400
    return render(request, "study/manage.html", {
        "form": form, "material": material, "q": query_search(request.GET),
        "materials": material_list_for(actor=request.user, manage=True,
                                       q=query_search(request.GET))[:LIST_LIMIT]},
                  status=status)


def _week(request: AuthedRequest) -> dt.date:
    raw = request.GET.get("week", "")
    try:
        day = dt.date.fromisoformat(raw[:10])
    except ValueError:
        day = timezone.localdate()
    if not is_plausible(day):
        day = timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


@login_required
def weekly_list(request: AuthedRequest) -> HttpResponse:
    """A week's 学法半小时: the units that held it and those that missed; the form to record."""
    week = _week(request)
    units = unit_choices_for_week(actor=request.user)
    writable = [u for u in units if may_record_study(request.user, u)]
    form = None
    status = 200
    if writable:
        chosen = query_int(request.POST or request.GET, "unit", None, lo=1, hi=2**62)
        members = get_user_model().objects.filter(is_active=True, unit_id=chosen or (
            writable[0].pk if len(writable) == 1 else 0)).order_by("username")
        form = WeeklyForm(request.POST or None, units=units.filter(pk__in=[u.pk for u in writable]),
                          users=members, initial={"date": week, "duration": 30,
                                                  "unit": writable[0].pk if len(writable) == 1
                                                  else None})
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            unit, users = data.pop("unit"), data.pop("users")
            try:
                session = weekly.weekly_record(actor=request.user, unit=unit, ip=client_ip(request),
                                               user_ids=[u.pk for u in users], **data)
            except ValidationError as exc:
                errors_onto(form, exc)
            else:
                messages.success(request, _("The week's study was recorded."))
                return redirect(f"{reverse('study:weekly')}?week={session.week:%Y-%m-%d}")
        status = 400
    return render(request, "study/weekly.html", {
        "week": week, "rows": week_for(actor=request.user, week=week), "form": form,
        "previous": week - dt.timedelta(days=7), "next": week + dt.timedelta(days=7)},
                  status=status)


@login_required
@require_GET
def rates(request: AuthedRequest) -> HttpResponse:
    """Each unit's study rates for a year; ``?format=xlsx`` downloads them (audited)."""
    year = query_year(request.GET, "year", timezone.localdate().year)
    rows = unit_rates(actor=request.user, year=year)
    if request.GET.get("format") == "xlsx":
        exports.rates_export(actor=request.user, year=year, ip=client_ip(request))
        header = [_("Rank"), _("Unit"), _("Cadres"), _("Full study credit"), _("Rate (%)"),
                  _("Passed"), _("Pass rate (%)"), _("Excellent"), _("Excellent rate (%)"),
                  _("Average score"), _("Weeks held"), _("Weeks so far"), _("Weekly rate (%)")]
        body = [[r.rank, r.name, r.cadres, r.credited, r.credit_rate, r.passed, r.pass_rate,
                 r.excellent, r.excellent_rate, r.average, r.weeks_held, r.weeks_due,
                 r.weekly_rate] for r in rows]
        return xlsx_response([Sheet(_("Study rates %(year)s") % {"year": year}, header, body)],
                             f"study-rates-{year}.xlsx")
    return render(request, "study/rates.html", {"year": year, "rows": rows,
                                                "rule": rule_for(year)})


@login_required
@require_GET
def rates_unit(request: AuthedRequest, pk: int) -> HttpResponse:
    """One unit's cadres with their credit and score (the unit's organiser, the sub-district)."""
    year = query_year(request.GET, "year", timezone.localdate().year)
    return render(request, "study/rates_unit.html", {
        "year": year, "rate": rate_of_unit(actor=request.user, year=year, pk=pk),
        "grades": GRADES, "rule": rule_for(year)})


@login_required
def rule_edit(request: AuthedRequest) -> HttpResponse:
    """The year's rule: weights of study credit and exam, full credit, daily cap, lines."""
    if not is_organiser(request.user):
        raise PermissionDenied
    year = query_year(request.GET, "year", timezone.localdate().year)
    rule = rule_for(year)
    form = RuleForm(request.POST or None, instance=rule,
                    initial={"version": rule.version if rule.pk else ""})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                rules.year_rule_set(actor=request.user, year=year, ip=client_ip(request),
                                    expected_version=form.cleaned_data["version"], **data)
            except ValidationError as exc:
                errors_onto(form, exc)
            except Conflict as exc:
                conflict_onto(form, exc, request.get_full_path())
            else:
                messages.success(request, _("The year's rule was saved."))
                return redirect(f"{reverse('study:rule')}?year={year}")
        status = 400
    return render(request, "study/rule.html", {"form": form, "year": year, "rule": rule},
                  status=status)

