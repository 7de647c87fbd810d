"""The public contest pages: no log-in; the participant proves a mobile with an SMS code.

Two cookies, both HttpOnly: ``fazhi_device`` (a random token, the device the suspicious log
counts) and ``fazhi_contest_<contest>`` (the signed pass of a verified mobile, services.entry).
The paper reuses the exams page's script (``exams/paper.js``): the same one-answer-at-a-time
saves with a sequence number, the same offline queue, the same JSON replies.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.cookies import cookie_set, device_of, with_device
from fazhi.core.formerrors import errors_onto
from fazhi.core.http import client_ip
from fazhi.core.masking import mask_name
from fazhi.core.mobileforms import MobileCodeForm, mobile_form_page
from fazhi.core.paperanswers import answer_input, answer_reply, whole_number

from ..forms import StartForm
from ..models import Contest, Participant
from ..selectors import (
    contest_get_public,
    leaderboard,
    paper_of,
    participant_get_own,
    participant_of,
    public_contests,
    rank_of,
    round_get_public,
    rounds_of,
)
from ..services import entry, playing

BOARD_SHOWN = 50


def _pass_cookie(contest: Contest) -> str:
    return f"fazhi_contest_{contest.pk}"


def _with_device(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    return with_device(request, response, path="/contests/")


def _mobile(request: HttpRequest, contest: Contest) -> tuple[str, str] | None:
    return entry.pass_read(contest=contest, token=request.COOKIES.get(_pass_cookie(contest)))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "contests/index.html", {"contests": list(public_contests())})


@never_cache
def contest(request: HttpRequest, pk: int) -> HttpResponse:
    """The contest, its rounds and, for a verified mobile, where to start or resume."""
    found = contest_get_public(pk=pk)
    verified = _mobile(request, found)
    now = timezone.now()
    rounds = []
    for round_ in rounds_of(found):
        mine = participant_of(round_=round_, mobile_hash=verified[0]) if verified else None
        rounds.append({"round": round_, "mine": mine,
                       "open": round_.opens_at <= now < round_.closes_at})
    context = {"contest": found, "rounds": rounds, "verified": verified,
               "form": StartForm()}
    return _with_device(request, render(request, "contests/contest.html", context))


@never_cache
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: the mobile and "send me a code"; step 2: the code. Then back to the contest."""
    found = contest_get_public(pk=pk)
    context = {"contest": found, "form": MobileCodeForm(request.POST or None), "sent": False}

    def verified(data: dict[str, Any]) -> HttpResponse:
        token = entry.code_verify(contest=found, mobile=data["mobile"], code=data["code"])
        messages.success(request, _("Your mobile is verified. Choose a round to start."))
        return cookie_set(redirect("contests:contest", pk=found.pk), _pass_cookie(found), token,
                          path=f"/contests/{found.pk}/")
    return mobile_form_page(
        request, context, verified=verified,
        send=lambda mobile: entry.code_send(contest=found, mobile=mobile, ip=client_ip(request)),
        page=lambda status: _with_device(request, render(request, "contests/verify.html", context,
                                                         status=status)))


@require_POST
def start(request: HttpRequest, pk: int, round_pk: int) -> HttpResponse:
    found = contest_get_public(pk=pk)
    round_ = round_get_public(contest=found, pk=round_pk)
    verified = _mobile(request, found)
    if verified is None:
        return redirect("contests:verify", pk=found.pk)
    form = StartForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            participant = playing.round_start(
                contest=found, round_=round_, mobile_hash=verified[0], mobile_masked=verified[1],
                community_id=data["community"], unit_id=data["unit"], name=data["name"],
                ip=client_ip(request), device=playing.device_digest(device_of(request)))
        except Conflict as exc:
            messages.error(request, exc.message)
            return redirect("contests:contest", pk=found.pk)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            return redirect("contests:paper", pk=found.pk, paper_pk=participant.pk)
    return render(request, "contests/start.html",
                  {"contest": found, "round": round_, "form": form}, status=status)


def _own(request: HttpRequest, pk: int, paper_pk: int) -> tuple[Contest, Participant, str]:
    found = contest_get_public(pk=pk)
    verified = _mobile(request, found)
    if verified is None:
        raise Http404
    participant = participant_get_own(mobile_hash=verified[0], pk=paper_pk)
    if participant.contest_id != found.pk:
        raise Http404
    return found, participant, verified[0]


@never_cache
@require_GET
def paper(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    found, participant, _hash = _own(request, pk, paper_pk)
    now = timezone.now()
    if participant.state == Participant.State.OPEN and participant.deadline <= now:
        playing.participant_expire(participant_id=participant.pk, now=now)
        participant.refresh_from_db()
    if participant.state != Participant.State.OPEN:
        return redirect("contests:result", pk=found.pk, paper_pk=participant.pk)
    return render(request, "contests/paper.html", {
        "contest": found, "participant": participant, "items": paper_of(participant),
        "remaining": int((participant.deadline - now).total_seconds())})


@require_POST
def answer(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    """Save one answer. JSON in, JSON out for the page's script; a plain form redirects back."""
    def save() -> Any:
        verified = _mobile(request, contest_get_public(pk=pk))
        return playing.answer_save(mobile_hash=verified[0] if verified else "",
                                   participant_id=paper_pk, **answer_input(request))
    return answer_reply(request, save, back=reverse("contests:paper", args=[pk, paper_pk]))


@require_POST
def submit(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    found, participant, mobile_hash = _own(request, pk, paper_pk)
    try:
        playing.participant_submit(mobile_hash=mobile_hash, participant_id=participant.pk,
                                   expected_version=whole_number(request.POST.get("paper_version")))
    except Conflict as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contests:result", pk=found.pk, paper_pk=participant.pk)


@never_cache
@require_GET
def result(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    found, participant, _hash = _own(request, pk, paper_pk)
    if participant.state == Participant.State.OPEN:
        if participant.deadline > timezone.now():
            return redirect("contests:paper", pk=found.pk, paper_pk=participant.pk)
        playing.participant_expire(participant_id=participant.pk)
        participant.refresh_from_db()
    return render(request, "contests/result.html", {
        "contest": found, "participant": participant, "rank": rank_of(participant),
        "taken": (participant.taken_ms or 0) / 1000})


@require_GET
def board(request: HttpRequest, pk: int, round_pk: int) -> HttpResponse:
    """The public leaderboard of a round: the first ``BOARD_SHOWN``, names and mobiles masked."""
    found = contest_get_public(pk=pk)
    round_ = round_get_public(contest=found, pk=round_pk)
    rows = [{"rank": n, "name": mask_name(p.name), "mobile": p.mobile_masked,
             "community": p.community.name, "score": p.score, "taken": (p.taken_ms or 0) / 1000}
            for n, p in enumerate(leaderboard(round_)[:BOARD_SHOWN], start=1)]
    return render(request, "contests/board.html",
                  {"contest": found, "round": round_, "rows": rows})
