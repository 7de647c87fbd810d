"""The sources the figures read: each calls other apps' scoped selectors once for a viewer, a
period (calendar days, both ends included) and an optional community."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum

from fazhi.assessments.selectors import model_communities_for
from fazhi.cases.models import AgencyMode
from fazhi.cases.selectors import case_list_for
from fazhi.cases.selectors.stats import calendar_months, stats_for
from fazhi.core.periods import on_days
from fazhi.exams.models import Enrolment, Exam
from fazhi.exams.selectors import exam_list_for
from fazhi.org.models import Agreement, Unit
from fazhi.org.selectors import agreement_list_for, communities_for, unit_list_for
from fazhi.outreach.models import Activity, SignIn, WalkIn
from fazhi.outreach.selectors.activities import activity_list_for
from fazhi.outreach.selectors.reach import Period, Reach, Row


def cases(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
          detail: bool = True) -> dict[str, Any]:
    return stats_for(actor=actor, since=since, until=until, community=community, detail=detail)


def sandai(*, actor: Any, since: dt.date, until: dt.date,
           community: int | None = None, detail: bool = True) -> dict[str, int]:
    """Cases received in the period, per 三代 mode used in them (a case may use several)."""
    where: dict[str, Any] = {"community": community} if community else {}
    received = case_list_for(actor=actor, since=since, until=until, **where)
    rows = (AgencyMode.objects.filter(case__in=received.order_by().values("pk"))
            .order_by().values("mode").annotate(n=Count("case_id")))
    return {row["mode"]: row["n"] for row in rows}


def reach(*, actor: Any, since: dt.date, until: dt.date, community: int | None = None,
          detail: bool = True) -> Reach:
    """The reach figures of docs/outreach.md (the reach page's definitions: held activities,
    sign-ins plus walk-ins, different mobiles once over the period, the six places), counted
    with grouped queries: the reach page's ``reach_for`` reads every activity of the period
    into Python (and compares each with every key date), seconds for a year at scale.
    fazhi/reports/tests/test_figures_varied.py checks both against the same rows.
    ``detail=False``: no attendance per community and no months (the charts' rows)."""
    held = (activity_list_for(actor=actor, community_id=community, since=since, until=until,
                              held=True).order_by())
    ids = held.values("pk")
    out = Reach(period=Period(since, until))
    rows = list(held.values("kind", "place", "community_id").annotate(n=Count("pk")))
    out.sessions = sum(r["n"] for r in rows)
    out.kinds = {}
    places: dict[str, int] = {}
    communities: dict[int, int] = {}
    for r in rows:
        out.kinds[r["kind"]] = out.kinds.get(r["kind"], 0) + r["n"]
        if r["place"]:
            places[r["place"]] = places.get(r["place"], 0) + r["n"]
        communities[r["community_id"] or 0] = communities.get(r["community_id"] or 0, 0) + r["n"]
    signins = SignIn.objects.filter(activity__in=ids)
    walkins = WalkIn.objects.filter(activity__in=ids)
    # Sign-ins per community when the charts want them (their sum is the count), else counted.
    per_community = ({r["activity__community_id"] or 0: r["n"] for r in signins.order_by()
                      .values("activity__community_id").annotate(n=Count("pk"))}
                     if detail else {})
    out.signins = sum(per_community.values()) if detail else signins.count()
    out.walkins = walkins.aggregate(n=Sum("count"))["n"] or 0
    out.attendance = out.signins + out.walkins
    out.unique_people = signins.values("mobile_hash").distinct().count()
    out.places = [Row(label=str(label), sessions=places.get(key, 0))
                  for key, label in Activity.Place.choices]
    if detail:
        _reach_detail(out, held, per_community, walkins, communities, since, until)
    return out


def _reach_detail(out: Reach, held: Any, signins: dict[int, int], walkins: Any,
                  communities: dict[int, int], since: dt.date, until: dt.date) -> None:
    """Attendance per community and activities per month, for the period's charts."""
    attendance = dict(signins)
    for w in walkins.order_by().values("activity__community_id").annotate(n=Sum("count")):
        key = w["activity__community_id"] or 0
        attendance[key] = attendance.get(key, 0) + (w["n"] or 0)
    names = dict(communities_for().values_list("pk", "name"))
    out.by_community = [Row(label=names.get(k, ""), sessions=n, attendance=attendance.get(k, 0))
                        for k, n in communities.items()]
    months = calendar_months(since, until)
    counts = held.aggregate(**{f"m{i}": Count("pk", filter=Q(starts_at__gte=a, starts_at__lt=b))
                               for i, (_label, a, b) in enumerate(months)}) if months else {}
    out.by_month = [Row(label=label if since.year != until.year else str(int(label[5:])),
                        sessions=counts[f"m{i}"]) for i, (label, _a, _b) in enumerate(months)]


def exams(*, actor: Any, since: dt.date, until: dt.date,
          community: int | None = None, detail: bool = True) -> dict[str, Any]:
    """Cadre law exams that closed in the period (published ones) and their candidates, in two
    queries. Read by the street-wide roles only (figures.visible): for them the exams app's
    ``enrolments_for`` is every enrolment of the exams they read, so counting the enrolments of
    ``exam_list_for``'s exams is the same set (docs/exams.md), without a query per exam."""
    held = (exam_list_for(actor=actor).filter(on_days("closes_at", since, until),
                                              status=Exam.Status.PUBLISHED).order_by())
    enrolments = Enrolment.objects.filter(exam__in=held.values("pk"))
    if community:
        enrolments = enrolments.filter(community_id=community)
        held = held.filter(pk__in=enrolments.values("exam_id"))
    counts = enrolments.aggregate(enrolled=Count("pk"), sat=Count("pk", filter=Q(sat=True)),
                                  passed=Count("pk", filter=Q(passed=True)),
                                  excellent=Count("pk", filter=Q(excellent=True)))

    def rate(part: int) -> float | None:
        return round(100 * part / counts["enrolled"], 1) if counts["enrolled"] else None

    return {"exams": held.count(), "enrolled": counts["enrolled"], "sat_rate": rate(counts["sat"]),
            "pass_rate": rate(counts["passed"]), "excellent_rate": rate(counts["excellent"])}


def org(*, actor: Any, since: dt.date, until: dt.date,
        community: int | None = None, detail: bool = True) -> dict[str, int]:
    workrooms = unit_list_for(actor=actor, kind=Unit.Kind.COMMUNITY_WORKROOM)
    agreements = agreement_list_for(actor=actor, kind=Agreement.Kind.CO_BUILDING).filter(
        starts_on__lte=until, ends_on__gte=since)
    if community:
        workrooms = workrooms.filter(region_id=community)
        agreements = agreements.filter(region_id=community)
    return {"workrooms": workrooms.count(),
            "agreements": agreements.order_by().values("pk").distinct().count()}


def model_communities(*, actor: Any, since: dt.date, until: dt.date,
                      community: int | None = None, detail: bool = True) -> dict[str, Any]:
    """Communities named model communities, or kept as such at a re-check, by decisions of
    the period (the assessments app's selector), and their names."""
    rows = model_communities_for(actor=actor, since=since, until=until, community=community)
    names = list(dict.fromkeys(rows.order_by("community_id").values_list("community__name",
                                                                          flat=True)))
    return {"count": len(names), "names": names}


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
