"""Administrators (and anyone who enrolled) must pass the second factor before using the site."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SESSION_KEY = "fz_second_factor_ok"
TOUCHED_KEY = "fz_touched"  # when the session's expiry last moved on (seconds since the epoch)
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


class SessionTouchMiddleware:
    """The idle time-out (``SESSION_COOKIE_AGE``) counts from a session's last request, to
    ``SESSION_TOUCH_SECONDS``: an existing session is saved, and so given a new expiry, when a
    request comes that long after the last save; other requests write nothing. (Django's
    ``SESSION_SAVE_EVERY_REQUEST`` wrote the session on every request: on SQLite, a write lock
    taken by every page of every signed-in person.) A session may so end up to that many seconds
    before a full idle period; no request ever creates one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None:
            return response
        now = int(timezone.now().timestamp())
        if session.modified:  # saved anyway (a log-in, a message): note when, unless emptied
            if session.keys():
                session[TOUCHED_KEY] = now
            return response
        if not session.session_key:
            return response  # no session to keep alive
        touched = session.get(TOUCHED_KEY, 0)
        if not now - settings.SESSION_TOUCH_SECONDS < touched <= now:
            session[TOUCHED_KEY] = now
        return response
