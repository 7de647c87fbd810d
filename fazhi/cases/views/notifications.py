"""The staff member's notifications page: list, open (marks read), mark read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.http import AuthedRequest

from .. import selectors, services
from ..access import require_reader
from .staff import PER_PAGE, per_page_of


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    unread_only = request.GET.get("show") == "unread"
    found = selectors.notifications_for(actor=request.user, unread_only=unread_only)
    page = Paginator(found, per_page_of(request, PER_PAGE)).get_page(request.GET.get("page"))
    return render(request, "cases/notifications.html", {
        "page": page, "unread_only": unread_only,
        "unread": selectors.unread_count_for(request.user)})


@login_required
@require_POST
def notification_read(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one read; with ``open`` go on to its case."""
    notification = services.notification_mark_read(actor=request.user, pk=pk)
    if request.POST.get("open"):
        return redirect("cases:detail", pk=notification.case_id)
    return redirect("cases:notifications")


@login_required
@require_POST
def notification_read_all(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    services.notifications_mark_all_read(actor=request.user)
    return redirect("cases:notifications")
