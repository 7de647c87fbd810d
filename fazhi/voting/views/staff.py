"""Staff pages: campaigns set up, held votes reviewed in bulk, jury marks, results and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import spreadsheets
from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import errors_onto, refusal_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.spreadsheets import Sheet

from ..access import is_juror, may_manage, may_read_results
from ..forms import CampaignForm, CandidateForm, CategoryForm, JurorsForm, MarkForm, ReviewForm
from ..models import Candidate
from ..selectors import (
    board_of,
    campaign_get_for,
    campaign_list_for,
    held_votes_for,
    marks_for,
    results_for,
)
from ..services import review, setup

QUEUE_PAGE = 200


@login_required
def staff_index(request: AuthedRequest) -> HttpResponse:
    if not (may_manage(request.user) or may_read_results(request.user)
            or campaign_list_for(actor=request.user).exists()):
        raise PermissionDenied
    return render(request, "voting/staff_index.html", {
        "campaigns": campaign_list_for(actor=request.user),
        "may_manage": may_manage(request.user)})


def _campaign_fields(form: CampaignForm) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


@login_required
def campaign_new(request: AuthedRequest) -> HttpResponse:
    if not may_manage(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = setup.campaign_create(actor=request.user, ip=client_ip(request),
                                            **_campaign_fields(form))
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Campaign created. Add its categories and candidates."))
            return redirect("voting:setup", pk=created.pk)
    return render(request, "voting/campaign_form.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def campaign_setup(request: AuthedRequest, pk: int) -> HttpResponse:
    """The campaign's settings, categories, candidates and jury on one page."""
    campaign = campaign_get_for(actor=request.user, pk=pk)
    if not may_manage(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, instance=campaign,
                        initial={"version": campaign.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                setup.campaign_update(actor=request.user, campaign=campaign,
                                      expected_version=form.cleaned_data["version"] or 0,
                                      ip=client_ip(request), **_campaign_fields(form))
            except (ValidationError, Conflict) as exc:
                refusal_onto(form, exc, request.path)
            else:
                messages.success(request, _("Campaign saved."))
                return redirect("voting:setup", pk=pk)
        status = 400
    campaign.refresh_from_db()
    return render(request, "voting/setup.html", {
        "campaign": campaign, "form": form, "board": board_of(campaign),
        "category_form": CategoryForm(), "candidate_form": CandidateForm(campaign=campaign),
        "jurors_form": JurorsForm(initial={"jurors": campaign.jurors.all()})}, status=status)


@login_required
@require_POST
def category_add(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(actor=request.user, pk=pk)
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            setup.category_create(actor=request.user, campaign=campaign, ip=client_ip(request),
                                  **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Category added."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("voting:setup", pk=pk)


@login_required
def candidate_edit(request: AuthedRequest, pk: int, candidate_pk: int | None = None
                   ) -> HttpResponse:
    campaign = campaign_get_for(actor=request.user, pk=pk)
    if not may_manage(request.user):
        raise PermissionDenied
    existing = None
    initial = {}
    if candidate_pk is not None:
        existing = Candidate.objects.filter(campaign=campaign, pk=candidate_pk).first()
        if existing is None:
            raise PermissionDenied
        initial = {"category": existing.category_id, "name": existing.name,
                   "affiliation": existing.affiliation, "intro": existing.intro,
                   "position": existing.position}
    form = CandidateForm(request.POST or None, request.FILES or None, campaign=campaign,
                         initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("photo")
        category = data.pop("category")
        try:
            setup.candidate_save(actor=request.user, campaign=campaign, candidate=existing,
                                 category_id=category.pk, photo=upload,
                                 photo_name=upload.name if upload else "",
                                 ip=client_ip(request), **data)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Candidate saved."))
            return redirect("voting:setup", pk=pk)
    return render(request, "voting/candidate_form.html",
                  {"campaign": campaign, "form": form, "candidate": existing},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def jurors_save(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(actor=request.user, pk=pk)
    form = JurorsForm(request.POST)
    if form.is_valid():
        setup.jurors_set(actor=request.user, campaign=campaign, ip=client_ip(request),
                         user_ids=[u.pk for u in form.cleaned_data["jurors"]])
        messages.success(request, _("Jury saved."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("voting:setup", pk=pk)


@login_required
def review_queue(request: AuthedRequest, pk: int) -> HttpResponse:
    """Held votes, oldest first; tick several and accept or reject them at once."""
    campaign = campaign_get_for(actor=request.user, pk=pk)
    queue = held_votes_for(actor=request.user, campaign=campaign)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                done = review.votes_review(
                    actor=request.user, campaign=campaign, vote_ids=form.cleaned_data["votes"],
                    decision=form.cleaned_data["decision"], ip=client_ip(request))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, (_("%(n)d votes accepted and counted.")
                                           if form.cleaned_data["decision"] == "accept"
                                           else _("%(n)d votes rejected.")) % {"n": done})
        else:
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("voting:review", pk=pk)
    return render(request, "voting/review.html", {
        "campaign": campaign, "votes": list(queue[:QUEUE_PAGE]), "total": queue.count(),
        "limit": QUEUE_PAGE})


@login_required
def marks(request: AuthedRequest, pk: int) -> HttpResponse:
    """A jury member's marks: one small form per candidate."""
    campaign = campaign_get_for(actor=request.user, pk=pk)
    if request.method == "POST":
        form = MarkForm(request.POST)
        if form.is_valid():
            try:
                review.mark_set(actor=request.user, campaign=campaign,
                                candidate_id=form.cleaned_data["candidate"],
                                score=form.cleaned_data["score"], ip=client_ip(request))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Mark saved."))
        else:
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("voting:marks", pk=pk)
    return render(request, "voting/marks.html",
                  {"campaign": campaign, "rows": marks_for(actor=request.user,
                                                           campaign=campaign)})


@login_required
def results(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(actor=request.user, pk=pk)
    rows = results_for(actor=request.user, campaign=campaign)
    return render(request, "voting/results.html", {
        "campaign": campaign, "rows": rows, "may_manage": may_manage(request.user),
        "is_juror": is_juror(request.user, campaign), "now": timezone.now()})


@login_required
def results_export(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(actor=request.user, pk=pk)
    rows = results_for(actor=request.user, campaign=campaign)
    review.results_exported(actor=request.user, campaign=campaign, rows=len(rows),
                            ip=client_ip(request))
    header = [_("Category"), _("Rank"), _("Candidate"), _("Unit or community"),
              _("Counted votes"), _("Held votes"), _("Rejected votes"), _("Public score"),
              _("Jury marks"), _("Jury score"), _("Final score")]
    data = [[r.category.name, r.rank, r.candidate.name, r.candidate.affiliation, r.votes,
             r.held, r.rejected, float(r.public_score), r.marks, float(r.jury_score),
             float(r.final)] for r in rows]
    weights = _("Public vote %(p)d%%, jury %(j)d%%") % {"p": campaign.public_weight,
                                                          "j": campaign.jury_weight}
    return spreadsheets.xlsx_response(
        [Sheet(_("Results"), header, data),
         Sheet(_("Weights"), [_("Campaign"), _("Weights")], [[campaign.title, weights]])],
        f"voting-results-{campaign.pk}.xlsx")
