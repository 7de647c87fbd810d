"""Deadline extension requests: the approvers' list and their decision on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import conflict_onto
from fazhi.core.http import AuthedRequest

from .. import forms as f
from .. import selectors, services
from ..access import APPROVER_ROLES, require_reader
from .staff import render_case


@login_required
def extension_list(request: AuthedRequest) -> HttpResponse:
    require_reader(request.user)
    pending = list(selectors.extension_requests_pending_for(actor=request.user)[:200])
    return render(request, "cases/extensions.html", {
        "pending": pending, "may_decide": request.user.role in APPROVER_ROLES})


@login_required
@require_POST
def extension_decide(request: AuthedRequest, pk: int, request_id: int,
                     decision: str) -> HttpResponse:
    selectors.case_get_for(actor=request.user, pk=pk)  # 404 outside the actor's scope
    if decision not in ("approve", "refuse"):
        return HttpResponse(status=404)
    if request.user.role not in APPROVER_ROLES:
        raise PermissionDenied
    form = f.ExtensionDecisionForm(request.POST)
    if form.is_valid():
        service = services.extension_approve if decision == "approve" else \
            services.extension_refuse
        try:
            service(actor=request.user, pk=request_id,
                    expected_version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error("note", exc.messages)
            return render_case(request, pk, status=422, extra={"decision_form": form})
        except Conflict as exc:
            conflict_onto(form, exc, reverse("cases:detail", args=[pk]))
            return render_case(request, pk, status=409, extra={"decision_form": form})
        messages.success(request, _("Extension approved; the deadline moved.")
                         if decision == "approve" else _("Extension refused."))
        return redirect("cases:detail", pk=pk)
    return render_case(request, pk, status=422, extra={"decision_form": form})
