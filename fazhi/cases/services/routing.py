"""Transitions that move an open case along: accept, assign, refer, escalate, extend, pause."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict
from fazhi.core.roles import WRITER_ROLES
from fazhi.org.models import Unit
from fazhi.org.selectors import unit_choices

from ..access import APPROVER_ROLES, SUPERVISOR_ROLES, require_taker
from ..models import Case, State
from .deadlines import (
    deadline_extend,
    deadlines_meet,
    deadlines_pause,
    deadlines_resume,
    deadlines_start,
)
from .workflow import notify, require_text, transition_begin, transition_save


@transaction.atomic
def case_accept(*, actor: Any, case: Case, expected_version: int | None,
                note: str = "") -> Case:
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="accept")
    return _accepted(actor=actor, case=case, before=before, note=note)


def _accepted(*, actor: Any, case: Case, before: str, note: str = "") -> Case:
    now = timezone.now()
    case.state = State.ACCEPTED
    case.accepted_at = now
    case.first_response_at = case.first_response_at or now
    deadlines_meet(case=case, at=now, clock="received")
    deadlines_start(case=case, clock="accepted", at=now)
    return transition_save(actor=actor, case=case, action="accept", from_state=before,
                           reason=note, public_text=_("Your matter was accepted."))


# The bodies a case is referred to (三方联动); the page offers these, the API may name any id.
REFERRAL_KINDS = (Unit.Kind.POLICE_STATION, Unit.Kind.COURT_TRIBUNAL, Unit.Kind.ARBITRATION,
                  Unit.Kind.JUSTICE_OFFICE, Unit.Kind.MEMBER_DEPARTMENT)


def _check_handler(actor: Any, case: Case, handler: Any, unit: Any) -> None:
    """What the page's choice lists offer, checked here for every caller: a handler who may
    take this case, a unit the actor may see."""
    if handler is None and unit is None:
        raise ValidationError({"handler": _("Choose a handler or a handling unit.")})
    if handler is not None and handler.role not in WRITER_ROLES:
        raise ValidationError({"handler": _("This person's role cannot handle cases.")})
    require_taker(handler, case, "handler")
    _check_unit(actor, unit, "unit")


def _check_unit(actor: Any, unit: Any, field: str) -> None:
    """An active unit the actor may see; one outside gets the answer of one that is gone."""
    if unit is None:
        return
    if not unit.active or not unit_choices(actor=actor).filter(pk=unit.pk).exists():
        raise ValidationError({field: _("This unit is no longer active.")})


@transaction.atomic
def case_assign(*, actor: Any, case: Case, expected_version: int | None, handler: Any = None,
                unit: Any = None, reason: str = "") -> Case:
    case, before, after = transition_begin(actor=actor, case=case,
                                           expected_version=expected_version, action="assign")
    _check_handler(actor, case, handler, unit)
    if before == State.RECEIVED:  # assigning a new case accepts it first, on its own record
        _accepted(actor=actor, case=case, before=before)
        before, case.state = State.ACCEPTED, after
    case.handler, case.assignee_unit = handler, unit
    notify(user=handler, case=case, key=f"assign:{case.version}",
           text=_("Case %(number)s was assigned to you.") % {"number": case.number})
    return transition_save(actor=actor, case=case, action="assign", from_state=before,
                           reason=reason, public_text=_("A handler was assigned."),
                           changes={"handler": getattr(handler, "pk", None),
                                    "unit": getattr(unit, "pk", None)})


@transaction.atomic
def case_reassign(*, actor: Any, case: Case, expected_version: int | None, handler: Any = None,
                  unit: Any = None, reason: str) -> Case:
    reason = require_text(reason, "reason", _("Say why the case changes hands."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version,
                                            action="reassign")
    _check_handler(actor, case, handler, unit)
    old = case.handler_id
    case.handler, case.assignee_unit = handler, unit
    notify(user=handler, case=case, key=f"assign:{case.version}",
           text=_("Case %(number)s was assigned to you.") % {"number": case.number})
    return transition_save(actor=actor, case=case, action="reassign", from_state=before,
                           reason=reason, changes={"handler": [old, getattr(handler, "pk", None)]})


@transaction.atomic
def case_refer(*, actor: Any, case: Case, expected_version: int | None, unit: Any,
               reason: str) -> Case:
    """三方联动: send the case to police, tribunal or arbitration; the body acknowledges."""
    if unit is None or not unit.active or unit.kind not in REFERRAL_KINDS:
        raise ValidationError({"unit": _("Choose the body the case is referred to.")})
    _check_unit(actor, unit, "unit")
    reason = require_text(reason, "reason", _("Say why the case is referred."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="refer")
    case.referred_to, case.referral_acknowledged_at = unit, None
    deadlines_start(case=case, clock="referred", at=timezone.now())
    return transition_save(actor=actor, case=case, action="refer", from_state=before,
                           reason=reason,
                           public_text=_("Your matter was referred to %(unit)s.") % {"unit": unit},
                           changes={"referred_to": unit.pk})


@transaction.atomic
def case_refer_acknowledge(*, actor: Any, case: Case, expected_version: int | None,
                           note: str = "") -> Case:
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version,
                                            action="acknowledge")
    if case.referral_acknowledged_at is not None:
        raise Conflict(_("The receiving body has already acknowledged this referral."))
    now = timezone.now()
    case.referral_acknowledged_at = now
    deadlines_meet(case=case, at=now, clock="referred")
    return transition_save(actor=actor, case=case, action="acknowledge", from_state=before,
                           reason=note or _("Referral acknowledged by the receiving body."))


@transaction.atomic
def case_return(*, actor: Any, case: Case, expected_version: int | None, reason: str) -> Case:
    reason = require_text(reason, "reason", _("Say why the case is returned."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="return")
    case.handler = case.assignee_unit = case.referred_to = None
    return transition_save(actor=actor, case=case, action="return", from_state=before,
                           reason=reason)


@transaction.atomic
def case_escalate(*, actor: Any, case: Case, expected_version: int | None, reason: str) -> Case:
    reason = require_text(reason, "reason", _("Say why the case goes to the sub-district."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version,
                                            action="escalate")
    case.handler = case.assignee_unit = None
    return transition_save(actor=actor, case=case, action="escalate", from_state=before,
                           reason=reason)


@transaction.atomic
def case_supervise(*, actor: Any, case: Case, expected_version: int | None, note: str) -> Case:
    if actor.role not in SUPERVISOR_ROLES:
        raise Conflict(_("Only sub-district staff and leaders may supervise a case."))
    note = require_text(note, "note", _("Write the supervision note."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version,
                                            action="supervise")
    case.supervised = True
    notify(user=case.handler, case=case, key=f"supervise:{case.version}",
           text=_("Case %(number)s is under supervision: %(note)s")
           % {"number": case.number, "note": note})
    return transition_save(actor=actor, case=case, action="supervise", from_state=before,
                           reason=note)


def extend_approved(*, actor: Any, case: Case, expected_version: int | None, amount: int,
                    reason: str, approved_by: Any, by_approver: bool = False) -> Case:
    """The extension itself, inside the caller's transaction. ``by_approver``: the approver
    decides an extension request (services/extensions.py) and may be a leader, who writes
    nothing else."""
    reason = require_text(reason, "reason", _("Say why the deadline is extended."))
    if approved_by is None or approved_by.role not in APPROVER_ROLES:
        raise ValidationError({"approved_by": _(
            "An extension needs the approval of the sub-district administrator or a leader.")})
    case, before, _after = transition_begin(
        actor=actor, case=case, expected_version=expected_version, action="extend",
        roles=APPROVER_ROLES if by_approver else None)
    deadline = deadline_extend(case=case, amount=amount)
    local_due = timezone.localtime(deadline.due_at)
    return transition_save(
        actor=actor, case=case, action="extend", from_state=before,
        reason=_("Approved by %(who)s: %(reason)s") % {"who": approved_by, "reason": reason},
        public_text=_("The handling period was extended to %(due)s because: %(reason)s")
        % {"due": f"{local_due:%Y-%m-%d}", "reason": reason},
        changes={"due_at": local_due.isoformat(), "approved_by": approved_by.pk})


@transaction.atomic
def case_pause(*, actor: Any, case: Case, expected_version: int | None, reason: str) -> Case:
    reason = require_text(reason, "reason", _("Say what the case is waiting for."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="pause")
    deadlines_pause(case=case, at=timezone.now())
    return transition_save(actor=actor, case=case, action="pause", from_state=before,
                           reason=reason)


@transaction.atomic
def case_resume(*, actor: Any, case: Case, expected_version: int | None,
                note: str = "") -> Case:
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="resume")
    deadlines_resume(case=case, at=timezone.now())
    return transition_save(actor=actor, case=case, action="resume", from_state=before,
                           reason=note)
