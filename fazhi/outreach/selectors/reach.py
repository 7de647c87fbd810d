"""Reach and statistics for a year: sessions and attendance by kind, month and community;
unique people by mobile; coverage of the six places and of key dates; completion per unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import activity_scope, list_scope
from ..models import Activity, KeyDate, ResponsibilityList, SignIn
from .activities import with_attendance
from .progress import progress_for_lists


@dataclass
class Row:
    label: str
    sessions: int = 0
    attendance: int = 0


@dataclass
class Reach:
    year: int
    sessions: int = 0
    attendance: int = 0
    signins: int = 0
    walkins: int = 0
    unique_people: int = 0
    by_kind: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)
    by_community: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    key_dates: list[Row] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)

    @property
    def places_covered(self) -> int:
        return sum(1 for row in self.places if row.sessions)

    @property
    def key_dates_covered(self) -> int:
        return sum(1 for row in self.key_dates if row.sessions)


def _rows(counter: Counter, attendance: Counter, labels: list[tuple[Any, str]]) -> list[Row]:
    return [Row(label=label, sessions=counter[key], attendance=attendance[key])
            for key, label in labels]


def reach_for(*, actor: Any, year: int, now: dt.datetime | None = None) -> Reach:
    """Only activities that have started count (a planned activity reached nobody yet)."""
    now = now or timezone.now()
    held = Activity.objects.filter(activity_scope(actor), starts_at__year=year,
                                   starts_at__lte=now)
    activities: list[Any] = list(with_attendance(held).select_related("community", "key_date").order_by())
    reach = Reach(year=year, sessions=len(activities))
    counts: dict[str, Counter] = defaultdict(Counter)
    people: dict[str, Counter] = defaultdict(Counter)
    communities: dict[Any, str] = {}
    for a in activities:
        total = a.signin_count + a.walkin_count
        reach.signins += a.signin_count
        reach.walkins += a.walkin_count
        local = timezone.localtime(a.starts_at)
        keys = {"kind": a.kind, "month": local.month, "community": a.community_id or 0,
                "place": a.place or None}
        for name, key in keys.items():
            if key is not None:
                counts[name][key] += 1
                people[name][key] += total
        communities[a.community_id or 0] = a.community.name if a.community else ""
    reach.attendance = reach.signins + reach.walkins
    reach.unique_people = (SignIn.objects.filter(activity__in=held.values("pk"))
                           .values("mobile_hash").distinct().count())
    reach.by_kind = [row for row in _rows(counts["kind"], people["kind"],
                                          [(k, str(label)) for k, label in Activity.Kind.choices])
                     if row.sessions]
    reach.by_month = _rows(counts["month"], people["month"],
                           [(m, f"{m}") for m in range(1, 13)])
    reach.by_community = sorted(
        _rows(counts["community"], people["community"],
              [(pk, name or _("Whole sub-district")) for pk, name in communities.items()]),
        key=lambda row: (-row.sessions, row.label))
    reach.places = _rows(counts["place"], people["place"],
                         [(k, str(label)) for k, label in Activity.Place.choices])
    # A key date is covered by its theme days and by any activity held on that day.
    reach.key_dates = []
    for key_date in KeyDate.objects.filter(active=True).order_by("month", "day"):
        covering = [a for a in activities if a.key_date_id == key_date.pk or (
            timezone.localtime(a.starts_at).month, timezone.localtime(a.starts_at).day)
            == (key_date.month, key_date.day)]
        reach.key_dates.append(Row(label=f"{key_date.label} {key_date.name}",
                                   sessions=len(covering),
                                   attendance=sum(a.signin_count + a.walkin_count
                                                  for a in covering)))
    lists = list(ResponsibilityList.objects.filter(list_scope(actor), year=year).filter(
        Q(status=ResponsibilityList.Status.APPROVED)).select_related("unit").order_by(
        "unit__name"))
    reach.units = [{"unit": p.lst.unit.name, "list": p.lst, "planned": p.planned,
                    "credited": p.credited, "percent": p.percent}
                   for p in progress_for_lists(lists, now=now)]
    return reach


def bars(rows: list[Row], attr: str = "sessions") -> list[dict[str, Any]]:
    """Rows with a bar width (percent of the largest) for the inline SVG charts."""
    top = max((getattr(row, attr) for row in rows), default=0) or 1
    return [{"label": row.label, "value": getattr(row, attr),
             "width": round(100 * getattr(row, attr) / top, 1)} for row in rows]
