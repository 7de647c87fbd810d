"""Unit and community rates of an exam: enrolled, sat, passed, excellent, with rates and a
ranking (pass rate, then sat rate, then name). One GROUP BY over the enrolments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.percents import Percent
from fazhi.org.models import Region, Unit

from .models import Exam
from .selectors import enrolments_for

# What a year's 优秀 (or 良好) means for a unit, a community or the whole sub-district: its sat,
# pass and excellence rates (percent of the enrolled) all at least these.
RATINGS = [("excellent", _("Excellent"), (95, 95, 50)),
           ("good", _("Good"), (90, 90, 0))]


@dataclass
class Rate:
    pk: int | None
    name: str
    enrolled: int
    sat: int
    passed: int
    excellent: int
    rank: int = 0

    sat_rate = Percent("sat", of="enrolled")
    pass_rate = Percent("passed", of="enrolled")
    excellent_rate = Percent("excellent", of="enrolled")

    @property
    def rating(self) -> str:
        """"excellent", "good" or "" (below both) by ``RATINGS``."""
        rates = (self.sat_rate, self.pass_rate, self.excellent_rate)
        for key, _label, floors in RATINGS:
            if self.enrolled and all(r >= f for r, f in zip(rates, floors, strict=True)):
                return key
        return ""

    @property
    def rating_label(self) -> str:
        return str(next((label for key, label, _f in RATINGS if key == self.rating), "—"))


def _rates(rows: list[Any], key: str, names: dict[Any, str]) -> list[Rate]:
    rates = [Rate(row[key], names.get(row[key], "—"), row["enrolled"], row["sat_n"],
                  row["passed_n"], row["excellent_n"]) for row in rows]
    rates.sort(key=lambda r: (-r.pass_rate, -r.sat_rate, r.name))
    for rank, rate in enumerate(rates, start=1):
        rate.rank = rank
    return rates


def exam_rates(*, actor: Any, exam: Exam) -> tuple[list[Rate], list[Rate], Rate]:
    """(by unit, by community, total) of the enrolments the actor may read."""
    counts = {"enrolled": Count("pk"), "sat_n": Count("pk", filter=Q(sat=True)),
              "passed_n": Count("pk", filter=Q(passed=True)),
              "excellent_n": Count("pk", filter=Q(excellent=True))}
    base = enrolments_for(actor=actor, exam=exam)
    by_unit = list(base.values("unit_id").annotate(**counts).order_by())
    by_community = list(base.values("community_id").annotate(**counts).order_by())
    units = dict(Unit.objects.filter(pk__in=[r["unit_id"] for r in by_unit])
                 .values_list("pk", "name"))
    communities = dict(Region.objects.filter(pk__in=[r["community_id"] for r in by_community])
                       .values_list("pk", "name"))
    whole = base.aggregate(**counts)
    total = Rate(None, "", whole["enrolled"], whole["sat_n"], whole["passed_n"],
                 whole["excellent_n"])
    return _rates(by_unit, "unit_id", units), _rates(by_community, "community_id",
                                                     communities), total
