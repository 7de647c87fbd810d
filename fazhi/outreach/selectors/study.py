"""Reads of cadre law study: sessions of a unit, each cadre's attendance rate for the year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from fazhi.org.models import Person, Unit

from ..access import list_scope, require_reader
from ..models import StudySession


def units_for_study(*, actor: Any) -> QuerySet[Unit]:
    require_reader(actor)
    units = Unit.objects.filter(active=True).order_by("name")
    if actor.sees_all_communities:
        return units
    return units.filter(pk=actor.unit_id) if actor.unit_id else units.none()


def unit_get_for(*, actor: Any, pk: int) -> Unit:
    return get_object_or_404(units_for_study(actor=actor), pk=pk)


def study_list_for(*, actor: Any, unit: Unit, year: int) -> QuerySet[StudySession]:
    list_scope(actor)  # refuses administration roles
    return (StudySession.objects.filter(unit=unit, date__year=year)
            .annotate(user_count=Count("users", distinct=True),
                      people_count=Count("people", distinct=True))
            .order_by("date", "pk"))


def study_get_for(*, actor: Any, pk: int) -> StudySession:
    return get_object_or_404(StudySession.objects.filter(
        unit__in=units_for_study(actor=actor)).select_related("unit"), pk=pk)


@dataclass
class CadreRate:
    name: str
    attended: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.total) if self.total else 0


def attendance_rates(*, unit: Unit, year: int) -> list[CadreRate]:
    """Each cadre of the unit (accounts and people, plus anyone who attended) with the number of
    the unit's sessions of the year they attended."""
    sessions = StudySession.objects.filter(unit=unit, date__year=year)
    total = sessions.count()
    through_users = StudySession.users.through.objects.filter(studysession__in=sessions)
    through_people = StudySession.people.through.objects.filter(studysession__in=sessions)
    by_user = Counter(through_users.values_list("user_id", flat=True))
    by_person = Counter(through_people.values_list("person_id", flat=True))
    users = get_user_model().objects.filter(pk__in=by_user) | get_user_model().objects.filter(
        unit=unit, is_active=True)
    people = Person.objects.filter(pk__in=by_person) | Person.objects.filter(unit=unit,
                                                                            active=True)
    rows = [CadreRate(name=str(u), attended=by_user.get(u.pk, 0), total=total)
            for u in users.distinct().order_by("username")]
    rows += [CadreRate(name=p.name, attended=by_person.get(p.pk, 0), total=total)
             for p in people.distinct().order_by("name")]
    return rows
