"""The reply to one answer saved from a paper page: the script ``exams/paper.js``, which the
exams' and the contests' papers both run, posts each answer as JSON and reads
``{saved, position, seq}`` or ``{saved: false, code, detail, seq}`` back (200, 409 for a stale
or replayed save, 422 for bad input, 404 for a paper that is not the sender's); a page without
the script posts a plain form and is sent back to the question with a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .conflicts import Conflict


def answer_reply(request: HttpRequest, save: Callable[[], Any], *, back: str) -> HttpResponse:
    """Run ``save`` (it saves one answer and returns the row, with ``position`` and ``seq``)
    and answer as the script expects; a plain form goes back to ``back`` at the question."""
    status: int = 200
    body: dict[str, Any]
    try:
        item = save()
        body = {"saved": True, "position": item.position, "seq": item.seq}
    except Conflict as exc:
        status, body = 409, {"saved": False, "code": exc.code, "detail": exc.message,
                             "seq": getattr(exc, "current_seq", None)}
    except ValidationError as exc:
        status, body = 422, {"saved": False, "code": "invalid", "detail": " ".join(exc.messages)}
    except Http404:
        status, body = 404, {"saved": False, "code": "not_your_paper",
                             "detail": _("No paper of yours has this number.")}
    if request.content_type == "application/json":
        return JsonResponse(body, status=status)
    if status == 404:
        raise Http404
    if body["saved"]:
        messages.success(request, _("Answer %(n)d saved.") % {"n": body["position"]})
    else:
        messages.error(request, str(body["detail"]))
    return redirect(back + f"#q{body.get('position', '')}")
