"""The weekly 学法半小时 of a unit: one outreach study session of kind "half hour" a week.

The record is outreach's (``StudySession``): its service checks who may record for the unit,
that the attendees belong to it, and its constraint keeps one half-hour session per unit and
week, so a double submit records one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fazhi.org.models import Unit
from fazhi.outreach.models import StudySession
from fazhi.outreach.services.study import study_create


def weekly_record(*, actor: Any, unit: Unit, user_ids: list[int] | None = None, ip: str = "",
                  **data: Any) -> StudySession:
    ids = list(dict.fromkeys(user_ids or []))[:500]
    users = list(get_user_model().objects.filter(pk__in=ids))
    if len(users) != len(ids):
        raise ValidationError({"users": [_("Choose attendees from the unit's list.")]})
    if data.get("duration") is None:
        raise ValidationError({"duration": [_("Enter how many minutes the study took.")]})
    return study_create(actor=actor, unit=unit, users=users, ip=ip,
                        kind=StudySession.Kind.HALF_HOUR, **data)
