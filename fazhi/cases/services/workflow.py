"""One service per transition of the state machine (services/machine.py).

Each locks the case, checks the version the actor saw, checks the machine, changes the case,
writes the timeline event and the audit entry — all in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.textlimits import text_limit
from fazhi.inbox import services as inbox

from ..access import case_scope, require_reader, require_writer
from ..errors import stale_case
from ..models import OPEN_STATES, Case, Event, ExtensionRequest
from .deadlines import refresh_due
from .machine import target
from .search import search_index


def case_lock(*, actor: Any, case: Case, expected_version: int | None,
              roles: frozenset[str] | None = None) -> Case:
    """The case row, locked for this transaction, if the actor may write it (or, given
    ``roles``, holds one of them: an approval) and nobody else changed it since
    ``expected_version`` (None: the caller re-read it just now)."""
    if roles is None:
        require_writer(actor)
    else:
        require_reader(actor)
        if actor.role not in roles:
            raise PermissionDenied
    locked = Case.objects.select_for_update().filter(case_scope(actor), pk=case.pk).first()
    if locked is None:
        raise PermissionDenied
    if expected_version is not None and locked.version != expected_version:
        raise stale_case()
    return locked


def require_text(value: str, field: str, message: str) -> str:
    """``value`` stripped; refused when empty or longer than a timeline entry holds (each such
    text is written to the timeline, which ``Event.objects.create`` does not validate)."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    try:
        MaxLengthValidator(text_limit(Event, "text"))(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    return value


def notify(*, user: Any, case: Case, key: str, text: str) -> None:
    """Notify ``user`` about ``case`` (once per case and key) through the one inbox."""
    inbox.notify(user=user, topic=inbox.Topic.CASE, subject_id=case.pk, key=f"{case.pk}:{key}",
                 text=text)


def transition_save(*, actor: Any, case: Case, action: str, from_state: str,
                    reason: str = "", public_text: str = "", changes: dict | None = None,
                    reindex: bool = False) -> Case:
    """Save a changed case, add its timeline event(s) and the audit entry."""
    case.version += 1
    refresh_due(case)
    case.full_clean()
    case.save()
    now = timezone.now()
    if reason:
        Event.objects.create(case=case, at=now, actor=actor, action=action,
                             from_state=from_state, to_state=case.state, text=reason)
    if public_text:
        Event.objects.create(case=case, at=now, actor=actor, action=action,
                             from_state=from_state, to_state=case.state, text=public_text,
                             public=True)
    if not reason and not public_text:
        Event.objects.create(case=case, at=now, actor=actor, action=action,
                             from_state=from_state, to_state=case.state)
    if reindex:
        search_index(case)
    audit_record(actor=actor, action="transition", obj=case,
                 changes={"state": [from_state, case.state], **(changes or {})},
                 detail=f"{action}: {reason}"[:300])
    if from_state in OPEN_STATES and case.state not in OPEN_STATES:
        _lapse_pending_extensions(actor=actor, case=case, now=now)
    return case


def _lapse_pending_extensions(*, actor: Any, case: Case, now: Any) -> None:
    """A case that ends (concluded, merged) has no deadline left to extend: a request still
    awaiting approval lapses, so it leaves the approvers' list, and the requester is told."""
    pending = ExtensionRequest.Status.PENDING
    for request in ExtensionRequest.objects.select_for_update().filter(case=case,
                                                                        status=pending):
        request.status, request.decided_at = ExtensionRequest.Status.LAPSED, now
        request.decision_note = _("The case ended before a decision.")
        request.version += 1
        request.save(update_fields=["status", "decided_at", "decision_note", "version"])
        audit_record(actor=actor, action="update", obj=request,
                     changes={"status": [pending, request.status]},
                     detail=request.decision_note)
        notify(user=request.requested_by, case=case, key=f"extension:{request.pk}",
               text=_("Case %(number)s ended: your extension request lapsed.")
               % {"number": case.number})


def transition_begin(*, actor: Any, case: Case, expected_version: int | None,
                     action: str, roles: frozenset[str] | None = None) -> tuple[Case, str, str]:
    locked = case_lock(actor=actor, case=case, expected_version=expected_version, roles=roles)
    before = locked.state
    locked.state = target(locked, action)
    return locked, before, locked.state


@transaction.atomic
def case_note_add(*, actor: Any, case: Case, text: str, public: bool = False) -> Event:
    """A note on the timeline (internal), or a reply the resident sees (public)."""
    locked = case_lock(actor=actor, case=case, expected_version=None)
    text = require_text(text, "text", _("Write the note."))
    now = timezone.now()
    event = Event.objects.create(case=locked, at=now, actor=actor,
                                 action="reply" if public else "note", text=text, public=public)
    if public and locked.first_response_at is None:
        Case.objects.filter(pk=locked.pk).update(first_response_at=now)
    search_index(locked)
    audit_record(actor=actor, action="update", obj=locked,
                 detail="public reply" if public else "internal note")
    return event
