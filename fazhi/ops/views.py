from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.csp import CSP
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


# The 500 page is standalone (no static files, no request context, so no nonce): its own
# inline style is all it may load.
@csp_override({"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE],
               "base-uri": [CSP.NONE], "form-action": [CSP.NONE], "frame-ancestors": [CSP.NONE]})
def error_500(request: HttpRequest) -> HttpResponse:
    # No request context: the context processors (or the database) may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        logger.exception("healthz: database unreachable")
        # The class name only: the message may name hosts or users.
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
