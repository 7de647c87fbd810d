"""Administrators (and anyone who enrolled) must pass the second factor before using the site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SESSION_KEY = "fz_second_factor_ok"
_OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/", "/healthz",
                  "/large-text/")


def owes_second_factor(request: HttpRequest) -> bool:
    """A logged-in session whose user must pass the second factor and has not yet. Pages send
    it to the code page (below); the API refuses it (``accounts.api.SessionAuth``)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.uses_second_factor
                and not request.session.get(SESSION_KEY))


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            owes_second_factor(request)
            and not request.path.startswith(_OPEN_PREFIXES)
            and not request.path.startswith("/api/")
        ):
            if getattr(request.user, "totp_confirmed_at", None) is None:
                return redirect("accounts:totp_enrol")
            return redirect("accounts:totp_verify")
        return self.get_response(request)
