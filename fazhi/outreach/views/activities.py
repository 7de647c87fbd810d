"""Activities: list, create, edit, detail with live attendance, photos, walk-ins, calendar."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import errors_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import per_page, query_id, query_int, query_search, query_year
from fazhi.core.textlimits import SEARCH_MAX_LENGTH
from fazhi.org.models import Unit
from fazhi.org.selectors import communities_for

from ..access import may_edit_activity
from ..forms import ActivityForm, PhotoForm, ReachPeriodForm, WalkInForm
from ..models import Activity
from ..selectors.activities import (
    activity_get_for,
    activity_list_for,
    attendance_of,
    month_calendar,
    photo_get_for,
    signins_of,
)
from ..selectors.lists import items_open_for
from ..services import activities as services

PAGE_SIZE = 25


def _kinds(actor) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Activity.Kind.choices
            if actor.sees_justice_records or value not in Activity.RESTRICTED_KINDS]


@login_required
def activity_index(request: AuthedRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    community = request.GET.get("community", "")
    # A period (both dates, from a dashboard figure's link) lists the activities held in it.
    period = ReachPeriodForm(request.GET) if "since" in request.GET else None
    dates = period.cleaned_data if period is not None and period.is_valid() else {}
    activities = activity_list_for(actor=request.user,
                                   kind=kind if kind in Activity.Kind.values else "",
                                   community_id=query_id(request.GET, "community"),
                                   q=query_search(request.GET), since=dates.get("since"),
                                   until=dates.get("until"), held=bool(dates))
    page = Paginator(activities, per_page(request.GET, PAGE_SIZE)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "outreach/activity_index.html", {
        "page": page, "kinds": _kinds(request.user), "kind": kind, "community": community,
        "communities": communities_for(),
        "q": query_search(request.GET), "q_max": SEARCH_MAX_LENGTH, "query": query.urlencode(),
        "now": timezone.now(), "period": dates})


def _form(request: AuthedRequest, activity: Activity | None = None, data=None) -> ActivityForm:
    year = (timezone.localtime(activity.starts_at).year if activity
            else timezone.localdate().year)
    return ActivityForm(data, instance=activity, items=items_open_for(actor=request.user,
                                                                     year=year),
                        units=Unit.objects.filter(active=True).order_by("name"),
                        kinds=_kinds(request.user),
                        initial={"version": activity.version} if activity else None)


def _save(request: AuthedRequest, form: ActivityForm, activity: Activity | None):
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("items", "version")}
    items = list(form.cleaned_data.get("items") or [])
    if activity is None:
        return services.activity_create(actor=request.user, items=items, ip=client_ip(request),
                                        **data)
    return services.activity_update(actor=request.user, activity=activity, items=items,
                                    expected_version=form.cleaned_data.get("version") or 0,
                                    ip=client_ip(request), **data)


def _edit(request: AuthedRequest, activity: Activity | None) -> HttpResponse:
    if not request.user.can_write:
        raise PermissionDenied
    if request.method == "POST":
        # The model validates on a copy, so a refused change leaves the saved row untouched.
        form = _form(request, Activity.objects.get(pk=activity.pk) if activity else None,
                     request.POST)
        if form.is_valid():
            try:
                saved = _save(request, form, activity)
            except ValidationError as exc:
                errors_onto(form, exc)
            except Conflict as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The activity was saved."))
                return redirect("outreach:activity_detail", pk=saved.pk)
        return render(request, "outreach/activity_form.html",
                      {"form": form, "activity": activity}, status=400)
    return render(request, "outreach/activity_form.html",
                  {"form": _form(request, activity), "activity": activity})


@login_required
def activity_create(request: AuthedRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
def activity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    if not may_edit_activity(request.user, activity):
        raise PermissionDenied
    return _edit(request, activity)


def _detail_context(request: AuthedRequest, activity: Activity, **forms) -> dict:
    return {
        "activity": activity, "attendance": attendance_of(activity),
        "can_edit": may_edit_activity(request.user, activity),
        "signins": signins_of(actor=request.user, activity=activity)[:200],
        "photos": activity.photos.all(), "items": activity.items.select_related(
            "responsibility_list__unit"),
        "walkin_form": forms.get("walkin_form") or WalkInForm(),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "checkin_url": request.build_absolute_uri(reverse("outreach:checkin",
                                                          args=[activity.code])),
    }


@login_required
def activity_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    return render(request, "outreach/activity_detail.html", _detail_context(request, activity))


@login_required
def attendance_live(request: AuthedRequest, pk: int) -> HttpResponse:
    """The htmx-polled attendance figure on the detail page."""
    activity = activity_get_for(actor=request.user, pk=pk)
    return render(request, "outreach/_attendance.html",
                  {"activity": activity, "attendance": attendance_of(activity)})


@login_required
@require_POST
def walkin_add(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            services.walkin_add(actor=request.user, activity=activity, ip=client_ip(request),
                                **form.cleaned_data)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Walk-in attendees added."))
            return redirect("outreach:activity_detail", pk=pk)
    return render(request, "outreach/activity_detail.html",
                  _detail_context(request, activity, walkin_form=form), status=400)


@login_required
@require_POST
def photo_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            services.photo_add(actor=request.user, activity=activity, upload=upload,
                               size=upload.size, caption=form.cleaned_data["caption"],
                               ip=client_ip(request))
        except ValidationError as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("outreach:activity_detail", pk=pk)
    return render(request, "outreach/activity_detail.html",
                  _detail_context(request, activity, photo_form=form), status=400)


@login_required
def photo_view(request: AuthedRequest, pk: int) -> FileResponse:
    photo = photo_get_for(actor=request.user, pk=pk)
    response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def calendar_month(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    first = dt.date(query_year(request.GET, "year", today.year),
                    query_int(request.GET, "month", today.month, lo=1, hi=12) or today.month, 1)
    community = request.GET.get("community", "")
    weeks = month_calendar(actor=request.user, year=first.year, month=first.month,
                           community_id=query_id(request.GET, "community"))
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(request, "outreach/calendar.html", {
        "weeks": weeks, "first": first, "previous": previous, "following": following,
        "today": today, "community": community,
        "communities": communities_for()})
