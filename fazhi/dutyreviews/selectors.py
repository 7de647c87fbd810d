"""Scoped reads of duty reviews, and each unit's score with the figures behind it.

A page of scores costs a fixed number of queries whatever the number of units: the units, the
approved lists of the year and their progress (outreach's selectors, two queries), then one
grouped query each for the public ratings, the panel's marks and the peer marks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core.roles import require_reader
from fazhi.org.models import Unit
from fazhi.outreach.models import ResponsibilityList
from fazhi.outreach.selectors.lists import list_list_for
from fazhi.outreach.selectors.progress import ListProgress, progress_for_lists

from .access import is_staff_account, member_unit_of, reads_every_score
from .models import PanelMark, PeerMark, PublicRating, Review
from .scoring import GRADE_LABELS, grade_of, mix, tenth


def review_list_for(*, actor: Any) -> QuerySet[Review]:
    """Every review for the readers of every score; else the reviews whose panel names the
    actor or whose units include the actor's unit."""
    require_reader(actor)
    reviews = Review.objects.order_by("-year")
    if reads_every_score(actor):
        return reviews
    mine = Q(panel=actor)
    if getattr(actor, "unit_id", None):
        mine |= Q(units=actor.unit_id)
    return reviews.filter(pk__in=Review.objects.filter(mine).values("pk"))


def review_get_for(*, actor: Any, pk: int) -> Review:
    review = review_list_for(actor=actor).filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


def review_of_year_for(*, actor: Any, year: int) -> Review:
    review = review_list_for(actor=actor).filter(year=year).first()
    if review is None:
        raise Http404
    return review


def unit_ids_of(review: Review) -> set[int]:
    return set(review.units.values_list("pk", flat=True))


def is_panel_member(actor: Any, review: Review) -> bool:
    return is_staff_account(actor) and review.panel.filter(pk=actor.pk).exists()


def visible_unit_ids(*, actor: Any, review: Review) -> set[int]:
    """The units whose score the actor reads: all, or their own reviewed unit, or none."""
    units = unit_ids_of(review)
    if reads_every_score(actor):
        return units
    own = member_unit_of(actor, units)
    return {own} if own else set()


@dataclass
class UnitScore:
    unit: Unit
    progress: ListProgress | None  # None: no approved list for the year
    ratings: dict[str, int] = field(default_factory=dict)  # level -> count
    panel_count: int = 0
    panel_score: Decimal | None = None
    peer_count: int = 0
    peer_score: Decimal | None = None
    completion: Decimal = Decimal(0)
    public_score: Decimal | None = None
    rating_score: Decimal | None = None
    total: Decimal | None = None
    grade: str = ""
    rank: int = 0

    @property
    def rating_count(self) -> int:
        return sum(self.ratings.values())

    @property
    def grade_label(self) -> str:
        return str(GRADE_LABELS.get(self.grade, ""))

    @property
    def activities(self) -> int:
        return sum(self.progress.done_by_quarter) if self.progress else 0

    @property
    def missing(self) -> list[str]:
        out = []
        if self.public_score is None:
            out.append("public")
        if self.panel_score is None:
            out.append("panel")
        if self.peer_score is None:
            out.append("peer")
        return out


def _public_score(ratings: dict[str, int]) -> Decimal | None:
    n = sum(ratings.values())
    if not n:
        return None
    points = sum(PublicRating.POINTS[PublicRating.Level(level)] * c
                 for level, c in ratings.items())
    return tenth(Decimal(points) / n)


