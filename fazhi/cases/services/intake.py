"""Receiving a case from any channel (staff intake, the public form, the hotline API)."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.identity import (
    clean_mobile,
    normalise_id_number,
    validate_id_number,
)
from fazhi.core.personal import sealed_id_number, sealed_mobile
from fazhi.org.models import Region
from fazhi.org.selectors import communities_for

from ..models import Case, Event, Kind, NumberCounter, Party, Risk, RiskReason, State
from .deadlines import deadlines_start, refresh_due
from .parties import party_facts
from .search import search_index

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RISK_ORDER = [str(Risk.LOW), str(Risk.MEDIUM), str(Risk.HIGH), str(Risk.MAJOR)]
# Kinds whose cases need a follow-up visit before closing (people's mediation practice).
FOLLOW_UP_KINDS = {Kind.DISPUTE, Kind.PETITION}


def _prefix(community: Region | None) -> str:
    if community is not None and community.parent is not None:
        return community.parent.code.upper()
    street = Region.objects.filter(level=Region.Level.SUBDISTRICT).order_by("pk").first()
    return street.code.upper() if street else "FZ"


def number_allocate(*, community: Region | None, year: int) -> str:
    """The next number XM-2026-000123; the counter row is locked, so no two cases share one."""
    prefix = _prefix(community)
    try:
        with transaction.atomic():
            NumberCounter.objects.get_or_create(prefix=prefix, year=year)
    except IntegrityError:  # another request created the row first
        pass
    counter = NumberCounter.objects.select_for_update().get(prefix=prefix, year=year)
    NumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def tracking_code_new() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
        if not Case.objects.filter(tracking_code=code).exists():
            return code


def party_build(case: Case, data: dict[str, Any], index: int) -> Party:
    errors: dict[str, ValidationError] = {}
    id_number = normalise_id_number(data.get("id_number", ""))
    mobile = ""
    if id_number:
        try:
            validate_id_number(id_number)
        except ValidationError as exc:
            errors[f"parties.{index}.id_number"] = exc
    if (data.get("mobile") or "").strip():
        try:
            mobile = clean_mobile(data["mobile"], field=f"parties.{index}.mobile")
        except ValidationError as exc:
            errors.update({name: ValidationError(messages)
                           for name, messages in exc.error_dict.items()})
    if not (data.get("name") or "").strip():
        errors[f"parties.{index}.name"] = ValidationError(_("Enter the party's name."))
    facts: dict[str, Any] = {}
    try:
        facts = party_facts(data, index, id_number if not errors else "")
    except ValidationError as exc:
        errors.update({name: ValidationError(messages)
                       for name, messages in exc.error_dict.items()})
    if errors:
        raise ValidationError(errors)
    return Party(**facts,
        case=case, role=data.get("role", Party.Role.APPLICANT), name=data["name"].strip(),
        is_organisation=bool(data.get("is_organisation")),
        **sealed_id_number(id_number), **sealed_mobile(mobile),
        mobile_last4=mobile[-4:] if mobile else "",
        address=(data.get("address") or "").strip(), vulnerable=bool(data.get("vulnerable")),
    )


def risk_assess(*, chosen: str, reasons: list[str], group_size: int,
                parties: list[Party], repeated: bool) -> tuple[str, list[str]]:
    found = [r for r in reasons if r in RiskReason.values]
    if group_size >= 5:
        found.append(RiskReason.GROUP)
    if any(p.vulnerable for p in parties):
        found.append(RiskReason.VULNERABLE)
    if repeated:
        found.append(RiskReason.REPEATED)
    found = sorted(set(found), key=RiskReason.values.index)
    derived = Risk.LOW
    if RiskReason.VIOLENCE in found and RiskReason.GROUP in found:
        derived = Risk.MAJOR
    elif RiskReason.VIOLENCE in found or len(found) >= 2:
        derived = Risk.HIGH
    elif found:
        derived = Risk.MEDIUM
    chosen = chosen if chosen in Risk.values else Risk.LOW
    level = max(chosen, derived, key=RISK_ORDER.index)
    return level, found


def _repeated(parties: list[Party]) -> bool:
    hashes = [p.id_hash for p in parties if p.id_hash and p.role == Party.Role.APPLICANT]
    hashes += [p.mobile_hash for p in parties if p.mobile_hash and p.role == Party.Role.APPLICANT]
    if not hashes:
        return False
    return (Party.objects.filter(role=Party.Role.APPLICANT, case__kind=Kind.PETITION)
            .filter(id_hash__in=hashes).exists()
            or Party.objects.filter(role=Party.Role.APPLICANT, case__kind=Kind.PETITION)
            .filter(mobile_hash__in=hashes).exists())


@transaction.atomic
def _create(*, actor: Any, parties: list[dict[str, Any]], fields: dict[str, Any],
            idempotency_key: str | None, public_note: str) -> Case:
    received_at = fields.pop("received_at", None) or timezone.now()
    risk_reasons = list(fields.pop("risk_reasons", []) or [])
    chosen_risk = fields.pop("risk", Risk.LOW) or Risk.LOW
    case = Case(**fields, received_at=received_at, idempotency_key=idempotency_key or None,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                number="pending", tracking_code="pending", state=State.RECEIVED)
    case.follow_up_required = case.kind in FOLLOW_UP_KINDS
    if not parties or not any(p.get("role", "applicant") == "applicant" for p in parties):
        raise ValidationError({"parties": _("A case needs at least one applicant.")})
    if len(parties) > Case.MAX_PARTIES:
        raise ValidationError({"parties": _("A case has at most %(num)d parties; list the "
                                            "representatives of a group.")
                               % {"num": Case.MAX_PARTIES}})
    built = [party_build(case, p, i) for i, p in enumerate(parties)]
    case.risk, case.risk_reasons = risk_assess(
        chosen=chosen_risk, reasons=risk_reasons, group_size=case.group_size or 1,
        parties=built, repeated=case.kind == Kind.PETITION and _repeated(built))
    case.full_clean(exclude=["number", "tracking_code"])
    local_year = timezone.localtime(received_at).year
    case.number = number_allocate(community=case.community, year=local_year)
    case.tracking_code = tracking_code_new()
    case.save()
    for party in built:
        party.case = case
        party.save()
    Event.objects.create(case=case, at=timezone.now(), actor=case.created_by, action="create",
                         to_state=State.RECEIVED, public=True,
                         text=public_note or _("Your matter was received."))
    deadlines_start(case=case, clock="received", at=received_at)
    refresh_due(case)
    case.save(update_fields=["due_at"])
    search_index(case)
    audit_record(actor=actor, action="create", obj=case,
                 changes={"kind": case.kind, "channel": case.channel, "risk": case.risk},
                 detail=f"parties={len(built)}")
    return case


def case_create(*, actor: Any, kind: str, channel: str, category: Any, title: str,
                description: str, parties: list[dict[str, Any]], community: Region | None = None,
                address: str = "", source: str = "application", hotline_number: str = "",
                amount: Decimal | None = None, backlog: bool = False, risk: str = Risk.LOW,
                risk_reasons: list[str] | None = None, group_size: int = 1,
                received_at: dt.datetime | None = None, idempotency_key: str | None = None,
                public_note: str = "") -> tuple[Case, bool]:
    """Register a case. With an idempotency key a retry returns the first case: (case, False).
    Staff register cases only in a community they work for (a resident's appeal, made by no
    account, names any community); a form's choice list is not the check, the API skipped it."""
    if (getattr(actor, "is_authenticated", False) and community is not None
            and not communities_for(actor=actor).filter(pk=community.pk).exists()):
        raise PermissionDenied
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    fields = {"kind": kind, "channel": channel, "category": category, "title": title,
              "description": description, "community": community, "address": address,
              "source": source, "hotline_number": hotline_number, "amount": amount,
              "backlog": backlog, "risk": risk, "risk_reasons": risk_reasons or [],
              "group_size": group_size, "received_at": received_at}
    try:
        return _create(actor=actor, parties=parties, fields=fields,
                       idempotency_key=idempotency_key, public_note=public_note), True
    except IntegrityError:
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        raise
