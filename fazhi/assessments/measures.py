"""Automatic items: what each rule reads from the records, through the owning apps' scoped
selectors (org, outreach, cases), for one community and the cycle's assessed year (its second
year). The value is compared with the item's target: the item earns its points in proportion,
at most all of them (docs/assessments.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from fazhi.cases.selectors.stats import stats_for
from fazhi.org.models import Agreement, Person, Unit
from fazhi.org.selectors import agreement_list_for, person_list_for, unit_list_for
from fazhi.outreach.models import Activity
from fazhi.outreach.selectors.activities import activity_list_for

from .models import Indicator, Rule

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Measure:
    value: Decimal | None  # None: nothing to measure (e.g. no dispute concluded)
    note: str


def _count(n: int, what: str) -> Measure:
    return Measure(Decimal(n), what % {"n": n})


def measure(*, actor: Any, rule: str, community_id: int, year: int) -> Measure:
    """The value of ``rule`` for the community in ``year`` as ``actor`` sees the records."""
    since, until = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if rule == Rule.MEDIATORS:
        committee = unit_list_for(actor=actor, kind=Unit.Kind.MEDIATION_COMMITTEE).filter(
            region_id=community_id).exists()
        if not committee:
            return Measure(Decimal(0), _("No people's mediation committee on record."))
        people = person_list_for(actor=actor, community=community_id, active=True).filter(
            kind__in=[Person.Kind.MEDIATOR, Person.Kind.RED_VEST]).count()
        return _count(people, _("A mediation committee and %(n)s mediators on record."))
    if rule == Rule.WORKROOM:
        rooms = unit_list_for(actor=actor, kind=Unit.Kind.COMMUNITY_WORKROOM).filter(
            region_id=community_id).count()
        return _count(rooms, _("%(n)s community workrooms on record."))
    if rule == Rule.LAW_SAVVY:
        people = person_list_for(actor=actor, kind=Person.Kind.LAW_SAVVY,
                                 community=community_id, active=True).count()
        return _count(people, _("%(n)s law-savvy residents on record."))
    if rule in (Rule.ACTIVITIES, Rule.LECTURES):
        held = activity_list_for(actor=actor, community_id=community_id, since=since,
                                 until=until, held=True).exclude(
            kind__in=Activity.RESTRICTED_KINDS)
        if rule == Rule.LECTURES:
            n = held.filter(kind=Activity.Kind.LECTURE_HALL).count()
            return _count(n, _("%(n)s law lecture halls held in the year."))
        return _count(held.count(), _("%(n)s law-popularisation activities held in the year."))
    if rule == Rule.MEDIATION_SUCCESS:
        stats = stats_for(actor=actor, since=since, until=until, community=community_id)
        if not stats["disputes_concluded"]:
            return Measure(None, _("No dispute concluded in the year."))
        rate = (Decimal(stats["mediated"]) * 100 / Decimal(stats["disputes_concluded"])
                ).quantize(TENTH, ROUND_HALF_UP)
        return Measure(rate, _("%(mediated)s of %(disputes)s disputes concluded in the year "
                               "mediated successfully (%(rate)s%%).") % {
            "mediated": stats["mediated"], "disputes": stats["disputes_concluded"],
            "rate": rate})
    if rule == Rule.RESIDENT_LAWYER:
        lawyers = person_list_for(actor=actor, kind=Person.Kind.LAWYER, community=community_id,
                                  active=True).exclude(unit=None)
        firms = set(lawyers.values_list("unit_id", flat=True))
        in_force = agreement_list_for(actor=actor, kind=Agreement.Kind.LEGAL_SERVICE,
                                      in_force_since=since, in_force_until=until)
        covered = set(in_force.filter(parties__in=firms).values_list("parties", flat=True))
        n = lawyers.filter(unit_id__in=covered & firms).count()
        return _count(n, _("%(n)s resident lawyers whose firm has a legal-service agreement "
                           "in force in the year."))
    if rule == Rule.CO_BUILDING:
        n = agreement_list_for(actor=actor, kind=Agreement.Kind.CO_BUILDING, region=community_id,
                               in_force_since=since, in_force_until=until).order_by().count()
        return _count(n, _("%(n)s co-building agreements in force in the year."))
    raise ValueError(rule)


def points(indicator: Indicator, value: Decimal | None) -> Decimal:
    """The item's points for a measured value: weight × value / target, at most the weight."""
    if value is None or indicator.target is None:
        return Decimal(0)
    share = min(Decimal(1), value / indicator.target)
    return (indicator.weight * share).quantize(TENTH, ROUND_HALF_UP)
