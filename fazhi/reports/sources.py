"""The sources the figures read: each calls other apps' scoped selectors once for a viewer, a
period (calendar days, both ends included) and an optional community."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from fazhi.cases.models import AgencyMode
from fazhi.cases.selectors import case_list_for
from fazhi.cases.selectors.stats import stats_for
from fazhi.org.models import Agreement, Unit
from fazhi.org.selectors import agreement_list_for, unit_list_for
from fazhi.outreach.selectors.reach import Period, Reach, reach_for


def cases(*, actor: Any, since: dt.date, until: dt.date,
          community: int | None = None) -> dict[str, Any]:
    return stats_for(actor=actor, since=since, until=until, community=community)


def sandai(*, actor: Any, since: dt.date, until: dt.date,
           community: int | None = None) -> dict[str, int]:
    """Cases received in the period, per 三代 mode used in them (a case may use several)."""
    where: dict[str, Any] = {"community": community} if community else {}
    received = case_list_for(actor=actor, since=since, until=until, **where)
    rows = (AgencyMode.objects.filter(case__in=received.order_by().values("pk"))
            .order_by().values("mode").annotate(n=Count("case_id")))
    return {row["mode"]: row["n"] for row in rows}


def reach(*, actor: Any, since: dt.date, until: dt.date,
          community: int | None = None) -> Reach:
    return reach_for(actor=actor, period=Period(since, until), community=community)


def org(*, actor: Any, since: dt.date, until: dt.date,
        community: int | None = None) -> dict[str, int]:
    workrooms = unit_list_for(actor=actor, kind=Unit.Kind.COMMUNITY_WORKROOM)
    agreements = agreement_list_for(actor=actor, kind=Agreement.Kind.CO_BUILDING).filter(
        starts_on__lte=until, ends_on__gte=since)
    if community:
        workrooms = workrooms.filter(region_id=community)
        agreements = agreements.filter(region_id=community)
    return {"workrooms": workrooms.count(),
            "agreements": agreements.order_by().values("pk").distinct().count()}


def by_community(*, actor: Any, since: dt.date, until: dt.date) -> dict[int, dict[str, int]]:
    """Cases received and disputes mediated per community in two grouped queries (the
    comparison chart); the same definitions as ``cases`` above."""
    from fazhi.cases.models import MEDIATED_OUTCOMES
    from fazhi.core.periods import on_days

    received = (case_list_for(actor=actor, since=since, until=until).order_by()
                .values("community_id").annotate(n=Count("pk")))
    mediated = (case_list_for(actor=actor).filter(on_days("concluded_at", since, until))
                .exclude(outcome="").order_by().values("community_id")
                .annotate(n=Count("pk", filter=Q(outcome__in=MEDIATED_OUTCOMES))))
    out: dict[int, dict[str, int]] = {}
    for row in received:
        out.setdefault(row["community_id"] or 0, {})["received"] = row["n"]
    for row in mediated:
        out.setdefault(row["community_id"] or 0, {})["mediated"] = row["n"]
    return out
