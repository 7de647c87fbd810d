"""Statistics for any period and community, as the sub-district reports them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from fazhi.core.periods import day_bounds

from ..access import case_scope
from ..models import MEDIATED_OUTCOMES, Case, Category, Deadline, FollowUp, Kind


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


def _month_counts(column: str, months: list[tuple[str, dt.datetime, dt.datetime]]
                  ) -> dict[str, Any]:
    """Per calendar month, a count of plain range comparisons (a per-row TruncMonth is a
    Python function call per row on SQLite: seconds over a year of cases)."""
    return {f"m{i}": Count("pk", filter=Q(**{f"{column}__gte": a, f"{column}__lt": b}))
            for i, (_label, a, b) in enumerate(months)}


def _rows(cases: Any, per_community: bool, **aggregates: Any) -> list[dict[str, Any]]:
    """The aggregates per community (one grouped pass), or as one row without the grouping's
    sort when no per-community figure is wanted (community_id None)."""
    if per_community:
        return [dict(row) for row in cases.values("community_id").annotate(**aggregates)]
    return [{"community_id": None, **cases.aggregate(**aggregates)}]


def _add(total: dict[str, Any], row: dict[str, Any], keys: Any) -> None:
    for key in keys:
        total[key] = total.get(key, 0) + (row[key] or 0)


def stats_for(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
              detail: bool = True) -> dict[str, Any]:
    """The figures of docs/reports.md for the cases the viewer reads. Each table is read
    once: the period's received cases per community (with the months), the same cases per
    category, channel and source, the concluded cases per community (with the months), their
    concluding deadlines and the follow-ups; totals are the communities' sums, and
    ``by_community`` (received, mediated) is what the dashboard's comparison draws.
    ``detail=False`` (the period a dashboard compares with): no months, categories, channels
    or sources, which only the charts and tables of the period shown read."""
    start, end = day_bounds(since, until)
    cases = Case.objects.filter(case_scope(actor))
    if community:
        cases = cases.filter(community_id=community)
    received = cases.filter(received_at__gte=start, received_at__lt=end).order_by()
    concluded = (cases.filter(concluded_at__gte=start, concluded_at__lt=end).exclude(outcome="")
                 .order_by())
    months = calendar_months(since, until) if detail else []
    mediated_q = Q(outcome__in=MEDIATED_OUTCOMES)
    intake_rows = _rows(received, detail,
        received=Count("pk"), responded=Count("pk", filter=Q(first_response_at__isnull=False)),
        **_month_counts("received_at", months))
    head_rows = _rows(concluded, detail,
        concluded=Count("pk"),
        disputes=Count("pk", filter=Q(kind=Kind.DISPUTE)),
        mediated=Count("pk", filter=mediated_q),
        amount=Sum("agreement_amount", filter=mediated_q),
        prevented=Count("pk", filter=Q(prevented_criminal=True)),
        prevented_persons=Sum("prevented_persons", filter=Q(prevented_criminal=True)),
        backlog_resolved=Count("pk", filter=Q(kind=Kind.PETITION, backlog=True)),
        **_month_counts("concluded_at", months))
    month_keys = [f"m{i}" for i in range(len(months))]
    intake: dict[str, Any] = {"received": 0, "responded": 0}
    head: dict[str, Any] = {"concluded": 0, "disputes": 0, "mediated": 0, "amount": Decimal("0"),
                            "prevented": 0, "prevented_persons": 0, "backlog_resolved": 0}
    got: dict[str, int] = {}
    done: dict[str, int] = {}
    by_community: dict[int, dict[str, int]] = {}
    for row in intake_rows:
        _add(intake, row, ("received", "responded"))
        _add(got, row, month_keys)
        if detail:
            by_community.setdefault(row["community_id"] or 0, {})["received"] = row["received"]
    for row in head_rows:
        _add(head, row, tuple(head))
        _add(done, row, month_keys)
        if detail:
            by_community.setdefault(row["community_id"] or 0, {})["mediated"] = row["mediated"]
    timed = Deadline.objects.filter(case__in=concluded.values("pk"),
                                    rule__concludes_case=True).aggregate(
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
        "by_community": by_community,
    }
    if detail:
        figures.update(_mix(received))
    figures["by_month"] = [{"month": label, "received": got.get(f"m{i}", 0),
                            "concluded": done.get(f"m{i}", 0)}
                           for i, (label, _a, _b) in enumerate(months)
                           if got.get(f"m{i}") or done.get(f"m{i}")]
    return figures  # charts: core.charts, drawn by the page (views/exports.py)


def _mix(received: Any) -> dict[str, list[dict[str, Any]]]:
    """The period's received cases by category, by channel and by source, from one grouped
    pass (a few hundred groups at most) and the categories' names."""
    categories: dict[int, int] = {}
    channels: dict[str, int] = {}
    sources: dict[str, int] = {}
    for row in received.values("category_id", "channel", "source").annotate(n=Count("pk")):
        categories[row["category_id"]] = categories.get(row["category_id"], 0) + row["n"]
        channels[row["channel"]] = channels.get(row["channel"], 0) + row["n"]
        sources[row["source"]] = sources.get(row["source"], 0) + row["n"]
    names = dict(Category.objects.values_list("pk", "name"))  # a short list, every period
    by_name: dict[str, int] = {}
    for pk, n in categories.items():
        by_name[names.get(pk, "")] = by_name.get(names.get(pk, ""), 0) + n
    return {
        "by_category": [{"category__name": name, "n": n} for name, n in
                        sorted(by_name.items(), key=lambda item: (-item[1], item[0]))],
        "by_channel": _labelled(channels, Case._meta.get_field("channel")),
        "by_source": _labelled(sources, Case._meta.get_field("source")),
    }


def _labelled(counts: dict[str, int], model_field: Any) -> list[dict[str, Any]]:
    labels = dict(model_field.choices)
    return [{"label": str(labels.get(value, value)), "n": n}
            for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
