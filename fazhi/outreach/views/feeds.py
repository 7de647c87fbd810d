"""iCalendar feeds per community (public, secret address) and the key-date calendar."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.formerrors import errors_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.org.models import Region
from fazhi.org.selectors import communities_for

from .. import ical
from ..access import is_reviewer, require_reader
from ..forms import KeyDateForm
from ..models import CommunityFeed, KeyDate
from ..selectors.activities import feed_activities
from ..services import activities as services


@login_required
def feed_list(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    rows = []
    for community in communities_for(actor=request.user).order_by("name"):
        feed = services.feed_for(community=community)
        url = request.build_absolute_uri(reverse("outreach:feed", args=[feed.token]))
        rows.append({"community": community, "url": url,
                     "webcal": "webcal://" + url.split("://", 1)[1]})
    return render(request, "outreach/feeds.html", {"rows": rows})


@login_required
@require_POST
def feed_rotate(request: AuthedRequest, community_pk: int) -> HttpResponse:
    community = get_object_or_404(communities_for(actor=request.user), pk=community_pk)
    services.feed_rotate(actor=request.user, community=community, ip=client_ip(request))
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return redirect("outreach:feeds")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public, no log-in: phones subscribe to it. The token is the only key."""
    subscription = CommunityFeed.objects.filter(token=token).select_related("community").first()
    if subscription is None:
        raise Http404
    community: Region = subscription.community
    now = timezone.now()
    events = [
        ical.Event(uid=f"activity-{a.pk}@fazhi", summary=f"{a.get_kind_display()}: {a.title}",
                   start=a.starts_at, end=a.ends_at, location=a.venue,
                   description="\n".join(filter(None, [a.laws, a.speakers, a.audience])),
                   stamp=a.created_at)
        for a in feed_activities(community=community, now=now)
    ]
    events += [
        ical.Event(uid=f"keydate-{k.pk}@fazhi", summary=k.name,
                   start=dt.date(now.year, k.month, min(k.day, 28) if k.month == 2 else k.day),
                   end=None, description=k.laws, yearly=True)
        for k in KeyDate.objects.filter(active=True)
    ]
    body = ical.calendar(name=_("%(community)s law popularisation") % {"community": community.name},
                         events=events, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="outreach-{community.code}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@login_required
def key_dates(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    require_reader(request.user)
    editing = get_object_or_404(KeyDate, pk=pk) if pk else None
    form = KeyDateForm(instance=editing)
    status = 200
    if request.method == "POST":
        if not is_reviewer(request.user):
            raise PermissionDenied
        form = KeyDateForm(request.POST, instance=KeyDate.objects.get(pk=pk) if pk else None)
        if form.is_valid():
            try:
                services.key_date_save(actor=request.user, key_date=editing,
                                       ip=client_ip(request), **form.cleaned_data)
            except ValidationError as exc:
                errors_onto(form, exc)
            else:
                messages.success(request, _("The key date was saved."))
                return redirect("outreach:key_dates")
        status = 400
    return render(request, "outreach/key_dates.html", {
        "key_dates": KeyDate.objects.all(), "form": form if is_reviewer(request.user) else None,
        "editing": editing}, status=status)
