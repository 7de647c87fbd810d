"""Files of a case: attachments (permission-checked, audited), agreement DOCX/PDF, unmasking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from fazhi.core.http import AuthedRequest, client_ip

from ..documents import agreement_docx, agreement_pdf
from ..services import reads


@login_required
def attachment_download(request: AuthedRequest, pk: int, attachment_id: int) -> FileResponse:
    attachment = reads.attachment_download(actor=request.user, case_pk=pk,
                                           attachment_id=attachment_id, ip=client_ip(request))
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.name, content_type=attachment.content_type)


@login_required
def authorisation_document(request: AuthedRequest, pk: int, auth_id: int) -> FileResponse:
    """The scanned 授权委托书: only for those who may read the case; every download audited."""
    auth = reads.authorisation_download(actor=request.user, case_pk=pk, auth_id=auth_id,
                                        ip=client_ip(request))
    name = (auth.document.name or "").rsplit("/", 1)[-1]
    return FileResponse(auth.document.open("rb"), as_attachment=True, filename=name)


def _agreement(request: AuthedRequest, pk: int):
    return reads.agreement_export(actor=request.user, case_pk=pk, ip=client_ip(request))


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
    party, id_number, mobile = reads.party_unmask(actor=request.user, case_pk=pk,
                                                  party_id=party_id, ip=client_ip(request))
    return render(request, "cases/_unmasked.html", {
        "party": party, "id_number": id_number, "mobile": mobile})
