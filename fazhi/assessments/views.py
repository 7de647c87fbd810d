"""Pages of the model-community assessment: thin, each calling one service or selector. A
refused write shows its message beside the item's fields (core.formerrors) on the same page."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import errors_onto, refusal_onto
from fazhi.core.http import client_ip
from fazhi.core.queryparams import per_page

from . import services
from .access import is_reviewer, is_tree_editor, may_self_assess
from .forms import (
    CycleForm,
    EvidenceForm,
    FilterForm,
    IndicatorForm,
    MarksForm,
    ReviewForm,
    SelfScoreForm,
    StartForm,
    TreeVersionForm,
    VersionForm,
)
from .models import Assessment, Score
from .selectors import (
    assessment_get_for,
    assessment_list_for,
    board_for,
    by_dimension,
    cycle_get_for,
    cycle_list_for,
    evidence_get_for,
    indicator_get_for,
    score_get_for,
    tree_by_dimension,
)


# --- cycles and the tree -----------------------------------------------------------------------
@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _index(request, CycleForm())


def _index(request: HttpRequest, form: CycleForm) -> HttpResponse:
    size = per_page(request.GET, default=50)
    filters = FilterForm(request.GET)
    where: dict[str, Any] = {}
    if filters.is_valid():
        f = filters.cleaned_data
        where = {"community": f["community"], "model_only": f["model"],
                 "decided_since": f["decided_since"], "decided_until": f["decided_until"]}
    return render(request, "assessments/index.html", {
        "cycles": list(cycle_list_for(actor=request.user)[:50]),
        "assessments": list(assessment_list_for(actor=request.user, **where)[:size]),
        "filters": filters, "form": form, "editor": is_tree_editor(request.user)},
        status=200 if filters.is_valid() else 400)


@login_required
@require_POST
def cycle_create(request: HttpRequest) -> HttpResponse:
    form = CycleForm(request.POST)
    if form.is_valid():
        try:
            cycle = services.cycle_create(actor=request.user, ip=client_ip(request),
                                          **form.cleaned_data)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Cycle created with its indicator tree."))
            return redirect("assessments:cycle", cycle.pk)
    return _index(request, form)


def _cycle_page(request: HttpRequest, pk: int, **bound: Any) -> HttpResponse:
    cycle = cycle_get_for(actor=request.user, pk=pk)
    user = request.user
    editor = is_tree_editor(user)
    board = board_for(actor=user, cycle=cycle)
    indicators = list(cycle.indicators.all())
    return render(request, "assessments/cycle.html", {
        "cycle": cycle, "tree": tree_by_dimension(indicators),
        "total": sum(i.weight for i in indicators), "board": board,
        "editor": editor, "reviewer": is_reviewer(user),
        "can_start": any(row["assessment"] is None
                         and may_self_assess(user, row["community"].pk) for row in board),
        "marks_form": bound.get("marks_form") or MarksForm(initial={
            "version": cycle.version, "title": cycle.title, "pass_score": cycle.pass_score,
            "excellent_score": cycle.excellent_score, "warn_score": cycle.warn_score}),
        "item_form": bound.get("item_form") or IndicatorForm(initial={
            "tree_version": cycle.tree_version, "position": (len(indicators) + 1) * 10}),
        "start_form": bound.get("start_form") or StartForm(),
        "tree_version_form": TreeVersionForm(initial={"tree_version": cycle.tree_version}),
    })


@login_required
@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _cycle_page(request, pk)


@login_required
@require_POST
def cycle_marks(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for(actor=request.user, pk=pk)
    form = MarksForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.cycle_update(actor=request.user, cycle=cycle, expected_version=version,
                                  ip=client_ip(request), **data)
        except (Conflict, ValidationError) as exc:
            refusal_onto(form, exc, reverse("assessments:cycle", args=[pk]))
        else:
            messages.success(request, _("Marks saved."))
            return redirect("assessments:cycle", pk)
    return _cycle_page(request, pk, marks_form=form)


def _item_input(form: IndicatorForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["expected_tree_version"] = data.pop("tree_version")
    data["position"] = data.get("position") or 0
    return data


@login_required
@require_POST
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for(actor=request.user, pk=pk)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            services.indicator_save(actor=request.user, cycle=cycle, ip=client_ip(request),
                                    **_item_input(form))
        except (Conflict, ValidationError) as exc:
            refusal_onto(form, exc, reverse("assessments:cycle", args=[pk]))
        else:
            messages.success(request, _("Item added."))
            return redirect("assessments:cycle", pk)
    return _cycle_page(request, pk, item_form=form)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = indicator_get_for(actor=request.user, pk=pk)
    if request.method == "POST":
        form = IndicatorForm(request.POST)
        if form.is_valid():
            try:
                services.indicator_save(actor=request.user, cycle=item.cycle, indicator=item,
                                        ip=client_ip(request), **_item_input(form))
            except (Conflict, ValidationError) as exc:
                refusal_onto(form, exc, reverse("assessments:indicator", args=[pk]))
            else:
                messages.success(request, _("Item saved."))
                return redirect("assessments:cycle", item.cycle_id)
    else:
        form = IndicatorForm(initial={
            "tree_version": item.cycle.tree_version, "dimension": item.dimension,
            "title": item.title, "guidance": item.guidance, "weight": item.weight,
            "method": item.method, "rule": item.rule, "target": item.target,
            "position": item.position})
    return render(request, "assessments/indicator_form.html", {"item": item, "form": form,
                                                                "editor": is_tree_editor(request.user)})


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = indicator_get_for(actor=request.user, pk=pk)
    form = TreeVersionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.indicator_delete(actor=request.user, indicator=item, ip=client_ip(request),
                                  expected_tree_version=form.cleaned_data["tree_version"])
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Item removed."))
    return redirect("assessments:cycle", item.cycle_id)


@login_required
@require_POST
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for(actor=request.user, pk=pk)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.assessment_start(actor=request.user, cycle=cycle,
                                                   kind=form.cleaned_data["kind"],
                                                   ip=client_ip(request))
        except (Conflict, ValidationError) as exc:
            refusal_onto(form, exc, reverse("assessments:cycle", args=[pk]))
        else:
            return redirect("assessments:detail", assessment.pk)
    return _cycle_page(request, pk, start_form=form)


# --- one assessment ----------------------------------------------------------------------------
def _assessment_page(request: HttpRequest, pk: int, *, bound: dict[tuple[int, str], Any]
                     | None = None, action_form: Any = None) -> HttpResponse:
    assessment = assessment_get_for(actor=request.user, pk=pk)
    user = request.user
    bound = bound or {}
    community_turn = (assessment.editable_by_community
                      and may_self_assess(user, assessment.community_id))
    review_turn = assessment.status == Assessment.Status.SUBMITTED and is_reviewer(user)
    scores = list(assessment.scores.all())
    for s in scores:  # each item carries its forms to the template (a bound one kept)
        extra = {
            "open_to_community": community_turn and s.review != Score.Review.ACCEPTED and (
                assessment.status == Assessment.Status.DRAFT
                or s.review == Score.Review.RETURNED),
            "self_form": bound.get((s.pk, "self")) or SelfScoreForm(
                prefix=f"s{s.pk}", initial={"version": s.version, "self_score": s.self_score,
                                            "self_note": s.self_note}),
            "evidence_form": bound.get((s.pk, "evidence")) or EvidenceForm(prefix=f"e{s.pk}"),
            "review_form": bound.get((s.pk, "review")) or ReviewForm(
                prefix=f"r{s.pk}", initial={
                    "version": s.version, "verdict": Score.Review.ACCEPTED,
                    "review_score": s.review_score if s.review_score is not None
                    else s.self_score, "review_note": s.review_note})}
        for name, value in extra.items():
            setattr(s, name, value)
    reviews = {s.review for s in scores}
    return render(request, "assessments/detail.html", {
        "a": assessment, "dimensions": by_dimension(scores),
        "self_total": sum((s.self_score or 0) for s in scores),
        "review_total": sum((s.review_score or 0) for s in scores),
        "community_turn": community_turn, "review_turn": review_turn,
        "can_send_back": review_turn and Score.Review.PENDING not in reviews
        and Score.Review.RETURNED in reviews,
        "can_conclude": review_turn and reviews == {Score.Review.ACCEPTED},
        "action_form": action_form or VersionForm(initial={"version": assessment.version}),
        "reviewer": is_reviewer(user)})


@login_required
@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _assessment_page(request, pk)


def _item_post(request: HttpRequest, pk: int, score_pk: int, kind: str, form: Any,
               call: Callable[[Score, dict[str, Any]], Any], done: str) -> HttpResponse:
    score = score_get_for(actor=request.user, pk=score_pk, assessment=pk)
    if form.is_valid():
        try:
            call(score, dict(form.cleaned_data))
        except (Conflict, ValidationError) as exc:
            refusal_onto(form, exc, reverse("assessments:detail", args=[pk]))
        else:
            messages.success(request, done)
            return redirect(f"{reverse('assessments:detail', args=[pk])}#item-{score_pk}")
    return _assessment_page(request, pk, bound={(score_pk, kind): form})


@login_required
@require_POST
def score_self(request: HttpRequest, pk: int, score_pk: int) -> HttpResponse:
    def call(score: Score, data: dict[str, Any]) -> Any:
        return services.score_self(actor=request.user, score=score,
                                   expected_version=data["version"],
                                   self_score=data["self_score"], self_note=data["self_note"],
                                   ip=client_ip(request))
    return _item_post(request, pk, score_pk, "self",
                      SelfScoreForm(request.POST, prefix=f"s{score_pk}"), call, _("Item saved."))


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int, score_pk: int) -> HttpResponse:
    def call(score: Score, data: dict[str, Any]) -> Any:
        return services.evidence_add(actor=request.user, score=score, kind=data["kind"],
                                     label=data["label"], file=data["file"],
                                     record_id=data["record_id"], ip=client_ip(request))
    return _item_post(request, pk, score_pk, "evidence",
                      EvidenceForm(request.POST, request.FILES, prefix=f"e{score_pk}"), call,
                      _("Evidence added."))


@login_required
@require_POST
def score_review(request: HttpRequest, pk: int, score_pk: int) -> HttpResponse:
    def call(score: Score, data: dict[str, Any]) -> Any:
        return services.score_review(actor=request.user, score=score,
                                     expected_version=data["version"], verdict=data["verdict"],
                                     review_score=data["review_score"],
                                     review_note=data["review_note"], ip=client_ip(request))
    return _item_post(request, pk, score_pk, "review",
                      ReviewForm(request.POST, prefix=f"r{score_pk}"), call, _("Review saved."))


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = evidence_get_for(actor=request.user, pk=pk)
    assessment_pk = evidence.score.assessment_id
    try:
        services.evidence_remove(actor=request.user, evidence=evidence, ip=client_ip(request))
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(f"{reverse('assessments:detail', args=[assessment_pk])}"
                    f"#item-{evidence.score_id}")


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = evidence_get_for(actor=request.user, pk=pk)
    if not evidence.file:
        raise Http404
    services.evidence_download(actor=request.user, evidence=evidence, ip=client_ip(request))
    name = (evidence.file.name or "").rsplit("/", 1)[-1]
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name,
                            content_type=mimetypes.guess_type(name)[0]
                            or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response


def _whole(name: str, done: Any) -> Callable[[HttpRequest, int], HttpResponse]:
    service = getattr(services, name)

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        assessment = assessment_get_for(actor=request.user, pk=pk)
        form = VersionForm(request.POST)
        if form.is_valid():
            kwargs: dict[str, Any] = {"actor": request.user, "assessment": assessment,
                                      "ip": client_ip(request)}
            if name != "assessment_measure":
                kwargs["expected_version"] = form.cleaned_data["version"]
            try:
                service(**kwargs)
            except (Conflict, ValidationError) as exc:
                refusal_onto(form, exc, reverse("assessments:detail", args=[pk]))
            else:
                messages.success(request, done)
                return redirect("assessments:detail", pk)
        return _assessment_page(request, pk, action_form=form)
    view.__name__ = name
    return view


assessment_submit = _whole("assessment_submit", gettext_lazy("Self-assessment submitted for review."))
assessment_send_back = _whole("assessment_send_back", gettext_lazy("Returned items sent back to the "
                                                        "community."))
assessment_conclude = _whole("assessment_conclude", gettext_lazy("Assessment concluded."))
assessment_measure = _whole("assessment_measure", gettext_lazy("Items read from the records again."))

