from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fazhi.core.roles import Role

from .selectors import home_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.role == Role.LEADER:  # type: ignore[union-attr]
        return redirect("reports:dashboard")  # a leader reads figures, acts on no queue
    home = home_for(actor=request.user)
    return render(request, "workbench/home.html", {
        "sections": [(f"{app}/_work.html", data) for app, data in home["sections"]],
        "administration": home["administration"], "unread": home["unread"],
        "inbox_unread": home["unread"]})  # the navigation's badge reuses the count


@require_POST
def large_text(request: HttpRequest) -> HttpResponse:
    """Toggle the large-text mode (a cookie, so it works for residents without an account)."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    # Not redirect(): it reads a text without "/" or "." as a URL name, so next=abc was a 500.
    response = HttpResponseRedirect(target)
    if request.COOKIES.get("fz_large") == "1":
        response.delete_cookie("fz_large")
    else:
        response.set_cookie("fz_large", "1", max_age=365 * 24 * 3600, samesite="Lax")
    return response
