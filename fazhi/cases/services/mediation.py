"""Mediation sessions, the agreement and judicial confirmation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core import workdays
from fazhi.core.conflicts import Conflict

from ..models import Agreement, Case, DeadlineRule, Event, JudicialConfirmation, MediationSession
from .deadlines import deadlines_meet
from .workflow import case_lock


@transaction.atomic
def session_add(*, actor: Any, case: Case, held_at: dt.datetime, place: str, mediators: str,
                attendees: str, record: str) -> MediationSession:
    locked = case_lock(actor=actor, case=case, expected_version=None)
    if not locked.is_open:
        raise Conflict(_("Sessions are recorded while the case is open."))
    if held_at > timezone.now() + dt.timedelta(days=1) and record.strip():
        raise ValidationError({"held_at": _("A session with a record cannot be in the future.")})
    received = timezone.localdate(locked.received_at)
    if timezone.localdate(held_at) < received:
        raise ValidationError({"held_at": _(
            "A session cannot be held before the case was received (%(day)s).")
            % {"day": received.isoformat()}})
    session = MediationSession(case=locked, held_at=held_at, place=place, mediators=mediators,
                               attendees=attendees, record=record)
    session.full_clean()
    session.save()
    Event.objects.create(case=locked, at=timezone.now(), actor=actor, action="session",
                         text=_("Mediation session at %(place)s") % {"place": place},
                         public=True)
    audit_record(actor=actor, action="create", obj=session, object_repr=str(locked))
    return session


@transaction.atomic
def agreement_record(*, actor: Any, case: Case, form: str, facts: str, disputed_points: str,
                     responsibilities: str, terms: str, performance_manner: str,
                     performance_deadline: dt.date, signed_on: dt.date, mediator_names: str,
                     amount: Decimal | None = None) -> Agreement:
    locked = case_lock(actor=actor, case=case, expected_version=None)
    if not locked.is_open:
        raise Conflict(_("An agreement is recorded while the case is open."))
    if Agreement.objects.filter(case=locked).exists():
        raise Conflict(_("This case already has an agreement."))
    if not locked.sessions.exists():
        raise Conflict(_("Record at least one mediation session before the agreement."))
    errors = {}
    if signed_on > timezone.localdate():
        errors["signed_on"] = _("The agreement cannot be signed in the future.")
    if performance_deadline < signed_on:
        errors["performance_deadline"] = _("Performance cannot be due before signing.")
    if errors:
        raise ValidationError(errors)
    year = signed_on.year
    seq = Agreement.objects.filter(signed_on__year=year).count() + 1
    agreement = Agreement(
        case=locked, number=f"{locked.number.split('-')[0]}调字〔{year}〕{seq:04d}号", form=form,
        facts=facts, disputed_points=disputed_points, responsibilities=responsibilities,
        terms=terms, performance_manner=performance_manner,
        performance_deadline=performance_deadline, signed_on=signed_on,
        mediator_names=mediator_names, amount=amount)
    agreement.full_clean()
    agreement.save()
    Event.objects.create(case=locked, at=timezone.now(), actor=actor, action="agreement",
                         text=_("A mediation agreement was reached."), public=True)
    audit_record(actor=actor, action="create", obj=agreement, object_repr=str(locked))
    return agreement


def judicial_confirmation_last_day(case: Case, agreement: Agreement) -> dt.date:
    """The last day to apply: the rule "from the agreement" of the case's kind (seeded: 30
    calendar days, Civil Code counting, moved past a closing rest period)."""
    rule = (DeadlineRule.objects.filter(kind=case.kind, clock=DeadlineRule.Clock.AGREEMENT,
                                        active=True).order_by("code").first())
    amount = rule.amount if rule else 30
    try:
        return workdays.add_calendar_days(agreement.signed_on, amount)
    except workdays.CalendarUnknown:
        return agreement.signed_on + dt.timedelta(days=amount)


@transaction.atomic
def judicial_confirmation_record(*, actor: Any, case: Case, applied_on: dt.date, court: str,
                                 decision: str = "",
                                 decided_on: dt.date | None = None) -> JudicialConfirmation:
    locked = case_lock(actor=actor, case=case, expected_version=None)
    agreement = getattr(locked, "agreement", None)
    if agreement is None:
        raise Conflict(_("Judicial confirmation needs a mediation agreement first."))
    errors = {}
    last_day = judicial_confirmation_last_day(locked, agreement)
    if applied_on < agreement.signed_on:
        errors["applied_on"] = _("The application cannot come before the agreement.")
    elif applied_on > last_day:
        errors["applied_on"] = _(
            "Judicial confirmation must be applied for within 30 days of the agreement taking "
            "effect (by %(date)s); the court no longer accepts a later application.") % {
            "date": last_day.isoformat()}
    if applied_on > timezone.localdate():
        errors["applied_on"] = _("The application cannot be in the future.")
    if decided_on and decided_on < applied_on:
        errors["decided_on"] = _("The decision cannot come before the application.")
    if errors:
        raise ValidationError(errors)
    confirmation, _created = JudicialConfirmation.objects.update_or_create(
        case=locked, defaults={"applied_on": applied_on, "court": court,
                               "decision": decision, "decided_on": decided_on})
    deadlines_meet(case=locked, at=timezone.now(), clock="agreement")
    audit_record(actor=actor, action="update", obj=locked, detail="judicial confirmation",
                 changes={"court": court, "decision": decision})
    return confirmation
