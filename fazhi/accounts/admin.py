"""Django admin has no log-in of its own: its log-in page sends people to Fazhi's, which locks
out, audits and asks for the second factor (the middleware then guards /django-admin/ as it
guards every page)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


def login_through_fazhi(request: HttpRequest, extra_context: dict[str, Any] | None = None
                        ) -> HttpResponse:
    if admin.site.has_permission(request):
        return redirect("admin:index")
    if request.user.is_authenticated:  # logged in, but not staff
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"),
                             login_url=reverse("accounts:login"))


admin.site.login = login_through_fazhi  # type: ignore[method-assign]
