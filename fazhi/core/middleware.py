"""Request checks that every view needs and none should repeat."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils.translation import gettext as _

NUL = "\x00"


class RejectNulCharactersMiddleware:
    """A NUL character is never meaningful text, PostgreSQL refuses to store or compare it, and
    SQLite would keep it silently. Keep it from every query (a server error on PostgreSQL):

    - in the path: a plain 400 (no form to give back);
    - anywhere in a request to the API: a JSON 422;
    - in a page's query string (filters and searches read it): the NUL characters are removed
      and a warning says so, so the list page comes back with its filter kept.

    A form posted to a page is left to its form: every CharField refuses NUL characters
    (Django's ProhibitNullCharactersValidator), so the page comes back with the message beside
    the field and what was typed kept, instead of a bare 400. Uploaded files are not
    inspected. Runs after MessageMiddleware, which the warning needs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        message = _("The request contains a NUL character, which is not allowed in text.")
        if request.path.startswith("/api/"):
            if NUL in request.path or self._query_has_nul(request) or self._body_has_nul(request):
                return JsonResponse({"detail": message}, status=422)
        elif NUL in request.path:
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        elif self._query_has_nul(request):
            self._strip_query(request)
            messages.warning(request, _("NUL characters were removed from the search and "
                                        "filters; they are not allowed in text."))
        return self.get_response(request)

    @staticmethod
    def _query_has_nul(request: HttpRequest) -> bool:
        return any(NUL in key or any(NUL in value for value in values)
                   for key, values in request.GET.lists())

    @staticmethod
    def _strip_query(request: HttpRequest) -> None:
        """Replace ``request.GET`` (and the raw query string links are built from) with the
        same parameters, their NUL characters removed."""
        cleaned = QueryDict(mutable=True)
        for key, values in request.GET.lists():
            for value in values:
                cleaned.appendlist(key.replace(NUL, ""), value.replace(NUL, ""))
        cleaned._mutable = False
        request.GET = cleaned  # type: ignore[assignment]  # made immutable above
        request.META["QUERY_STRING"] = cleaned.urlencode()

    @staticmethod
    def _body_has_nul(request: HttpRequest) -> bool:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json"):
            body = request.body
            return b"\\u0000" in body or b"\x00" in body
        form = content_type.startswith(("application/x-www-form-urlencoded",
                                        "multipart/form-data"))
        if form and request.method == "POST":
            return any(NUL in value for values in request.POST.lists() for value in values[1])
        return False
