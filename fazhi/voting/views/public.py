"""The public voting pages: no log-in; the voter proves a mobile with an SMS code.

Two cookies, both HttpOnly: ``fazhi_device`` (a random token, the device the per-device limits
count) and ``fazhi_vote_<campaign>`` (the signed pass of a verified voter, services.voters).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.cookies import cookie_set, device_of, with_device
from fazhi.core.http import client_ip
from fazhi.core.mobileforms import mobile_form_page

from ..ballot import Ballot, ballot_of
from ..forms import CastForm, VerifyForm
from ..models import Campaign
from ..selectors import (
    board_of,
    campaign_get_public,
    candidate_get_public,
    public_campaigns,
    state_of,
    votes_for,
)
from ..services import voters, votes
from ..services.voters import Throttled


def _pass_cookie(campaign: Campaign) -> str:
    return f"fazhi_vote_{campaign.pk}"


def _with_device(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    return with_device(request, response, path="/vote/")


def _voter(request: HttpRequest, campaign: Campaign) -> str | None:
    return voters.pass_read(campaign=campaign, token=request.COOKIES.get(_pass_cookie(campaign)))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    campaigns = list(public_campaigns())
    return render(request, "voting/index.html", {"campaigns": campaigns})


@never_cache
@require_GET
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    found = campaign_get_public(pk=pk)
    context = {"campaign": found, "board": board_of(found), "state": state_of(found),
               "verified": _voter(request, found) is not None}
    return _with_device(request, render(request, "voting/campaign.html", context))


def _candidate_page(request: HttpRequest, found: Campaign, candidate_pk: int, *,
                    error: str = "", status: int = 200) -> HttpResponse:
    candidate = candidate_get_public(campaign=found, pk=candidate_pk)
    context = {"campaign": found, "candidate": candidate, "state": state_of(found),
               "votes": votes_for(candidate),
               "error": error, "verified": _voter(request, found) is not None}
    return _with_device(request, render(request, "voting/candidate.html", context,
                                        status=status))


@never_cache
@require_GET
def candidate(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    return _candidate_page(request, campaign_get_public(pk=pk), candidate_pk)


@never_cache
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: the mobile, and "send the code"; step 2: the code. Then back to the candidate."""
    found = campaign_get_public(pk=pk)
    wanted = request.GET.get("next", "")
    form = VerifyForm(request.POST or None,
                      initial={"next": wanted if wanted.isdigit() and len(wanted) <= 18 else ""})
    context = {"campaign": found, "form": form, "sent": False}

    def verified(data: dict[str, Any]) -> HttpResponse:
        voter = voters.code_verify(campaign=found, mobile=data["mobile"], code=data["code"])
        return _verified(request, found, voter, data.get("next"))
    return mobile_form_page(
        request, context, verified=verified,
        send=lambda mobile: voters.code_send(campaign=found, mobile=mobile, ip=client_ip(request)),
        page=lambda status: _with_device(request, render(request, "voting/verify.html", context,
                                                         status=status)))


def _verified(request: HttpRequest, found: Campaign, voter: str,
              next_pk: int | None) -> HttpResponse:
    messages.success(request, _("Your mobile is verified. You can vote now."))
    url = reverse("voting:campaign", args=[found.pk])
    if next_pk and found.candidates.filter(pk=next_pk).exists():
        url = reverse("voting:candidate", args=[found.pk, next_pk])
    return cookie_set(redirect(url), _pass_cookie(found),
                      voters.pass_issue(campaign=found, voter=voter), path=f"/vote/{found.pk}/")


# Refusals that an old kept ballot may have caused, or that show it is old: read it again.
_STALE = frozenset({"not_open", "closed", "unpublished", "candidate"})


def _current_ballot(pk: int, candidate_pk: int) -> Ballot:
    """The ballot read again from the database; 404 unless it is published with the candidate."""
    ballot = ballot_of(pk, fresh=True)
    if ballot is None or candidate_pk not in ballot.candidates:
        raise Http404
    return ballot


@require_POST
def cast(request: HttpRequest, pk: int) -> HttpResponse:
    """The hot path of a vote burst: the campaign and its candidates come from the ballot this
    process keeps (ballot.py; the vote's INSERT checks them again), no query for them; a vote
    cast answers 303 to the candidate's page, which shows the outcome (a message) and the
    tally."""
    ballot = ballot_of(pk)
    form = CastForm(request.POST)
    if ballot is None or not form.is_valid():
        raise Http404
    candidate_pk = form.cleaned_data["candidate"]
    fresh = candidate_pk not in ballot.candidates  # added since? else another campaign's: 404
    if fresh:
        ballot = _current_ballot(pk, candidate_pk)
    voter = _voter(request, ballot.campaign)
    if voter is None:
        return redirect(reverse("voting:verify", args=[pk]) + f"?next={candidate_pk}")
    device = device_of(request)
    if not device:
        return _candidate_page(request, ballot.campaign, candidate_pk, status=400, error=_(
            "Please let your browser keep cookies for this site, then vote again."))
    while True:
        try:
            result = votes.vote_cast(campaign=ballot.campaign, candidate_id=candidate_pk,
                                     voter=voter, device=votes.device_digest(device),
                                     ip=client_ip(request), candidates=ballot.candidates)
            break
        except Throttled as exc:
            return _candidate_page(request, ballot.campaign, candidate_pk,
                                   error=exc.messages[0], status=429)
        except ValidationError as exc:
            if exc.code in _STALE and not fresh:  # staff may have changed it: once more
                ballot, fresh = _current_ballot(pk, candidate_pk), True
                continue
            if exc.code in ("unpublished", "candidate"):
                raise Http404 from None
            return _candidate_page(request, ballot.campaign, candidate_pk,
                                   error=exc.messages[0], status=400)
    if result.held:
        messages.warning(request, _("Your vote is received. Many votes came from the same "
                                    "network or phone within a minute, so staff will check it "
                                    "before it is counted."))
    else:
        messages.success(request, _("Your vote is counted. Thank you for taking part!"))
    # Post/redirect/get: a reload of the page that follows cannot send the vote again.
    response = HttpResponseRedirect(reverse("voting:candidate", args=[pk, candidate_pk]))
    response.status_code = 303
    return response


@require_GET
def photo(request: HttpRequest, pk: int, candidate_pk: int) -> FileResponse:
    found = campaign_get_public(pk=pk)
    candidate = candidate_get_public(campaign=found, pk=candidate_pk)
    if not candidate.photo:
        raise Http404
    response = FileResponse(candidate.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response
