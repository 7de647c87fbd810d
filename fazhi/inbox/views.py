"""The inbox page: one's own notifications from every app; open (marks read), mark read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.http import AuthedRequest
from fazhi.core.queryparams import per_page

from . import selectors, services
from .models import Notification

PER_PAGE = 25
# Where "open" leads, by URL name: the record's own page decides whether it may still be read.
TARGETS: dict[str, str] = {
    Notification.Topic.CASE: "cases:detail",
    Notification.Topic.LIST: "outreach:list_detail",
    Notification.Topic.EXAM: "exams:detail",
}


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    found = selectors.notifications_for(actor=request.user, unread_only=unread_only)
    page = Paginator(found, per_page(request.GET, PER_PAGE)).get_page(request.GET.get("page"))
    unread = selectors.unread_count_for(request.user)
    return render(request, "inbox/inbox.html", {
        "page": page, "unread_only": unread_only, "unread": unread,
        "inbox_unread": unread})


@login_required
@require_POST
def notification_read(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one read; with ``open`` go on to the record it is about."""
    notification = services.notification_mark_read(actor=request.user, pk=pk)
    if request.POST.get("open"):
        return redirect(TARGETS[notification.topic], pk=notification.subject_id)
    return redirect("inbox:list")


@login_required
@require_POST
def notification_read_all(request: AuthedRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    return redirect("inbox:list")
