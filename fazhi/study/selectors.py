"""Reads of the study app, scoped to the actor (access.py holds the rules): materials, a
person's credit, the year's score (study credit and exam by the year's weights), unit rates
and the week's 学法半小时 list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.percents import Percent
from fazhi.core.periods import on_days
from fazhi.core.roles import require_reader
from fazhi.exams.models import Attempt
from fazhi.org.models import Unit
from fazhi.outreach.models import StudySession
from fazhi.outreach.selectors.study import units_for_study

from .access import credit_scope, is_organiser, unit_scope
from .models import Credit, LawArticle, Material, YearRule


def rule_for(year: int) -> YearRule:
    """The year's rule, or the default one (50/50, 600 minutes, 120 a day) when none is set."""
    return YearRule.objects.filter(year=year).first() or YearRule(year=year)


def material_list_for(*, actor: Any, q: str = "", manage: bool = False) -> QuerySet[Material]:
    """Published materials for every reader; every material for an organiser managing them.
    ``q`` finds a title, a summary or a law's article."""
    require_reader(actor)
    materials = Material.objects.all()
    if not (manage and is_organiser(actor)):
        materials = materials.filter(published=True)
    if q:
        materials = materials.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(body__icontains=q)
            | Exists(LawArticle.objects.filter(material=OuterRef("pk"), text__icontains=q)))
    return materials.order_by("-created_at", "-pk")


def material_get_for(*, actor: Any, pk: int, manage: bool = False) -> Material:
    material = material_list_for(actor=actor, manage=manage).filter(pk=pk).first()
    if material is None:
        raise Http404
    return material


