"""Cadre law study: record a unit's group study session and who attended."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import StaleVersion
from fazhi.org.models import Person, Unit

from ..access import is_reviewer
from ..models import StudySession

FIELDS = ("kind", "date", "topic", "laws", "minutes", "duration")


def may_record_study(actor: Any, unit: Unit) -> bool:
    return bool(getattr(actor, "can_write", False)) and (
        is_reviewer(actor) or actor.unit_id == unit.pk)


def _attendees(unit: Unit, users: list, people: list) -> None:
    """Attendees belong to the unit (its accounts or its people)."""
    strangers = [u for u in users if u.unit_id != unit.pk] + [p for p in people
                                                               if p.unit_id != unit.pk]
    if strangers:
        raise ValidationError({"users": [_("Attendees must belong to the unit: %(names)s.")
                                         % {"names": ", ".join(str(s) for s in strangers)}]})


def _clash(session: StudySession) -> ValidationError:
    """Which uniqueness a session broke: its week's half-hour study, or its topic that day."""
    if session.week and StudySession.objects.filter(
            unit_id=session.unit_id, week=session.week, kind=StudySession.Kind.HALF_HOUR
    ).exclude(pk=session.pk).exists():
        return ValidationError({"date": [
            _("This unit already recorded its half-hour study for the week of %(week)s.")
            % {"week": session.week.isoformat()}]})
    return ValidationError({"topic": [_("This unit already recorded this topic on that day.")]})


@transaction.atomic
def study_create(*, actor: Any, unit: Unit, users: list | None = None,
                 people: list[Person] | None = None, ip: str = "", **data: Any) -> StudySession:
    if not may_record_study(actor, unit):
        raise PermissionDenied
    users, people = list(users or []), list(people or [])
    _attendees(unit, users, people)
    session = StudySession(unit=unit, created_by=actor,
                           **{k: v for k, v in data.items() if k in FIELDS})
    session.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as exc:
        raise _clash(session) from exc
    session.users.set(users)
    session.people.set(people)
    audit_record(actor=actor, action="create", obj=session,
                 changes={"unit_id": unit.pk, "attendees": len(users) + len(people)}, ip=ip)
    return session


@transaction.atomic
def study_update(*, actor: Any, session: StudySession, expected_version: int,
                 users: list | None = None, people: list[Person] | None = None, ip: str = "",
                 **data: Any) -> StudySession:
    if not may_record_study(actor, session.unit):
        raise PermissionDenied
    users, people = list(users or []), list(people or [])
    _attendees(session.unit, users, people)
    for name, value in data.items():
        if name in FIELDS:
            setattr(session, name, value)
    session.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            updated = StudySession.objects.filter(pk=session.pk, version=expected_version).update(
                version=F("version") + 1, week=session.week,
                **{name: getattr(session, name) for name in FIELDS})
    except IntegrityError as exc:
        raise _clash(session) from exc
    if not updated:
        raise StaleVersion(_("Someone else changed this session; reload the page and try again."))
    session.users.set(users)
    session.people.set(people)
    session.refresh_from_db()
    audit_record(actor=actor, action="update", obj=session,
                 changes={"attendees": len(users) + len(people)}, ip=ip)
    return session


def roster(unit: Unit) -> tuple[Any, Any]:
    """The unit's cadres: its active accounts and its active people."""
    users = get_user_model().objects.filter(unit=unit, is_active=True).order_by("username")
    people = Person.objects.filter(unit=unit, active=True).order_by("name")
    return users, people
