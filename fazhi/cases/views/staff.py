"""Staff pages: queues, intake, the case page and its transitions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import conflict_onto, errors_onto
from fazhi.core.http import AuthedRequest
from fazhi.core.queryparams import per_page
from fazhi.org.selectors import communities_for, community_choices

from .. import forms as f
from .. import selectors, services
from ..access import APPROVER_ROLES, require_reader, require_writer
from ..actions import ACTIONS, perform
from ..models import Case
from .filters import filter_fields
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
    form = f.QueueFilterForm(request.GET or None, communities=community_choices(actor=request.user))
    filters = form.filters()
    cases = selectors.case_list_for(actor=request.user, queue=queue, **filters)
    shown = tuple(key for key in selectors.QUEUES
                  if key != "community" or request.user.community_id)
    matching = selectors.case_matches_capped(actor=request.user, queue=queue, cap=CAP,
                                             cases=cases, **filters)
    counts = selectors.queue_counts(actor=request.user, only=(*shown, "unread"),
                                    matching=matching)
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
        "inbox_unread": counts["unread"],  # the navigation's badge, counted in the same trip
    })


def _intake_forms(formset: Any) -> list[Any]:
    """The party forms filled in, in order: ``parties.<n>`` of the service's refusals."""
    return [form for form in formset.forms if form.cleaned_data and form.cleaned_data.get("name")]


def _parties_onto(form: Any, filled: list[Any], exc: ValidationError) -> None:
    """The service's refusal beside its field: ``parties.<n>.<field>`` on that party's form."""
    if not hasattr(exc, "error_dict"):
        errors_onto(form, exc)
        return
    rest = {}
    for key, errors in exc.error_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "parties" and parts[1].isdigit() \
                and int(parts[1]) < len(filled) and parts[2] in filled[int(parts[1])].fields:
            filled[int(parts[1])].add_error(parts[2], errors)
        else:
            rest[key] = errors
    if rest:
        errors_onto(form, ValidationError(rest))


@login_required
def case_new(request: AuthedRequest) -> HttpResponse:
    require_writer(request.user)
    communities = community_choices(actor=request.user)
    form = f.IntakeForm(request.POST or None, communities=communities,
                        initial={"community": request.user.community_id})
    formset = f.PartyFormSet(request.POST or None, prefix="party",
                             initial=[{"role": "applicant"}, {"role": "respondent"}])
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("token")
        community_id = data.pop("community")
        community = communities_for(actor=request.user).filter(pk=community_id).first()
        filled = _intake_forms(formset)
        try:
            case, created = services.case_create(
                actor=request.user, community=community,
                parties=[party.cleaned_data for party in filled],
                idempotency_key=f"form:{request.user.pk}:{token}", **data)
        except ValidationError as exc:
            _parties_onto(form, filled, exc)
        else:
            if created:
                messages.success(request, _("Case %(number)s registered. Tracking code for the "
                                            "resident: %(code)s") % {"number": case.number,
                                                                     "code": case.tracking_code})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/new.html", {"form": form, "formset": formset})


def render_case(request: AuthedRequest, pk: int, bound: dict[str, Any] | None = None,
                status: int = 200, extra: dict[str, Any] | None = None) -> HttpResponse:
    """The case page: state, deadline and this user's next actions first (the registry's, for
    this case now, primary first), then the record. A refused action's bound form is shown
    with its messages and input, even when it is no longer on offer."""
    page = selectors.case_page_for(actor=request.user, pk=pk)
    case: Case = page["case"]
    bound = bound or {}
    now = timezone.now()
    offered = ACTIONS.for_target(request.user, case)
    offered += [a for a in ACTIONS if a.name in bound and a not in offered]
    forms = {a.name: bound.get(a.name) or a.bind(actor=request.user, target=case)
             for a in offered}
    page["forms"] = forms
    page["actions"] = [(a.name, a.label, forms[a.name], a.is_primary(case)) for a in offered
                       if a.section == "actions"]
    page["record_forms"] = {a.name: forms[a.name] for a in offered if a.section == "record"}
    page["earlier"] = selectors.earlier_cases_for(actor=request.user, case=case)
    page["duplicates"] = selectors.duplicates_for(actor=request.user, case=case)
    page["now"] = now
    page["soon"] = now + selectors.SOON
    page["countdown"] = selectors.countdown_for(case, page["deadlines"], now, selectors.SOON)
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
    """One action of the registry, carried out as the API carries it out (actions.perform)."""
    case = selectors.case_get_for(actor=request.user, pk=pk)
    spec = ACTIONS.get(action)
    if spec is None:
        return HttpResponse(status=404)
    form = spec.bind(actor=request.user, target=case, data=request.POST, files=request.FILES)
    try:
        perform(spec, actor=request.user, target=case, form=form)
    except ValidationError as exc:
        if form.is_valid():  # the service refused: its messages go beside the fields
            errors_onto(form, exc)
        status = 422
    except Conflict as exc:
        conflict_onto(form, exc, reverse("cases:detail", args=[pk]))
        status = 409
    else:
        messages.success(request, spec.done)
        return redirect("cases:detail", pk=pk)
    if spec.section == "record":  # a record's form is repeated per record: say it on top too
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    return render_case(request, pk, bound={action: form}, status=status)
