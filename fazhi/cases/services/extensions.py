"""Two-step deadline extensions: a handler requests, the head of the body decides.

The rule's limits (petitions: once, at most 30 days) are checked when the request is made and
again when it is approved, by the one check in deadlines.py; approving runs the extension
service itself (routing.extend_approved), so the due date, the timeline and the audit entry
are those of every extension.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import Conflict, StaleVersion

from ..access import APPROVER_ROLES, case_scope, require_reader
from ..models import Case, Event, ExtensionRequest
from .deadlines import deadline_extension_check
from .machine import target
from .routing import extend_approved
from .workflow import case_lock, notify, require_text

PENDING = ExtensionRequest.Status.PENDING


@transaction.atomic
def extension_request(*, actor: Any, case: Case, days: int, reason: str) -> ExtensionRequest:
    """Ask for ``days`` more on the case's handling deadline; one pending request at a time."""
    reason = require_text(reason, "reason", _("Say why the deadline should be extended."))
    locked = case_lock(actor=actor, case=case, expected_version=None)
    target(locked, "extend")
    deadline = deadline_extension_check(case=locked, amount=days)
    if ExtensionRequest.objects.filter(deadline=deadline, status=PENDING).exists():
        raise Conflict(_("An extension of this deadline already awaits approval; wait for "
                             "the decision before asking again."))
    now = timezone.now()
    request = ExtensionRequest(case=locked, deadline=deadline, days=days, reason=reason,
                               requested_by=actor, requested_at=now)
    request.full_clean()
    request.save()
    Event.objects.create(case=locked, at=now, actor=actor, action="extension_request",
                         text=_("%(days)d more: %(reason)s") % {"days": days, "reason": reason})
    audit_record(actor=actor, action="create", obj=request,
                 changes={"days": days, "deadline": deadline.pk}, detail=reason[:300])
    return request


def _lock_pending(*, actor: Any, pk: int, expected_version: int | None) -> ExtensionRequest:
    require_reader(actor)
    request = (ExtensionRequest.objects.select_for_update()
               .filter(case__in=Case.objects.filter(case_scope(actor)), pk=pk)
               .select_related("case", "requested_by").first())
    if request is None:
        raise Http404
    if actor.role not in APPROVER_ROLES:
        raise PermissionDenied
    if request.status != PENDING:
        raise Conflict(_("This extension request was already %(decision)s.")
                           % {"decision": request.get_status_display().lower()})
    if expected_version is not None and request.version != expected_version:
        raise StaleVersion
    return request


def _decide(*, actor: Any, request: ExtensionRequest, status: str, note: str) -> None:
    request.status, request.decided_by, request.decided_at = status, actor, timezone.now()
    request.decision_note = note
    request.version += 1
    request.full_clean()
    request.save()
    audit_record(actor=actor, action="update", obj=request,
                 changes={"status": [PENDING, status]}, detail=note[:300])


@transaction.atomic
def extension_approve(*, actor: Any, pk: int, expected_version: int | None,
                      note: str = "") -> ExtensionRequest:
    """Approve: the deadline is extended (rule checked again), the resident is told why."""
    request = _lock_pending(actor=actor, pk=pk, expected_version=expected_version)
    extend_approved(actor=actor, case=request.case, expected_version=None, amount=request.days,
                    reason=request.reason, approved_by=actor, by_approver=True)
    _decide(actor=actor, request=request, status=ExtensionRequest.Status.APPROVED,
            note=(note or "").strip())
    notify(user=request.requested_by, case=request.case, key=f"extension:{request.pk}",
           text=_("Case %(number)s: your extension of %(days)d was approved.")
           % {"number": request.case.number, "days": request.days})
    return request


@transaction.atomic
def extension_refuse(*, actor: Any, pk: int, expected_version: int | None,
                     note: str) -> ExtensionRequest:
    """Refuse with a note; the requester is notified in-app, the deadline stays."""
    request = _lock_pending(actor=actor, pk=pk, expected_version=expected_version)
    note = require_text(note, "note", _("Say why the extension is refused."))
    case_lock(actor=actor, case=request.case, expected_version=None, roles=APPROVER_ROLES)
    _decide(actor=actor, request=request, status=ExtensionRequest.Status.REFUSED, note=note)
    Event.objects.create(case=request.case, at=timezone.now(), actor=actor,
                         action="extension_refused", text=note)
    notify(user=request.requested_by, case=request.case, key=f"extension:{request.pk}",
           text=_("Case %(number)s: your extension was refused: %(note)s")
           % {"number": request.case.number, "note": note})
    return request

