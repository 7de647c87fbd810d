"""Audited reads: a file downloaded, personal data unmasked, a list exported. Each looks its
records up in the actor's scope (404 outside) and writes its audit entry, so the page and any
later API call share one rule; the view only shapes the response."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.crypto import decrypt

from ..models import Agreement, Attachment, Authorisation, Party
from ..selectors.cases import case_get_for


def attachment_download(*, actor: Any, case_pk: int, attachment_id: int,
                        ip: str = "") -> Attachment:
    case = case_get_for(actor=actor, pk=case_pk)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    audit_record(actor=actor, action="view", obj=attachment, object_repr=str(case),
                 detail=f"download {attachment.name}", ip=ip)
    return attachment


def authorisation_download(*, actor: Any, case_pk: int, auth_id: int,
                           ip: str = "") -> Authorisation:
    """The scanned 授权委托书: only for those who may read the case."""
    case = case_get_for(actor=actor, pk=case_pk)
    auth = case.authorisations.filter(pk=auth_id).exclude(document="").first()
    if auth is None:
        raise Http404
    audit_record(actor=actor, action="view", obj=auth, object_repr=str(case),
                 detail="download scanned authorisation", ip=ip)
    return auth


def agreement_export(*, actor: Any, case_pk: int, ip: str = "") -> Agreement:
    """The mediation agreement, for its Word or PDF document."""
    case = case_get_for(actor=actor, pk=case_pk)
    agreement = Agreement.objects.filter(case=case).first()
    if agreement is None:
        raise Http404
    audit_record(actor=actor, action="export", obj=case, detail="mediation agreement", ip=ip)
    return agreement


def party_unmask(*, actor: Any, case_pk: int, party_id: int,
                 ip: str = "") -> tuple[Party, str, str]:
    """A party with its ID number and mobile in full, for roles that may unmask."""
    case = case_get_for(actor=actor, pk=case_pk)
    if not actor.can_unmask:
        raise PermissionDenied
    party = case.parties.filter(pk=party_id).first()
    if party is None:
        raise Http404
    audit_record(actor=actor, action="unmask", obj=case, object_repr=party.name,
                 detail=_("party personal data"), ip=ip)
    return party, decrypt(party.id_enc), decrypt(party.mobile_enc)


def case_export(*, actor: Any, fmt: str, query: str, ip: str = "") -> None:
    """Record that the actor exported the (scoped, filtered) case list."""
    audit_record(actor=actor, action="export", object_type="cases.case",
                 object_repr=f"cases {fmt}", detail=query[:300], ip=ip)


def statistics_export(*, actor: Any, ip: str = "") -> None:
    audit_record(actor=actor, action="export", object_type="cases.statistics",
                 object_repr="statistics xlsx", ip=ip)