def articles_of(material: Material, q: str = "") -> QuerySet[LawArticle]:
    articles = material.articles.all()
    return articles.filter(Q(text__icontains=q) | Q(label=q)) if q else articles


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def credit_of(*, actor: Any, year: int) -> list[dict[str, Any]]:
    """The actor's own credit of ``year`` by material (title, minutes, cap), most first."""
    require_reader(actor)
    rows = (Credit.objects.filter(user_id=actor.pk, day__range=year_bounds(year))
            .values("material_id", "material__title", "material__credit_minutes")
            .annotate(seconds=Sum("seconds")).order_by("-seconds", "material__title"))
    return [{"material_id": r["material_id"], "title": r["material__title"],
             "minutes": r["seconds"] // 60, "cap": r["material__credit_minutes"]} for r in rows]


@dataclass
class Score:
    user_id: int
    name: str
    credit_minutes: int
    credit_points: float
    exam_percent: float | None  # None: no exam handed in that year
    total: float
    grade: str
    unit_id: int | None = None


GRADES = {"excellent": _("Excellent"), "pass": _("Pass"), "fail": _("Fail")}


def _score(rule: YearRule, user_id: int, seconds: int, exam: float | None) -> Score:
    minutes = seconds // 60
    points = round(min(100.0, 100.0 * minutes / rule.target_minutes), 1)
    total = round((points * rule.credit_weight + (exam or 0.0) * rule.exam_weight) / 100, 1)
    grade = ("excellent" if total >= rule.excellent_score else
             "pass" if total >= rule.pass_score else "fail")
    return Score(user_id, "", minutes, points, exam, total, grade)


def exam_percents(user_ids: Any, year: int) -> dict[int, float]:
    """Each person's best handed-in paper of the exams that opened in ``year``, in percent of
    its points. Read from the exams app's models here: its selectors read one exam at a time
    and none gives a person's year (docs/study.md)."""
    since, until = year_bounds(year)
    rows = (Attempt.objects.filter(on_days("exam__opens_at", since, until), user_id__in=user_ids,
                                   state=Attempt.State.SUBMITTED, max_score__gt=0,
                                   score__isnull=False)
            # score as a float first: SQLite keeps a whole-number decimal as an integer, and
            # 2 * 100 / 3 in integers is 66, not 66.7
            .values("user_id").annotate(best=Max(ExpressionWrapper(
                Cast("score", FloatField()) * 100 / F("max_score"), output_field=FloatField())))
            .order_by())
    return {r["user_id"]: round(float(r["best"]), 1) for r in rows}


def scores_for(*, actor: Any, year: int, users: QuerySet | None = None) -> list[Score]:
    """The year's scores of the people ``actor`` may read (of ``users`` when given), by name.
    Four queries whatever their number."""
    people = get_user_model().objects.filter(credit_scope(actor), is_active=True)
    if users is not None:
        people = people.filter(pk__in=users.values("pk"))
    listed = list(people.order_by("display_name", "username")
                  .values_list("pk", "display_name", "username", "unit_id"))
    ids = [row[0] for row in listed]
    seconds = dict(Credit.objects.filter(user_id__in=ids, day__range=year_bounds(year))
                   .values("user_id").annotate(s=Sum("seconds")).order_by()
                   .values_list("user_id", "s"))
    exams = exam_percents(ids, year)
    rule = rule_for(year)
    scores = []
    for pk, display, username, unit_id in listed:
        score = _score(rule, pk, seconds.get(pk, 0), exams.get(pk))
        score.name, score.unit_id = display or username, unit_id
        scores.append(score)
    return scores


def score_of(*, actor: Any, year: int) -> Score:
    """The actor's own score of ``year``."""
    require_reader(actor)
    return scores_for(actor=actor, year=year,
                      users=get_user_model().objects.filter(pk=actor.pk))[0]


def weeks_of(year: int, today: dt.date) -> list[dt.date]:
    """The Mondays of ``year`` up to the week of ``today``."""
    day = dt.date(year, 1, 1)
    day -= dt.timedelta(days=day.weekday())
    if day.year < year:
        day += dt.timedelta(days=7)
    weeks = []
    while day.year == year and day <= today:
        weeks.append(day)
        day += dt.timedelta(days=7)
    return weeks


@dataclass
class UnitRate:
    pk: int
    name: str
    cadres: int = 0
    credited: int = 0   # with full study credit
    passed: int = 0
    excellent: int = 0
    score_sum: float = 0.0
    weeks_held: int = 0
    weeks_due: int = 0
    rank: int = 0
    scores: list[Score] = field(default_factory=list)

    credit_rate = Percent("credited", of="cadres")
    pass_rate = Percent("passed", of="cadres")
    excellent_rate = Percent("excellent", of="cadres")
    weekly_rate = Percent("weeks_held", of="weeks_due")

    @property
    def average(self) -> float:
        return round(self.score_sum / self.cadres, 1) if self.cadres else 0.0


def unit_rates(*, actor: Any, year: int) -> list[UnitRate]:
    """Each unit the actor may read that has cadres (active accounts) or held a weekly study
    in ``year``: cadres, full credit, passed, excellent, average score and weeks held; ranked
    by excellent rate, then pass rate, then name. A fixed number of queries."""
    units = Unit.objects.filter(unit_scope(actor))
    since, until = year_bounds(year)
    weeks_due = len(weeks_of(year, timezone.localdate()))
    held = dict(StudySession.objects.filter(
        unit__in=units, kind=StudySession.Kind.HALF_HOUR, week__range=(since, until))
        .values("unit_id").annotate(n=Count("week", distinct=True)).order_by()
        .values_list("unit_id", "n"))
    users = get_user_model().objects.filter(unit__in=units)
    rates: dict[int, UnitRate] = {}
    names = dict(units.filter(Q(pk__in=held) | Q(pk__in=users.filter(is_active=True)
                                                  .values("unit_id"))).values_list("pk", "name"))
    for pk, name in names.items():
        rates[pk] = UnitRate(pk, name, weeks_held=held.get(pk, 0), weeks_due=weeks_due)
    for score in scores_for(actor=actor, year=year, users=users):
        rate = rates.get(score.unit_id or 0)
        if rate is None:
            continue
        rate.cadres += 1
        rate.credited += score.credit_points >= 100
        rate.passed += score.grade != "fail"
        rate.excellent += score.grade == "excellent"
        rate.score_sum += score.total
        rate.scores.append(score)
    ranked = sorted(rates.values(), key=lambda r: (-r.excellent_rate, -r.pass_rate, r.name))
    for rank, rate in enumerate(ranked, start=1):
        rate.rank = rank
    return ranked


def rate_of_unit(*, actor: Any, year: int, pk: int) -> UnitRate:
    for rate in unit_rates(actor=actor, year=year):
        if rate.pk == pk:
            return rate
    raise Http404


@dataclass
class WeekRow:
    unit: Unit
    session: StudySession | None


def week_for(*, actor: Any, week: dt.date) -> list[WeekRow]:
    """The units expected to hold the weekly study that the actor may read (member units of
    the sub-district, and any unit that recorded one that week), each with its record of the
    week or None: it missed. Missed first, then by name."""
    monday = week - dt.timedelta(days=week.weekday())
    units = units_for_study(actor=actor)
    sessions = {s.unit_id: s for s in StudySession.objects.filter(
        unit__in=units, kind=StudySession.Kind.HALF_HOUR, week=monday)
        .annotate(attendees=Count("users", distinct=True) + Count("people", distinct=True))}
    expected = units.filter(Q(is_member_unit=True) | Q(pk__in=list(sessions)))
    rows = [WeekRow(unit, sessions.get(unit.pk)) for unit in expected]
    return sorted(rows, key=lambda r: (r.session is not None, r.unit.name))


def unit_choices_for_week(*, actor: Any) -> QuerySet[Unit]:
    return units_for_study(actor=actor)
