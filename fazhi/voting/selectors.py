"""Reads: public campaigns and their live tallies; the staff's held votes and results.

Tallies are counts of counted votes, one grouped query over the index (campaign, status,
candidate), so every app server shows the same figure the moment a vote commits.

The final score of a candidate (``results_for``):

- public score = 100 x its counted votes / the most counted votes of a candidate in the same
  category (0 when nobody there has a vote);
- jury score = the mean of the jury's marks (0-100; 0 when nobody marked it yet);
- final = public score x weight% + jury score x (100 - weight)%, to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .access import is_juror, may_manage, may_read_results
from .models import Campaign, Candidate, Category, JuryMark, Vote

TWO = Decimal("0.01")


def public_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(is_published=True)


def campaign_get_public(*, pk: int) -> Campaign:
    campaign = public_campaigns().filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def candidate_get_public(*, campaign: Campaign, pk: int) -> Candidate:
    candidate = (Candidate.objects.filter(campaign=campaign, pk=pk).select_related("category")
                 .first())
    if candidate is None:
        raise Http404
    return candidate


def tally_of(campaign: Campaign, *, status: str = Vote.Status.COUNTED) -> dict[int, int]:
    """{candidate id: votes of ``status``} for every candidate with at least one."""
    return dict(Vote.objects.filter(campaign=campaign, status=status).values("candidate_id")
                .annotate(n=Count("pk")).order_by().values_list("candidate_id", "n"))


def votes_for(candidate: Candidate) -> int:
    """One candidate's counted votes (an index-only count)."""
    return Vote.objects.filter(campaign_id=candidate.campaign_id, status=Vote.Status.COUNTED,
                               candidate=candidate).count()


@dataclass
class Board:
    """A campaign's categories, each with its candidates and their counted votes."""

    campaign: Campaign
    categories: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def board_of(campaign: Campaign) -> Board:
    """Three queries whatever the size: categories, candidates, tallies."""
    tally = tally_of(campaign)
    candidates: dict[int, list[Candidate]] = {}
    for candidate in Candidate.objects.filter(campaign=campaign):
        candidate.counted = tally.get(candidate.pk, 0)  # type: ignore[attr-defined]
        candidates.setdefault(candidate.category_id, []).append(candidate)
    board = Board(campaign=campaign, total=sum(tally.values()))
    for category in Category.objects.filter(campaign=campaign):
        rows = candidates.get(category.pk, [])
        most = max((c.counted for c in rows), default=0)  # type: ignore[attr-defined]
        for c in rows:
            c.share = round(100 * c.counted / most) if most else 0  # type: ignore[attr-defined]
        board.categories.append({"category": category, "candidates": rows})
    return board


def state_of(campaign: Campaign) -> str:
    """"upcoming", "open" or "closed", now."""
    now = timezone.now()
    if now < campaign.opens_at:
        return "upcoming"
    return "open" if now < campaign.closes_at else "closed"


# --- staff ---------------------------------------------------------------------------------

def campaign_list_for(*, actor: Any) -> QuerySet[Campaign]:
    """Every campaign for managers and result readers; a juror's own campaigns; else none."""
    if may_manage(actor) or may_read_results(actor):
        return Campaign.objects.all()
    if getattr(actor, "is_authenticated", False):
        return Campaign.objects.filter(jurors=actor)
    return Campaign.objects.none()


def campaign_get_for(*, actor: Any, pk: int) -> Campaign:
    campaign = campaign_list_for(actor=actor).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def held_votes_for(*, actor: Any, campaign: Campaign) -> QuerySet[Vote]:
    """The review queue: held votes, oldest first (managers only)."""
    if not may_manage(actor):
        raise PermissionDenied
    return (Vote.objects.filter(campaign=campaign, status=Vote.Status.HELD)
            .select_related("candidate", "category").order_by("cast_at", "pk"))


@dataclass
class ResultRow:
    candidate: Candidate
    category: Category
    votes: int
    held: int
    rejected: int
    marks: int
    public_score: Decimal
    jury_score: Decimal
    final: Decimal
    rank: int = 0


def results_for(*, actor: Any, campaign: Campaign) -> list[ResultRow]:
    """Every candidate's figures and final score, ranked within its category."""
    if not may_read_results(actor):
        raise PermissionDenied
    counts = {(row["candidate_id"], row["status"]): row["n"] for row in
              Vote.objects.filter(campaign=campaign).values("candidate_id", "status")
              .annotate(n=Count("pk")).order_by()}
    juries = {row["candidate_id"]: row for row in
              JuryMark.objects.filter(campaign=campaign).values("candidate_id")
              .annotate(mean=Avg("score"), n=Count("pk")).order_by()}
    candidates = list(Candidate.objects.filter(campaign=campaign).select_related("category")
                      .order_by("category__position", "category_id", "position", "pk"))
    most: dict[int, int] = {}
    for c in candidates:
        n = counts.get((c.pk, Vote.Status.COUNTED), 0)
        most[c.category_id] = max(most.get(c.category_id, 0), n)
    weight = Decimal(campaign.public_weight) / 100
    rows = []
    for c in candidates:
        votes = counts.get((c.pk, Vote.Status.COUNTED), 0)
        top = most[c.category_id]
        public = ((Decimal(100 * votes) / top).quantize(TWO, ROUND_HALF_UP) if top
                  else Decimal("0.00"))
        jury = juries.get(c.pk)
        jury_score = (Decimal(jury["mean"]).quantize(TWO, ROUND_HALF_UP) if jury
                      else Decimal("0.00"))
        final = (public * weight + jury_score * (1 - weight)).quantize(TWO, ROUND_HALF_UP)
        rows.append(ResultRow(candidate=c, category=c.category, votes=votes,
                              held=counts.get((c.pk, Vote.Status.HELD), 0),
                              rejected=counts.get((c.pk, Vote.Status.REJECTED), 0),
                              marks=jury["n"] if jury else 0, public_score=public,
                              jury_score=jury_score, final=final))
    by_category: dict[int, list[ResultRow]] = {}
    for row in rows:
        by_category.setdefault(row.category.pk, []).append(row)
    ordered: list[ResultRow] = []
    for group in by_category.values():
        group.sort(key=lambda r: (-r.final, -r.votes, r.candidate.pk))
        for rank, row in enumerate(group, start=1):
            row.rank = rank
        ordered.extend(group)
    return ordered


def marks_for(*, actor: Any, campaign: Campaign) -> list[tuple[Candidate, Decimal | None]]:
    """A jury member's own marks, one row per candidate (None where not yet marked)."""
    if not is_juror(actor, campaign):
        raise PermissionDenied
    mine = dict(JuryMark.objects.filter(campaign=campaign, juror=actor)
                .values_list("candidate_id", "score"))
    return [(c, mine.get(c.pk)) for c in Candidate.objects.filter(campaign=campaign)
            .select_related("category").order_by("category__position", "category_id",
                                                 "position", "pk")]


def work_for(actor: Any) -> dict[str, Any] | None:
    """The staff home's section (``voting/_work.html`` words it): held votes waiting for
    review (managers only)."""
    if not may_manage(actor):
        return None
    # Every campaign with a held vote (a handful a year): the badge counts them all, the
    # section lists the five that opened last.
    waiting = list(Campaign.objects.annotate(
        held=Count("votes", filter=Q(votes__status=Vote.Status.HELD))).filter(held__gt=0)
        .order_by("-opens_at").values_list("pk", "title", "held"))
    rows = [{"pk": pk, "title": title, "held": n} for pk, title, n in waiting[:5]]
    return {"count": sum(n for _p, _t, n in waiting), "rows": rows}
