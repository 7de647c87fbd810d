"""Administrators (and anyone who enrolled) must pass the second factor before using the site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_KEY = "fz_second_factor_ok"
_OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/", "/healthz",
                  "/large-text/")


def owes_second_factor(request: HttpRequest) -> bool:
    """A logged-in session whose user must pass the second factor and has not yet. Pages send
    it to the code page (below); the API refuses it (``accounts.api.SessionAuth``)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.uses_second_factor
                and not request.session.get(SESSION_KEY))


_API_DESCRIPTION = ("/api/v1/openapi.json", "/api/v1/docs")


def _has_token(request: HttpRequest) -> bool:
    scheme, _sep, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


def second_factor_refusal() -> str:
    return _("Enter the code from your authenticator app first: %(url)s") % {
        "url": reverse("accounts:totp_verify")}


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            # Refused here, before anything reads the body or the query: a malformed request
            # from such a session gets the same 403 as a well-formed one. A request with a
            # token is decided by its token (accounts.api); the API's description is public.
            if (owes_second_factor(request) and not _has_token(request)
                    and not request.path.startswith(_API_DESCRIPTION)):
                return JsonResponse({"detail": second_factor_refusal()}, status=403,
                                    content_type="application/json; charset=utf-8")
            return self.get_response(request)
        if owes_second_factor(request) and not request.path.startswith(_OPEN_PREFIXES):
            if getattr(request.user, "totp_confirmed_at", None) is None:
                return redirect("accounts:totp_enrol")
            return redirect("accounts:totp_verify")
        return self.get_response(request)
