"""Staff pages: reviews set up, the scores with the figures behind them, the panel's sheet and
a unit's sheet of marks for the other units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import conflict_onto, errors_onto
from fazhi.core.http import AuthedRequest, client_ip

from ..access import may_manage, member_unit_of, reads_every_score
from ..forms import MarksForm, ReviewForm
from ..models import Review
from ..selectors import (
    comments_for,
    is_panel_member,
    panel_marks_of,
    panel_stamp,
    peer_marks_of,
    peer_stamp,
    review_get_for,
    review_list_for,
    score_get_for,
    scores_for,
    unit_ids_of,
    units_of,
)
from ..services import marks, setup


def _fields(form: ReviewForm) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k not in ("version", "units", "panel")}


def _ids(form: ReviewForm, name: str) -> list[int] | None:
    chosen = form.cleaned_data.get(name)
    return [x.pk for x in chosen] if chosen else None


@login_required
def review_index(request: AuthedRequest) -> HttpResponse:
    reviews = review_list_for(actor=request.user)
    return render(request, "dutyreviews/index.html", {
        "reviews": reviews, "may_manage": may_manage(request.user)})


@login_required
def review_new(request: AuthedRequest) -> HttpResponse:
    if not may_manage(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = setup.review_create(actor=request.user, ip=client_ip(request),
                                          units=_ids(form, "units"),
                                          panel=_ids(form, "panel") or [], **_fields(form))
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Review created."))
            return redirect("dutyreviews:detail", pk=created.pk)
    return render(request, "dutyreviews/review_form.html", {"form": form, "review": None},
                  status=400 if form.errors else 200)


@login_required
def review_settings(request: AuthedRequest, pk: int) -> HttpResponse:
    review = review_get_for(actor=request.user, pk=pk)
    if not may_manage(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, instance=review, initial={
        "version": review.version, "units": list(review.units.all()),
        "panel": list(review.panel.all())})
    if request.method == "POST" and form.is_valid():
        try:
            setup.review_update(actor=request.user, review=review,
                                expected_version=form.cleaned_data.get("version") or 0,
                                units=_ids(form, "units") or [],
                                panel=_ids(form, "panel") or [],
                                ip=client_ip(request), **_fields(form))
        except Conflict as exc:
            conflict_onto(form, exc, reverse("dutyreviews:settings", args=[pk]))
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Duty review saved."))
            return redirect("dutyreviews:detail", pk=pk)
    return render(request, "dutyreviews/review_form.html", {"form": form, "review": review},
                  status=400 if form.errors else 200)


@login_required
def review_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    review = review_get_for(actor=request.user, pk=pk)
    units = unit_ids_of(review)
    return render(request, "dutyreviews/detail.html", {
        "review": review, "scores": scores_for(actor=request.user, review=review),
        "every_score": reads_every_score(request.user), "may_manage": may_manage(request.user),
        "panel_member": is_panel_member(request.user, review),
        "marks_for_unit": member_unit_of(request.user, units)})


@login_required
def unit_detail(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    review = review_get_for(actor=request.user, pk=pk)
    score = score_get_for(actor=request.user, review=review, unit_pk=unit_pk)
    return render(request, "dutyreviews/unit.html", {
        "review": review, "s": score,
        "comments": comments_for(actor=request.user, review=review, unit_pk=unit_pk)})


def _sheet(request: AuthedRequest, review: Review, *, units: list, current: dict, stamp: str,
           save, title: str) -> HttpResponse:
    initial = {f"unit_{u}": v for u, v in current.items()} | {"stamp": stamp}
    form = MarksForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = save(marks=form.marks(), expected_stamp=form.cleaned_data["stamp"] or None,
                           ip=client_ip(request))
        except Conflict as exc:
            conflict_onto(form, exc, request.path)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Marks saved (%(n)d changed).") % {"n": changed})
            return redirect(request.path)
    return render(request, "dutyreviews/sheet.html", {"review": review, "form": form,
                                                      "title": title},
                  status=400 if form.errors else 200)


@login_required
def panel_sheet(request: AuthedRequest, pk: int) -> HttpResponse:
    review = review_get_for(actor=request.user, pk=pk)
    if not is_panel_member(request.user, review):
        raise PermissionDenied
    return _sheet(request, review, units=list(units_of(review)),
                  current=panel_marks_of(actor=request.user, review=review),
                  stamp=panel_stamp(actor=request.user, review=review), title=_("My panel marks"),
                  save=lambda **kw: marks.panel_marks_save(actor=request.user, review=review,
                                                           **kw))


@login_required
def peer_sheet(request: AuthedRequest, pk: int) -> HttpResponse:
    review = review_get_for(actor=request.user, pk=pk)
    own = member_unit_of(request.user, unit_ids_of(review))
    if own is None:
        raise PermissionDenied
    return _sheet(request, review, units=list(units_of(review).exclude(pk=own)),
                  current=peer_marks_of(review=review, by_unit=own),
                  stamp=peer_stamp(review=review, by_unit=own), title=_("My unit's marks of the other units"),
                  save=lambda **kw: marks.peer_marks_save(actor=request.user, review=review,
                                                          **kw))
