"""Statistics for any period and community, as the sub-district reports them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from fazhi.core.periods import day_bounds

from ..access import case_scope
from ..models import MEDIATED_OUTCOMES, Case, Deadline, FollowUp, Kind


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def calendar_months(since: dt.date, until: dt.date) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """(label, start, end) of every calendar month the period touches, clipped to it."""
    out = []
    first = since.replace(day=1)
    while first <= until:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        start, _end = day_bounds(max(first, since), max(first, since))
        _start, end = day_bounds(min(following - dt.timedelta(days=1), until),
                              min(following - dt.timedelta(days=1), until))
        out.append((f"{first:%Y-%m}", start, end))
        first = following
    return out


def _by_month(received: Any, concluded: Any, since: dt.date,
              until: dt.date) -> list[dict[str, Any]]:
    """Received and concluded per month in two queries of plain range comparisons (a per-row
    TruncMonth is a Python function call per row on SQLite: seconds over a year of cases)."""
    months = calendar_months(since, until)
    got = received.aggregate(**{f"m{i}": Count("pk", filter=Q(received_at__gte=a,
                                                                  received_at__lt=b))
                                for i, (_label, a, b) in enumerate(months)}) if months else {}
    done = concluded.aggregate(**{f"m{i}": Count("pk", filter=Q(concluded_at__gte=a,
                                                                    concluded_at__lt=b))
                                  for i, (_label, a, b) in enumerate(months)}) if months else {}
    return [{"month": label, "received": got[f"m{i}"], "concluded": done[f"m{i}"]}
            for i, (label, _a, _b) in enumerate(months)
            if got[f"m{i}"] or done[f"m{i}"]]


def stats_for(*, actor: Any, since: dt.date, until: dt.date,
              community: int | None = None) -> dict[str, Any]:
    start, end = day_bounds(since, until)
    cases = Case.objects.filter(case_scope(actor))
    if community:
        cases = cases.filter(community_id=community)
    received = cases.filter(received_at__gte=start, received_at__lt=end)
    concluded = cases.filter(concluded_at__gte=start, concluded_at__lt=end).exclude(outcome="")
    head = concluded.aggregate(
        concluded=Count("pk"),
        disputes=Count("pk", filter=Q(kind=Kind.DISPUTE)),
        mediated=Count("pk", filter=Q(outcome__in=MEDIATED_OUTCOMES)),
        amount=Sum("agreement_amount", filter=Q(outcome__in=MEDIATED_OUTCOMES)),
        prevented=Count("pk", filter=Q(prevented_criminal=True)),
        prevented_persons=Sum("prevented_persons", filter=Q(prevented_criminal=True)),
        backlog_resolved=Count("pk", filter=Q(kind=Kind.PETITION, backlog=True)),
    )
    intake = received.aggregate(received=Count("pk"),
                                responded=Count("pk", filter=Q(first_response_at__isnull=False)))
    timed = Deadline.objects.filter(case__in=concluded, rule__concludes_case=True).aggregate(
        met=Count("pk", filter=Q(status=Deadline.Status.MET)),
        missed=Count("pk", filter=Q(status=Deadline.Status.MISSED)))
    follow_ups = FollowUp.objects.filter(at__gte=start, at__lt=end)
    if community or not getattr(actor, "sees_all_communities", False):
        follow_ups = follow_ups.filter(case__in=cases)
    follow = follow_ups.aggregate(
        total=Count("pk"),
        satisfied=Count("pk", filter=Q(satisfaction__in=["satisfied", "basic"])))
    figures = {
        "since": since, "until": until, "community": community,
        "received": intake["received"], "concluded": head["concluded"],
        "disputes_concluded": head["disputes"], "mediated": head["mediated"],
        "success_rate": _rate(head["mediated"], head["disputes"]),
        "on_time_rate": _rate(timed["met"], timed["met"] + timed["missed"]),
        "response_rate": _rate(intake["responded"], intake["received"]),
        "satisfaction_rate": _rate(follow["satisfied"], follow["total"]),
        "amount": head["amount"] or Decimal("0"),
        "prevented": head["prevented"], "prevented_persons": head["prevented_persons"] or 0,
        "backlog_resolved": head["backlog_resolved"],
    }
    figures["by_category"] = list(received.values("category__name").annotate(n=Count("pk"))
                                  .order_by("-n", "category__name"))
    figures["by_channel"] = _labelled(received, "channel", Case._meta.get_field("channel"))
    figures["by_source"] = _labelled(received, "source", Case._meta.get_field("source"))
    figures["by_month"] = _by_month(received, concluded, since, until)
    return figures  # charts: core.charts, drawn by the page (views/exports.py)


def _labelled(queryset: Any, field: str, model_field: Any) -> list[dict[str, Any]]:
    labels = dict(model_field.choices)
    return [{"label": str(labels.get(r[field], r[field])), "n": r["n"]}
            for r in queryset.values(field).annotate(n=Count("pk")).order_by("-n", field)]
