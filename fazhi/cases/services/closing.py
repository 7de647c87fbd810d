"""Transitions that end, follow up, reopen, merge or link a case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict

from ..access import case_scope
from ..models import Case, CaseLink, Event, FollowUp, Outcome, State
from .deadlines import deadlines_lapse, deadlines_meet, deadlines_restart, deadlines_start
from .workflow import case_lock, require_text, transition_begin, transition_save

NO_FOLLOW_UP_OUTCOMES = (Outcome.NOT_ACCEPTED, Outcome.DIVERTED, Outcome.WITHDRAWN)


@transaction.atomic
def case_conclude(*, actor: Any, case: Case, expected_version: int | None, outcome: str,
                  summary: str, route: str = "", public_reply: str = "",
                  prevented_criminal: bool = False, prevented_persons: int = 0,
                  agreement_amount: Decimal | None = None) -> Case:
    if outcome not in Outcome.values or not outcome:
        raise ValidationError({"outcome": _("Choose how the case ended.")})
    summary = require_text(summary, "summary", _("Write a summary of how the case ended."))
    if outcome == Outcome.MEDIATION_TERMINATED and not route.strip():
        raise ValidationError({"route": _(
            "Say which other route (litigation, arbitration, administrative) was explained.")})
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version,
                                            action="conclude")
    if outcome in (Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL):
        agreement = getattr(case, "agreement", None)
        if agreement is None:
            raise ValidationError({"outcome": _("Record the agreement before concluding the "
                                                "case as mediated.")})
        if agreement_amount is None:
            agreement_amount = agreement.amount
    now = timezone.now()
    case.outcome, case.summary, case.outcome_route = outcome, summary, route.strip()
    case.prevented_criminal, case.prevented_persons = prevented_criminal, prevented_persons
    case.agreement_amount = agreement_amount
    case.concluded_at = now
    case.first_response_at = case.first_response_at or now
    deadlines_meet(case=case, at=now, concluding=True)
    deadlines_lapse(case=case, at=now)
    if outcome in (Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL):
        deadlines_start(case=case, clock="agreement", at=now)
    if outcome == Outcome.ANSWERED:
        deadlines_start(case=case, clock="replied", at=now)
    if outcome in NO_FOLLOW_UP_OUTCOMES:
        case.follow_up_required = False
    return transition_save(actor=actor, case=case, action="conclude", from_state=before,
                           reason=summary,
                           public_text=public_reply or _("Your matter was concluded: %(o)s")
                           % {"o": case.get_outcome_display()},
                           changes={"outcome": outcome}, reindex=True)


@transaction.atomic
def case_follow_up(*, actor: Any, case: Case, expected_version: int | None, at: dt.datetime,
                   contact: str, satisfaction: str, performed: bool | None = None,
                   note: str = "", sued: bool = False, risk_signs: str = "",
                   by_resident: bool = False) -> FollowUp:
    """回访. A dissatisfied answer reopens the case with the reason."""
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version,
                                            action="follow_up")
    errors = {}
    if at > timezone.now() + dt.timedelta(minutes=5):
        errors["at"] = _("A follow-up cannot be in the future.")
    agreement = getattr(case, "agreement", None)
    if agreement is not None and timezone.localtime(at).date() < agreement.signed_on:
        errors["at"] = _("A follow-up cannot come before the agreement (signed %(date)s).") % {
            "date": agreement.signed_on.isoformat()}
    elif case.concluded_at and at < case.concluded_at - dt.timedelta(days=1):
        errors["at"] = _("A follow-up cannot come before the case was concluded.")
    if satisfaction == FollowUp.Satisfaction.DISSATISFIED and not note.strip():
        errors["note"] = _("Record why the resident is dissatisfied.")
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp(case=case, at=at, contact=contact.strip(), performed=performed,
                         satisfaction=satisfaction, note=note.strip(), sued=sued,
                         risk_signs=risk_signs.strip(), by_resident=by_resident,
                         visitor=actor if getattr(actor, "is_authenticated", False) else None)
    follow_up.full_clean()
    follow_up.save()
    case.satisfaction = satisfaction
    if satisfaction == FollowUp.Satisfaction.DISSATISFIED:
        case_reopen_fields(case)
    transition_save(actor=actor, case=case, action="follow_up", from_state=before,
                    reason=_("Follow-up: %(s)s. %(note)s")
                    % {"s": follow_up.get_satisfaction_display(), "note": note},
                    changes={"satisfaction": satisfaction})
    return follow_up


def case_reopen_fields(case: Case) -> None:
    """Back to in progress without an outcome; the handling deadline restarts per its rule."""
    case.state = State.IN_PROGRESS
    case.outcome = Outcome.NONE
    case.concluded_at = case.closed_at = None
    deadlines_restart(case=case, at=timezone.now())


@transaction.atomic
def case_close(*, actor: Any, case: Case, expected_version: int | None) -> Case:
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="close")
    if not case.outcome or not case.summary.strip():
        raise Conflict(_("A case needs an outcome and a summary before it is closed."))
    if case.follow_up_required and not case.follow_ups.exists():
        raise Conflict(_("This case needs a follow-up visit (回访) before it is closed."))
    case.closed_at = timezone.now()
    return transition_save(actor=actor, case=case, action="close", from_state=before,
                           public_text=_("Your matter was closed."))


@transaction.atomic
def case_reopen(*, actor: Any, case: Case, expected_version: int | None, reason: str) -> Case:
    reason = require_text(reason, "reason", _("Say why the case is reopened."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="reopen")
    case_reopen_fields(case)
    return transition_save(actor=actor, case=case, action="reopen", from_state=before,
                           reason=reason, public_text=_("Your matter was reopened."))


def _other_locked(actor: Any, other: Case, field: str) -> Case:
    """The second case of a merge or link, locked. One outside the actor's scope gets the
    answer a number that does not exist gets (case_by_number_for's), never a 403 that would
    tell an outsider the number exists."""
    try:
        return case_lock(actor=actor, case=other, expected_version=None)
    except PermissionDenied:
        if Case.objects.filter(case_scope(actor), pk=other.pk).exists():
            raise  # visible but not writable (a leader): an honest refusal
        raise ValidationError({field: _("No case has this number.")}) from None


@transaction.atomic
def case_merge(*, actor: Any, case: Case, expected_version: int | None, into: Case,
               reason: str) -> Case:
    reason = require_text(reason, "reason", _("Say why the cases are merged."))
    if into.pk == case.pk:
        raise ValidationError({"into": _("A case cannot be merged into itself.")})
    target_case = _other_locked(actor, into, "into")
    if not target_case.is_open:
        raise Conflict(_("Cases can only be merged into an open case."))
    case, before, _after = transition_begin(actor=actor, case=case,
                                            expected_version=expected_version, action="merge")
    case.merged_into = target_case
    deadlines_lapse(case=case, at=timezone.now())
    Event.objects.create(case=target_case, at=timezone.now(), actor=actor, action="merge",
                         text=_("Case %(number)s was merged into this one: %(reason)s")
                         % {"number": case.number, "reason": reason})
    return transition_save(actor=actor, case=case, action="merge", from_state=before,
                           reason=reason,
                           public_text=_("Your matter is handled together with %(number)s.")
                           % {"number": target_case.number},
                           changes={"merged_into": target_case.pk})


@transaction.atomic
def case_link(*, actor: Any, case: Case, other: Case) -> None:
    if other.pk == case.pk:
        raise ValidationError({"other": _("A case cannot be linked to itself.")})
    first = case_lock(actor=actor, case=case, expected_version=None)
    second = _other_locked(actor, other, "other")
    for a, b in ((first, second), (second, first)):
        CaseLink.objects.get_or_create(case=a, other=b)
    Event.objects.create(case=first, at=timezone.now(), actor=actor, action="link",
                         text=_("Linked with %(number)s") % {"number": second.number})
    from fazhi.audit.services import audit_record

    audit_record(actor=actor, action="update", obj=first, changes={"linked": second.pk})