def scores_for(*, actor: Any, review: Review, now: dt.datetime | None = None,
               unit_ids: set[int] | None = None) -> list[UnitScore]:
    """The score of every unit the actor may read (``unit_ids`` narrows it), best first."""
    require_reader(actor)
    wanted = visible_unit_ids(actor=actor, review=review)
    if unit_ids is not None:
        wanted &= unit_ids
    if not wanted:
        return []
    now = now or timezone.now()
    units = list(Unit.objects.filter(pk__in=wanted).order_by("name", "pk"))
    lists = list(list_list_for(actor=actor, year=review.year,
                               status=ResponsibilityList.Status.APPROVED)
                 .filter(unit_id__in=wanted))
    progress = {p.lst.unit_id: p for p in progress_for_lists(lists, now=now)}
    ratings: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (PublicRating.objects.filter(review=review, unit_id__in=wanted).order_by()
                .values("unit_id", "level").annotate(n=Count("pk"))):
        ratings[row["unit_id"]][row["level"]] = row["n"]
    panel = {r["unit_id"]: r for r in PanelMark.objects.filter(review=review, unit_id__in=wanted)
             .order_by().values("unit_id").annotate(n=Count("pk"), mean=Avg("score"))}
    peers = {r["unit_id"]: r for r in PeerMark.objects.filter(review=review, unit_id__in=wanted)
             .order_by().values("unit_id").annotate(n=Count("pk"), mean=Avg("score"))}
    scores = []
    for unit in units:
        s = UnitScore(unit=unit, progress=progress.get(unit.pk), ratings=ratings.get(unit.pk, {}))
        p = s.progress
        # One decimal, from the counts (outreach's ListProgress.percent is a whole number).
        s.completion = tenth(Decimal(100 * p.credited) / p.planned) if p and p.planned else (
            Decimal("0.0"))
        if unit.pk in panel:
            s.panel_count = panel[unit.pk]["n"]
            s.panel_score = tenth(panel[unit.pk]["mean"])
        if unit.pk in peers:
            s.peer_count = peers[unit.pk]["n"]
            s.peer_score = tenth(peers[unit.pk]["mean"])
        s.public_score = _public_score(s.ratings)
        s.rating_score = mix([(review.public_share, s.public_score),
                              (100 - review.public_share, s.panel_score)])
        s.total = mix([(review.weight_completion, s.completion),
                       (review.weight_rating, s.rating_score),
                       (review.weight_peer, s.peer_score)])
        s.grade = grade_of(s.total)
        scores.append(s)
    scores.sort(key=lambda s: (-(s.total if s.total is not None else Decimal(-1)),
                               s.unit.name, s.unit.pk))
    for rank, s in enumerate(scores, start=1):
        s.rank = rank
    return scores


def score_get_for(*, actor: Any, review: Review, unit_pk: int) -> UnitScore:
    found = scores_for(actor=actor, review=review, unit_ids={unit_pk})
    if not found:
        raise Http404
    return found[0]


def units_of(review: Review) -> QuerySet[Unit]:
    return review.units.order_by("name", "pk")


def sheet_stamp(marks: QuerySet[Any]) -> str:
    """What a sheet of marks looked like: how many marks and when the last changed (the
    version a sheet is saved against, services.marks)."""
    found = marks.aggregate(n=Count("pk"), last=Max("updated_at"))
    return f"{found['n']}:{found['last'].isoformat() if found['last'] else '-'}"


def panel_stamp(*, actor: Any, review: Review) -> str:
    return sheet_stamp(PanelMark.objects.filter(review=review, member=actor))


def peer_stamp(*, review: Review, by_unit: int) -> str:
    return sheet_stamp(PeerMark.objects.filter(review=review, by_unit_id=by_unit))


COMMENTS_SHOWN = 100


def comments_for(*, actor: Any, review: Review, unit_pk: int) -> list[PublicRating]:
    """Residents' comments on a unit, newest first: for the readers of every score only."""
    if not reads_every_score(actor):
        return []
    return list(PublicRating.objects.filter(review=review, unit_id=unit_pk).exclude(comment="")
                .only("level", "comment", "created_at").order_by("-created_at", "-pk")
                [:COMMENTS_SHOWN])


def panel_marks_of(*, actor: Any, review: Review) -> dict[int, Decimal]:
    """The actor's own panel marks: unit id -> mark."""
    return dict(PanelMark.objects.filter(review=review, member=actor)
                .values_list("unit_id", "score"))


def peer_marks_of(*, review: Review, by_unit: int) -> dict[int, Decimal]:
    """The marks the actor's unit gave: unit id -> mark."""
    return dict(PeerMark.objects.filter(review=review, by_unit_id=by_unit)
                .values_list("unit_id", "score"))


# The public side: published reviews only, no log-in.

def public_reviews() -> QuerySet[Review]:
    return Review.objects.filter(is_published=True).order_by("-year")


def review_get_public(*, pk: int) -> Review:
    review = public_reviews().filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


def rating_state(review: Review, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if now < review.rating_opens_at:
        return "not_open"
    return "open" if now < review.rating_closes_at else "closed"


def rated_units(*, review: Review, voter: str | None) -> set[int]:
    if not voter:
        return set()
    return set(PublicRating.objects.filter(review=review, voter=voter)
               .values_list("unit_id", flat=True))
