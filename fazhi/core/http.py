"""Facts about an HTTP request that several apps need."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """A request behind @login_required. Its user is an ``accounts.User``; typed ``Any`` here
    because core, the leaf, cannot import accounts."""

    user: Any


def client_ip(request: HttpRequest) -> str:
    """The client's address; X-Forwarded-For is believed only from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.TRUSTED_PROXIES:
        return forwarded.split(",")[0].strip()
    return remote
