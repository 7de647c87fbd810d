"""Staff pages: queues, intake, the case page and its transitions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.http import AuthedRequest
from fazhi.core.queryparams import per_page

from .. import forms as f
from .. import selectors, services
from ..access import APPROVER_ROLES, require_reader, require_writer
from ..errors import CaseConflict
from ..models import Case
from .actions import ACTIONS, RECORD_ACTIONS, action_forms
from .filters import filter_fields
from .form_support import apply_errors, community_choices, conflict_message
from .paging import CAP, queue_page
from .queue_table import column_labels, queue_rows_html

PER_PAGE = 25


def per_page_of(request: AuthedRequest, default: int) -> int:
    return per_page(request.GET, default)


@login_required
def case_list(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    queue = request.GET.get("queue", "all")
    queue = queue if queue in selectors.QUEUES else "all"
    form = f.QueueFilterForm(request.GET or None, communities=community_choices(request.user))
    filters = ({k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
               if form.is_valid() else {})
    cases = selectors.case_list_for(actor=request.user, queue=queue, **filters)
    shown = tuple(key for key in selectors.QUEUES
                  if key != "community" or request.user.community_id)
    matching = selectors.case_matches_capped(actor=request.user, queue=queue, cap=CAP,
                                             cases=cases, **filters)
    counts = selectors.queue_counts(actor=request.user, only=shown, matching=matching)
    page = queue_page(cases, page=request.GET.get("page"),
                      per_page=per_page_of(request, PER_PAGE), count=counts.pop("matching"))
    query = request.GET.copy()
    query.pop("page", None)
    labels = {"mine": _("Mine"), "community": _("My community"), "unassigned": _("Unassigned"),
              "due_soon": _("Due soon"), "overdue": _("Overdue"), "all": _("All")}
    tabs = [(key, labels[key], counts.get(key)) for key in shown]
    now = timezone.now()
    labels = column_labels()
    return render(request, "cases/list.html", {
        "form": form, "filter_fields": filter_fields(form), "page": page,
        "rows": queue_rows_html(page, now=now, soon=now + selectors.SOON, labels=labels),
        "columns": labels.values(), "queue": queue,
        "query": query.urlencode(), "queue_tabs": tabs,
        "filtering": bool(form.errors) or any(k != "q" for k in filters),
    })


def _intake_parties(formset: Any) -> list[dict[str, Any]]:
    return [form.cleaned_data for form in formset.forms
            if form.cleaned_data and form.cleaned_data.get("name")]


@login_required
def case_new(request: AuthedRequest) -> HttpResponse:
    require_writer(request.user)
    communities = community_choices(request.user)
    form = f.IntakeForm(request.POST or None, communities=communities,
                        initial={"community": request.user.community_id})
    formset = f.PartyFormSet(request.POST or None, prefix="party",
                             initial=[{"role": "applicant"}, {"role": "respondent"}])
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("token")
        community_id = data.pop("community")
        from fazhi.org.selectors import communities_for

        community = communities_for(actor=request.user).filter(pk=community_id).first()
        try:
            case, created = services.case_create(
                actor=request.user, community=community, parties=_intake_parties(formset),
                idempotency_key=f"form:{request.user.pk}:{token}", **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Case %(number)s registered. Tracking code for the "
                                            "resident: %(code)s") % {"number": case.number,
                                                                     "code": case.tracking_code})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/new.html", {"form": form, "formset": formset})


def render_case(request: AuthedRequest, pk: int, bound: dict[str, Any] | None = None,
                status: int = 200, extra: dict[str, Any] | None = None) -> HttpResponse:
    page = selectors.case_page_for(actor=request.user, pk=pk)
    case: Case = page["case"]
    page["forms"] = action_forms(case, bound or {})
    page["actions"] = [(name, ACTIONS[name].label, form) for name, form in page["forms"].items()
                       if name not in ("session", "agreement", "confirmation", "mode",
                                       "authorisation")]
    page["record_forms"] = {name: (bound or {}).get(name) or spec.form()
                            for name, spec in RECORD_ACTIONS.items()}
    page["earlier"] = selectors.earlier_cases_for(actor=request.user, case=case)
    page["duplicates"] = selectors.duplicates_for(actor=request.user, case=case)
    page["now"] = timezone.now()
    page["soon"] = timezone.now() + selectors.SOON
    page["can_write"] = request.user.can_write
    from ..documents import dossier_checklist

    page["dossier"] = dossier_checklist(case, page)
    pending = page["extension_pending"]
    page["may_decide"] = request.user.role in APPROVER_ROLES
    if pending is not None and page["may_decide"]:
        page["decision_form"] = f.ExtensionDecisionForm(initial={"version": pending.version})
    page.update(extra or {})
    return render(request, "cases/detail.html", page, status=status)


@login_required
def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return render_case(request, pk)


@login_required
@require_POST
def case_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    case = selectors.case_get_for(actor=request.user, pk=pk)
    require_writer(request.user)
    record = action in RECORD_ACTIONS
    spec = RECORD_ACTIONS.get(action) or ACTIONS.get(action)
    if spec is None:
        return HttpResponse(status=404)
    form = spec.form(request.POST, request.FILES, **spec.form_kwargs(case))
    if form.is_valid():
        data = dict(form.cleaned_data)
        if record:
            data["target"] = request.POST.get("target")
        try:
            spec.run(request.user, case, data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except CaseConflict as exc:
            conflict_message(request, exc)
            return render_case(request, pk, status=409)
        else:
            messages.success(request, spec.done)
            return redirect("cases:detail", pk=pk)
    if record:  # a record's form is repeated per record: say it at the top as well
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    return render_case(request, pk, bound={action: form}, status=422)
