"""Before a request reaches Wagtail's editor, the user's portal groups follow their role; its
answers carry the editor's own Content-Security-Policy (settings.EDITOR_CSP)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .editors import editor_groups_sync

EDITOR_PREFIX = "/cms/"


class EditorGroupsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.path.startswith(EDITOR_PREFIX) and user is not None and user.is_authenticated:
            editor_groups_sync(user=user)
        response = self.get_response(request)
        if request.path.startswith(EDITOR_PREFIX):
            # Wagtail's editor has inline scripts and styles of its own and previews pages
            # in a frame of the same origin; the public site keeps the strict policy.
            response._csp_config = settings.EDITOR_CSP  # type: ignore[attr-defined]
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
