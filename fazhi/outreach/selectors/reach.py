"""Reach and statistics for a period (a year, several years, any dates): sessions and attendance by kind, month and community;
unique people by mobile; coverage of the six places and of key dates; completion per unit."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.periods import on_days

from ..access import activity_scope, list_scope
from ..models import Activity, KeyDate, ResponsibilityList, SignIn
from .activities import with_attendance
from .progress import progress_for_lists


@dataclass
class Row:
    label: str
    sessions: int = 0
    attendance: int = 0


@dataclass(frozen=True)
class Period:
    """Inclusive dates, local time."""

    since: dt.date
    until: dt.date

    @classmethod
    def of_years(cls, first: int, last: int | None = None) -> Period:
        return cls(dt.date(first, 1, 1), dt.date(last or first, 12, 31))

    @property
    def whole_years(self) -> bool:
        return (self.since.month, self.since.day, self.until.month, self.until.day) == (1, 1, 12, 31)

    @property
    def years(self) -> range:
        return range(self.since.year, self.until.year + 1)

    @property
    def label(self) -> str:
        if self.whole_years:
            first, last = self.since.year, self.until.year
            return str(first) if first == last else f"{first}–{last}"
        return f"{self.since.isoformat()} – {self.until.isoformat()}"

    @property
    def slug(self) -> str:
        return self.label.replace("–", "-").replace(" ", "")


@dataclass
class Reach:
    period: Period
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
    kinds: dict[str, int] = field(default_factory=dict)

    def kind_sessions(self, kind: str) -> int:
        """Sessions of one ``Activity.Kind`` held in the period."""
        return self.kinds.get(kind, 0)

    @property
    def places_covered(self) -> int:
        return sum(1 for row in self.places if row.sessions)

    @property
    def key_dates_covered(self) -> int:
        return sum(1 for row in self.key_dates if row.sessions)


def _rows(counter: Counter, attendance: Counter, labels: list[tuple[Any, str]]) -> list[Row]:
    return [Row(label=label, sessions=counter[key], attendance=attendance[key])
            for key, label in labels]


def reach_for(*, actor: Any, year: int | None = None, period: Period | None = None,
              now: dt.datetime | None = None, community: int | None = None) -> Reach:
    """Figures for ``period`` (or one ``year``). Only activities that have started count (a
    planned activity reached nobody yet); unique people are counted once over the whole period.
    With ``community``, only that community's own activities (not the street-wide ones)."""
    now = now or timezone.now()
    if period is None:
        period = Period.of_years(year or timezone.localdate().year)
    held = Activity.objects.filter(activity_scope(actor),
                                   on_days("starts_at", period.since, period.until),
                                   starts_at__lte=now)
    if community:
        held = held.filter(community_id=community)
    activities: list[Any] = list(with_attendance(held).select_related("community", "key_date")
                                 .order_by())
    reach = Reach(period=period, sessions=len(activities))
    one_year = len(period.years) == 1
    counts: dict[str, Counter] = defaultdict(Counter)
    people: dict[str, Counter] = defaultdict(Counter)
    communities: dict[Any, str] = {}
    for a in activities:
        total = a.signin_count + a.walkin_count
        reach.signins += a.signin_count
        reach.walkins += a.walkin_count
        local = timezone.localtime(a.starts_at)
        keys = {"kind": a.kind, "month": local.month if one_year else (local.year, local.month),
                "community": a.community_id or 0, "place": a.place or None}
        for name, key in keys.items():
            if key is not None:
                counts[name][key] += 1
                people[name][key] += total
        communities[a.community_id or 0] = a.community.name if a.community else ""
    reach.attendance = reach.signins + reach.walkins
    reach.kinds = dict(counts["kind"])
    reach.unique_people = (SignIn.objects.filter(activity__in=held.values("pk"))
                           .values("mobile_hash").distinct().count())
    reach.by_kind = [row for row in _rows(counts["kind"], people["kind"],
                                          [(k, str(label)) for k, label in Activity.Kind.choices])
                     if row.sessions]
    months: list[tuple[Any, str]] = (
        [(m, f"{m}") for m in range(1, 13)] if one_year else
        [((y, m), f"{y}-{m:02d}") for y in period.years for m in range(1, 13)
         if period.since <= dt.date(y, m, calendar.monthrange(y, m)[1])
         and dt.date(y, m, 1) <= period.until])
    reach.by_month = _rows(counts["month"], people["month"], months)
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
    # Completion of the approved lists of every year the period touches (one row per list).
    lists = list(ResponsibilityList.objects.filter(
        list_scope(actor), year__gte=period.since.year, year__lte=period.until.year,
        status=ResponsibilityList.Status.APPROVED).select_related("unit").order_by(
        "unit__name", "year"))
    reach.units = [{"unit": p.lst.unit.name if one_year else f"{p.lst.unit.name} {p.lst.year}",
                    "list": p.lst, "planned": p.planned, "credited": p.credited,
                    "percent": p.percent}
                   for p in progress_for_lists(lists, now=now)]
    return reach
