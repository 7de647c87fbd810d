"""The cookies of the public pages that need no log-in (voting, contests, duty reviews): a
random token naming the device, which per-device limits and the suspicious log count, and the
signed pass of a mobile verified by SMS (core.smscodes). Both HttpOnly, ``SameSite=Lax``,
secure where sessions are, and kept to the app's path."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .smscodes import PASS_HOURS

DEVICE_COOKIE = "fazhi_device"
DEVICE_SECONDS = 2 * 365 * 24 * 3600


def cookie_set(response: HttpResponse, name: str, value: str, *, path: str,
               max_age: int = PASS_HOURS * 3600) -> HttpResponse:
    """Set a public page's cookie (by default a pass, for as long as a pass is good)."""
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)
    return response


def device_of(request: HttpRequest) -> str:
    """The device's token, or "" when it has none (or a malformed one)."""
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    return token if 16 <= len(token) <= 64 and token.isascii() else ""


def with_device(request: HttpRequest, response: HttpResponse, *, path: str) -> HttpResponse:
    """``response``, giving the device a new token if it came without one."""
    if not device_of(request):
        cookie_set(response, DEVICE_COOKIE, secrets.token_urlsafe(18), path=path,
                   max_age=DEVICE_SECONDS)
    return response
