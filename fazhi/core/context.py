"""Template context shared by every page: the chrome, not data."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def chrome(request: HttpRequest) -> dict:
    return {
        "large_text": request.COOKIES.get("fz_large") == "1",
        "site_name": settings.SITE_NAME,
    }
