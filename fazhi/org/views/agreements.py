"""Agreements: list (ending soon), detail, create and edit with the scanned document, and the
permission-checked, audited document download."""

from __future__ import annotations

import datetime as dt
import mimetypes
import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.conflicts import StaleVersion
from fazhi.core.formerrors import conflict_onto, errors_onto
from fazhi.core.http import client_ip
from fazhi.core.roles import require_reader
from fazhi.org import selectors, services
from fazhi.org.forms import AgreementFilterForm, AgreementForm

from .paging import cleaned, page_of

_FIELDS = ("title", "kind", "region", "signed_on", "starts_on", "ends_on", "note")


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    form = AgreementFilterForm(request.GET or None)
    filters = cleaned(form)
    if filters.pop("ending", False):
        filters["ending_within"] = selectors.ENDING_SOON_DAYS
    agreements = selectors.agreement_list_for(actor=request.user, **filters)
    page, query = page_of(request, agreements)
    return render(request, "org/agreement_list.html", {
        "page": page, "query": query, "filter_form": form, "today": timezone.localdate(),
        "soon": timezone.localdate() + dt.timedelta(days=selectors.ENDING_SOON_DAYS),
        "can_create": request.user.can_write,  # type: ignore[union-attr]
    })


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get_for(actor=request.user, pk=pk)
    return render(request, "org/agreement_detail.html", {
        "agreement": agreement, "today": timezone.localdate(),
        "soon": timezone.localdate() + dt.timedelta(days=selectors.ENDING_SOON_DAYS),
        "can_edit": selectors.can_edit(actor=request.user, obj=agreement),
        "document_name": os.path.basename(agreement.document.name or "") if agreement.document else "",
    })


@login_required
def agreement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agreement = selectors.agreement_get_for(actor=request.user, pk=pk) if pk else None
    if not request.user.can_write or (  # type: ignore[union-attr]
            agreement is not None and not selectors.can_edit(actor=request.user, obj=agreement)):
        raise PermissionDenied
    initial: dict = {}
    if agreement is not None:
        initial = {f: getattr(agreement, f) for f in _FIELDS}
        initial["parties"] = list(agreement.parties.all())
        initial["version"] = agreement.version
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial,
                         actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in _FIELDS}
        data["document"] = form.cleaned_data["document"] or None
        parties = list(form.cleaned_data["parties"])
        try:
            if agreement is None:
                agreement = services.agreement_create(actor=request.user, parties=parties,
                                                      ip=client_ip(request), **data)
            else:
                agreement = services.agreement_update(
                    actor=request.user, agreement=agreement, parties=parties,
                    ip=client_ip(request), expected_version=form.cleaned_data["version"] or 0,
                    **data)
        except StaleVersion:
            conflict_onto(form, None, request.path)
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:agreement_detail", agreement.pk)
    return render(request, "org/form.html", {
        "form": form, "obj": agreement, "multipart": True,
        "heading": _("Edit agreement") if agreement else _("New agreement"),
        "back": (reverse("org:agreement_detail", args=[agreement.pk]) if agreement
                 else reverse("org:agreements")),
    })


@login_required
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    agreement = selectors.agreement_get_for(actor=request.user, pk=pk)
    if not agreement.document:
        raise Http404
    handle = services.agreement_document_open(actor=request.user, agreement=agreement,
                                              ip=client_ip(request))
    name = os.path.basename(agreement.document.name or "")
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response
