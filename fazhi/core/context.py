"""Template context shared by every page: the chrome, not data."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _


def chrome(request: HttpRequest) -> dict:
    return {
        "large_text": request.COOKIES.get("fz_large") == "1",
        "site_name": _("Fazhi rule-of-law platform"),
    }
