"""Organiser pages: contests and rounds set up, the leaderboard, participation by community
and unit, the suspicious log and the results export (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import spreadsheets
from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import errors_onto, refusal_onto
from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import query_id
from fazhi.core.spreadsheets import Sheet

from ..access import may_organise, require_organiser
from ..forms import ContestForm, RoundForm
from ..selectors import (
    contest_get_for,
    contest_list_for,
    leaderboard_for,
    participation_for,
    round_get_for,
    rounds_of,
    suspicions_for,
)
from ..services import exports, setup

BOARD_PAGE = 200
LOG_PAGE = 200


def _when(at) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S") if at else ""


def _fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


@login_required
def staff_index(request: AuthedRequest) -> HttpResponse:
    return render(request, "contests/staff_index.html", {
        "contests": contest_list_for(actor=request.user), "may_organise": may_organise(request.user)})


@login_required
def contest_new(request: AuthedRequest) -> HttpResponse:
    require_organiser(request.user)
    form = ContestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = setup.contest_create(actor=request.user, ip=client_ip(request),
                                           **_fields(form))
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Contest created. Add its rounds."))
            return redirect("contests:setup", pk=created.pk)
    return render(request, "contests/contest_form.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def contest_setup(request: AuthedRequest, pk: int) -> HttpResponse:
    """The contest's settings and its rounds, with a form to add one."""
    found = contest_get_for(actor=request.user, pk=pk)
    require_organiser(request.user)
    form = ContestForm(request.POST or None, instance=found, initial={"version": found.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                setup.contest_update(actor=request.user, contest=found,
                                     expected_version=form.cleaned_data["version"] or 0,
                                     ip=client_ip(request), **_fields(form))
            except (ValidationError, Conflict) as exc:
                refusal_onto(form, exc, request.path)
            else:
                messages.success(request, _("Contest saved."))
                return redirect("contests:setup", pk=pk)
        status = 400
    return render(request, "contests/setup.html", {
        "contest": found, "form": form, "rounds": rounds_of(found),
        "round_form": RoundForm()}, status=status)


@login_required
def round_edit(request: AuthedRequest, pk: int, round_pk: int | None = None) -> HttpResponse:
    found = contest_get_for(actor=request.user, pk=pk)
    round_ = round_get_for(actor=request.user, contest=found, pk=round_pk) if round_pk else None
    require_organiser(request.user)
    form = RoundForm(request.POST or None, instance=round_,
                     initial={"version": round_.version if round_ else 0})
    if request.method == "POST" and form.is_valid():
        try:
            if round_ is None:
                setup.round_create(actor=request.user, contest=found, ip=client_ip(request),
                                   **_fields(form))
            else:
                setup.round_update(actor=request.user, round_=round_,
                                   expected_version=form.cleaned_data["version"] or 0,
                                   ip=client_ip(request), **_fields(form))
        except (ValidationError, Conflict) as exc:
            refusal_onto(form, exc, request.path)
        else:
            messages.success(request, _("Round saved."))
            return redirect("contests:setup", pk=pk)
    return render(request, "contests/round_form.html",
                  {"contest": found, "round": round_, "form": form},
                  status=400 if form.errors else 200)


@login_required
def results(request: AuthedRequest, pk: int) -> HttpResponse:
    """A round's leaderboard (the first ``BOARD_PAGE``), mobiles masked; ?round= picks it."""
    found = contest_get_for(actor=request.user, pk=pk)
    rounds = rounds_of(found)
    wanted = query_id(request.GET, "round")
    chosen = next((r for r in rounds if r.pk == wanted), rounds[-1] if rounds else None)
    rows = list(leaderboard_for(actor=request.user, round_=chosen)[:BOARD_PAGE]) if chosen else []
    return render(request, "contests/results.html", {
        "contest": found, "rounds": rounds, "chosen": chosen, "rows": rows,
        "limit": BOARD_PAGE, "may_organise": may_organise(request.user)})


@login_required
def participation(request: AuthedRequest, pk: int) -> HttpResponse:
    found = contest_get_for(actor=request.user, pk=pk)
    return render(request, "contests/participation.html", {
        "contest": found,
        "communities": participation_for(actor=request.user, contest=found, by="community"),
        "units": participation_for(actor=request.user, contest=found, by="unit")})


@login_required
def suspicious(request: AuthedRequest, pk: int) -> HttpResponse:
    found = contest_get_for(actor=request.user, pk=pk)
    log = suspicions_for(actor=request.user, contest=found)
    return render(request, "contests/suspicious.html", {
        "contest": found, "rows": list(log[:LOG_PAGE]), "total": log.count(),
        "limit": LOG_PAGE})


@login_required
def results_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every round's leaderboard, participation and the suspicious log in one workbook."""
    found = contest_get_for(actor=request.user, pk=pk)
    header = [_("Round"), _("Rank"), _("Name"), _("Mobile"), _("Community"), _("Unit"),
              _("Score"), _("Seconds taken"), _("Handed in at")]
    board = []
    for round_ in rounds_of(found):
        for rank, p in enumerate(leaderboard_for(actor=request.user, round_=round_), start=1):
            board.append([round_.name, rank, p.name, p.mobile_masked, p.community.name,
                          p.unit.name if p.unit else "", p.score, (p.taken_ms or 0) / 1000,
                          _when(p.submitted_at)])
    taking = [[row["name"] or _("No unit"), row["started"], row["handed_in"]]
              for by in ("community", "unit")
              for row in participation_for(actor=request.user, contest=found, by=by).rows]
    log = [[s.round.name, s.participant.mobile_masked, s.get_kind_display(), s.detail,
            _when(s.created_at)]
           for s in suspicions_for(actor=request.user, contest=found)]
    exports.results_exported(actor=request.user, contest=found, rows=len(board),
                             ip=client_ip(request))
    return spreadsheets.xlsx_response([
        Sheet(_("Leaderboard"), header, board),
        Sheet(_("Participation"), [_("Community or unit"), _("Taking part"), _("Handed in")],
              taking),
        Sheet(_("Suspicious"), [_("Round"), _("Mobile"), _("What"), _("Detail"), _("When")],
              log)], f"contest-{found.pk}.xlsx")
