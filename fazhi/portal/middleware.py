"""Before a request reaches Wagtail's editor, the user's portal groups follow their role."""

from __future__ import annotations

from collections.abc import Callable

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
        return self.get_response(request)
