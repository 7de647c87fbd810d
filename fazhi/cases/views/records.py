"""Files of a case: attachments (permission-checked, audited), agreement DOCX/PDF, unmasking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.audit.services import audit_record
from fazhi.core.crypto import decrypt
from fazhi.core.http import AuthedRequest, client_ip

from .. import selectors
from ..documents import agreement_docx, agreement_pdf


@login_required
def attachment_download(request: AuthedRequest, pk: int, attachment_id: int) -> FileResponse:
    case = selectors.case_get_for(actor=request.user, pk=pk)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    audit_record(actor=request.user, action="view", obj=attachment, object_repr=str(case),
                 detail=f"download {attachment.name}", ip=client_ip(request))
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.name, content_type=attachment.content_type)


@login_required
def authorisation_document(request: AuthedRequest, pk: int, auth_id: int) -> FileResponse:
    """The scanned 授权委托书: only for those who may read the case; every download audited."""
    case = selectors.case_get_for(actor=request.user, pk=pk)
    auth = case.authorisations.filter(pk=auth_id).exclude(document="").first()
    if auth is None:
        raise Http404
    audit_record(actor=request.user, action="view", obj=auth, object_repr=str(case),
                 detail="download scanned authorisation", ip=client_ip(request))
    name = (auth.document.name or "").rsplit("/", 1)[-1]
    return FileResponse(auth.document.open("rb"), as_attachment=True, filename=name)


def _agreement(request: AuthedRequest, pk: int):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    agreement = getattr(case, "agreement", None) if hasattr(case, "agreement") else None
    if agreement is None:
        raise Http404
    audit_record(actor=request.user, action="export", obj=case, detail="mediation agreement",
                 ip=client_ip(request))
    return agreement


@login_required
def agreement_word(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    response = HttpResponse(agreement_docx(agreement), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="agreement-{pk}.docx"'
    return response


@login_required
def agreement_print(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    pdf = agreement_pdf(agreement)
    if pdf is None:
        return render(request, "cases/no_font.html", status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agreement-{pk}.pdf"'
    return response


@login_required
@require_POST
def party_unmask(request: AuthedRequest, pk: int, party_id: int) -> HttpResponse:
    case = selectors.case_get_for(actor=request.user, pk=pk)
    if not request.user.can_unmask:
        raise PermissionDenied
    party = case.parties.filter(pk=party_id).first()
    if party is None:
        raise Http404
    audit_record(actor=request.user, action="unmask", obj=case, object_repr=party.name,
                 detail=_("party personal data"), ip=client_ip(request))
    return render(request, "cases/_unmasked.html", {
        "party": party, "id_number": decrypt(party.id_enc), "mobile": decrypt(party.mobile_enc)})
