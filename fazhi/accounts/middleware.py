"""Administrators (and anyone who enrolled) must pass the second factor before using the site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SESSION_KEY = "fz_second_factor_ok"
_OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/", "/healthz",
                  "/large-text/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SESSION_KEY)
            and (user.needs_second_factor or user.totp_confirmed_at is not None)
            and not request.path.startswith(_OPEN_PREFIXES)
            and not request.path.startswith("/api/")
        ):
            if user.totp_confirmed_at is None:
                return redirect("accounts:totp_enrol")
            return redirect("accounts:totp_verify")
        return self.get_response(request)
