"""QR sign-in: the public mobile page, QR images, the printable poster, staff records, export."""

from __future__ import annotations

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fazhi.core import spreadsheets
from fazhi.core.context import chrome
from fazhi.core.formerrors import errors_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.ratelimit import hit
from fazhi.core.spreadsheets import Sheet

from .. import qr
from ..forms import CheckinForm
from ..models import Activity, SignIn
from ..selectors.activities import activity_for_checkin, activity_get_for
from ..services import checkin as services

RATE_WINDOW_SECONDS = 600  # per activity and client address: Activity.signins_per_address


@cache
def _large_text_url() -> str:
    return reverse("workbench:large_text")


def _checkin_url(request: HttpRequest, activity: Activity) -> str:
    return request.build_absolute_uri(reverse("outreach:checkin", args=[activity.code]))


@never_cache
def checkin(request: HttpRequest, code: str) -> HttpResponse:
    """Public, no log-in: the page the QR code opens on an attendee's phone."""
    activity = activity_for_checkin(code=code)
    form = CheckinForm(request.POST or None)
    context = {"activity": activity, "form": form}
    if request.method != "POST":
        try:
            services.checkin_window_check(activity, timezone.now())
        except ValidationError as exc:
            context["window_error"] = " ".join(exc.messages)
        return render(request, "outreach/checkin.html", context)
    # No transaction around the request: the rate-limit upsert and the sign-in INSERT are one
    # statement each, so the database's write lock is held for two statements, never across
    # Python work (encryption, validation, rendering) — see services.checkin._insert_once.
    if not hit(f"checkin:{activity.pk}:{client_ip(request)}",
               limit=activity.signins_per_address, window_seconds=RATE_WINDOW_SECONDS):
        context["window_error"] = _("Too many sign-ins from this network; wait a few minutes.")
        return render(request, "outreach/checkin.html", context, status=429)
    if not form.is_valid():
        return render(request, "outreach/checkin.html", context, status=400)
    community = form.cleaned_data["community"]
    try:
        signin, created = services.signin_create(
            activity=activity, name=form.cleaned_data["name"],
            mobile=form.cleaned_data["mobile"],
            community_id=community,
            affiliation=form.cleaned_data["affiliation"])
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            errors_onto(form, exc)
        else:
            context["window_error"] = " ".join(exc.messages)
        signin = None
    if signin is not None:
        # Without the context processors (the page uses none of what they add but the chrome's
        # two values): a tenth of a sign-in, the burst's hot path (docs/measurements.md).
        page = render_to_string("outreach/checkin_done.html", {
            "activity": activity, "signin": signin, "created": created, **chrome(request),
            # the large-text switch, as base.html has it (the chrome's one form kept)
            "csrf_token": get_token(request), "large_text_url": _large_text_url(),
            "here": request.path})
        return HttpResponse(page, status=201 if created else 200)
    return render(request, "outreach/checkin.html", context, status=400)


@login_required
def qr_svg(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    return HttpResponse(qr.qr_svg(_checkin_url(request, activity)), content_type="image/svg+xml")


@login_required
def qr_png(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    response = HttpResponse(qr.qr_png(_checkin_url(request, activity)), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="checkin-{activity.pk}.png"'
    return response


@login_required
def poster(request: AuthedRequest, pk: int) -> HttpResponse:
    """An A4 page to print and put up at the door (print CSS, no site chrome)."""
    activity = activity_get_for(actor=request.user, pk=pk)
    url = _checkin_url(request, activity)
    return render(request, "outreach/poster.html",
                  {"activity": activity, "url": url, "svg": qr.qr_svg(url, scale=10)})


@login_required
@require_POST
def signin_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """Staff record an attendee by name and mobile (e.g. at the door, or a correction study)."""
    activity = activity_get_for(actor=request.user, pk=pk)
    form = CheckinForm(request.POST)
    if form.is_valid():
        community = form.cleaned_data["community"]
        try:
            _signin, created = services.signin_create(
                activity=activity, actor=request.user, source=SignIn.Source.STAFF,
                name=form.cleaned_data["name"], mobile=form.cleaned_data["mobile"],
                community_id=community,
                affiliation=form.cleaned_data["affiliation"], ip=client_ip(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attendee recorded.") if created
                             else _("This mobile has already signed in."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("outreach:activity_detail", pk=pk)


@login_required
def signins_export(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_get_for(actor=request.user, pk=pk)
    rows = services.signins_export(actor=request.user, activity=activity, ip=client_ip(request))
    header = [_("No."), _("Full name"), _("Mobile"), _("Community"), _("Unit or other community"),
              _("Source"), _("Signed in at")]
    return spreadsheets.xlsx_response([Sheet(_("Attendees"), header, rows)],
                                      f"attendees-{activity.pk}.xlsx")
