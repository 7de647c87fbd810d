"""Request checks that every view needs and none should repeat."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class RejectNulCharactersMiddleware:
    """A NUL character is never meaningful text, PostgreSQL refuses to store or compare it, and
    SQLite would keep it silently. Refuse it before it reaches a query (a server error on
    PostgreSQL) where no form will look at it: the path, the query string (filters and searches
    read it), and every body sent to the API (a JSON 422).

    A form posted to a page is left to its form: every CharField refuses NUL characters
    (Django's ProhibitNullCharactersValidator), so the page comes back with the message beside
    the field and what was typed kept, instead of a bare 400. Uploaded files are not
    inspected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            message = _("The request contains a NUL character, which is not allowed in text.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=422)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json"):
            body = request.body
            return b"\\u0000" in body or b"\x00" in body
        form = content_type.startswith(("application/x-www-form-urlencoded",
                                        "multipart/form-data"))
        if form and request.method == "POST" and request.path.startswith("/api/"):
            return any("\x00" in value for values in request.POST.lists() for value in values[1])
        return False
