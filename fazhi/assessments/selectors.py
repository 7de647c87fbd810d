"""Reads of the assessment, scoped to the viewer: street-wide roles read every community's
assessments, everyone else their own community's; detail getters raise 404 outside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from fazhi.core.roles import require_reader
from fazhi.org.selectors import communities_for

from .access import assessment_scope
from .models import Assessment, Cycle, Dimension, Evidence, Indicator, Score


def cycle_list_for(*, actor: Any) -> QuerySet[Cycle]:
    require_reader(actor)
    return Cycle.objects.annotate(items=Count("indicators")).order_by("-first_year", "-id")


def cycle_get_for(*, actor: Any, pk: int) -> Cycle:
    require_reader(actor)
    return get_object_or_404(Cycle.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id"))), pk=pk)


def indicator_get_for(*, actor: Any, pk: int) -> Indicator:
    require_reader(actor)
    return get_object_or_404(Indicator.objects.select_related("cycle"), pk=pk)


def assessment_list_for(*, actor: Any, cycle: int | None = None,
                        community: int | None = None, status: str = "",
                        model_only: bool = False, decided_since: dt.date | None = None,
                        decided_until: dt.date | None = None) -> QuerySet[Assessment]:
    rows = (Assessment.objects.filter(assessment_scope(actor))
            .select_related("cycle", "community"))
    if cycle:
        rows = rows.filter(cycle_id=cycle)
    if community:
        rows = rows.filter(community_id=community)
    if status:
        rows = rows.filter(status=status)
    if model_only:
        rows = rows.filter(status=Assessment.Status.CONCLUDED,
                           decision__in=Assessment.MODEL_DECISIONS)
    if decided_since:
        rows = rows.filter(decided_on__gte=decided_since)
    if decided_until:
        rows = rows.filter(decided_on__lte=decided_until)
    return rows.order_by("-cycle__first_year", "community__code", "id")


def assessment_get_for(*, actor: Any, pk: int) -> Assessment:
    scores = (Score.objects.select_related("indicator", "reviewed_by")
              .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by(
                  "added_at", "id")))
              .order_by("indicator__position", "indicator_id"))
    return get_object_or_404(
        Assessment.objects.filter(assessment_scope(actor)).select_related(
            "cycle", "community", "started_by", "concluded_by")
        .prefetch_related(Prefetch("scores", queryset=scores)), pk=pk)


def score_get_for(*, actor: Any, pk: int, assessment: int | None = None) -> Score:
    scores = Score.objects.filter(assessment_scope(actor, "assessment")).select_related(
        "indicator", "assessment")
    if assessment is not None:
        scores = scores.filter(assessment_id=assessment)
    return get_object_or_404(scores, pk=pk)


def evidence_get_for(*, actor: Any, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.filter(
        assessment_scope(actor, "score__assessment")).select_related("score"), pk=pk)


@dataclass
class DimensionRows:
    key: str
    label: str
    weight: Decimal
    self_total: Decimal
    review_total: Decimal
    scores: list[Score]


def by_dimension(scores: list[Score]) -> list[DimensionRows]:
    """An assessment's items grouped by the five dimensions, with each one's points."""
    out = []
    for key, label in Dimension.choices:
        rows = [s for s in scores if s.indicator.dimension == key]
        if not rows:
            continue
        out.append(DimensionRows(
            key=key, label=str(label),
            weight=sum((s.indicator.weight for s in rows), Decimal(0)),
            self_total=sum((s.self_score or Decimal(0) for s in rows), Decimal(0)),
            review_total=sum((s.review_score or Decimal(0) for s in rows), Decimal(0)),
            scores=rows))
    return out


def tree_by_dimension(indicators: list[Indicator]) -> list[tuple[str, Decimal, list[Indicator]]]:
    out = []
    for key, label in Dimension.choices:
        rows = [i for i in indicators if i.dimension == key]
        out.append((str(label), sum((i.weight for i in rows), Decimal(0)), rows))
    return out


def board_for(*, actor: Any, cycle: Cycle) -> list[dict[str, Any]]:
    """Every community the viewer may see, with its assessment in the cycle (or none)."""
    found = {a.community_id: a for a in assessment_list_for(actor=actor, cycle=cycle.pk)}
    return [{"community": c, "assessment": found.get(c.pk)}
            for c in communities_for(actor=actor).order_by("code", "pk")]


def model_communities_for(*, actor: Any, since: dt.date, until: dt.date,
                          community: int | None = None) -> QuerySet[Assessment]:
    """The assessments that named a model community or kept its status (also with a warning),
    decided in the period: the dashboard's "model communities" (docs/reports.md)."""
    return assessment_list_for(actor=actor, community=community, model_only=True,
                               decided_since=since, decided_until=until)
