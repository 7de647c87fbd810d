"""The reply to one answer saved from a paper page: the script ``exams/paper.js``, which the
exams' and the contests' papers both run, posts each answer as JSON and reads
``{saved, position, seq}`` or ``{saved: false, code, detail, seq}`` back (200, 409 for a stale
or replayed save, 422 for bad input, 404 for a paper that is not the sender's); a page without
the script posts a plain form and is sent back to the question with a message. ``answer_input``
reads either kind of request into the arguments of the app's ``answer_save``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .conflicts import Conflict

BODY_MOST = 4096  # bytes of a JSON save: a written answer is at most a few hundred characters
PLACES_MOST = 20  # options ticked on a plain form


def whole_number(value: Any, most: int = 2**31 - 1) -> int:
    """A whole number from 0 to ``most`` (the column's range), else a ValidationError (422)."""
    text = str(value)
    if isinstance(value, bool) or not text.isdigit() or len(text) > 18 or int(text) > most:
        raise ValidationError(_("A whole number was expected."))
    return int(text)


def answer_input(request: HttpRequest) -> dict[str, Any]:
    """``position``, ``seq``, ``paper_version`` and ``answer`` from the script's JSON or a plain
    form; the answer as shown option places (whole numbers) or, for a written answer, text.
    What does not fit is passed on as given, for the service to refuse."""
    if request.content_type == "application/json":
        if len(request.body) > BODY_MOST:
            raise ValidationError(_("The request is too large."))
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ValidationError(_("The request body is not JSON.")) from None
        if not isinstance(data, dict):
            raise ValidationError(_("The request body is not a JSON object."))
        answer = data.get("answer")
    else:
        data = request.POST
        values = request.POST.getlist("answer")[:PLACES_MOST]
        kind = request.POST.get("kind")
        if kind == "fill":
            answer = values[0] if values else ""
        else:
            places = [int(v) if v.isdigit() and len(v) < 4 else v for v in values]
            answer = (places[0] if places else None) if kind in ("single", "true_false") else places
    return {"position": whole_number(data.get("position"), 10_000),
            "seq": whole_number(data.get("seq"), 2**53),
            "paper_version": whole_number(data.get("paper_version")), "answer": answer}


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
