"""What a vote needs to know of its campaign — the campaign row and which candidate is in which
category — kept for ``BALLOT_SECONDS`` in this process's ``local`` cache, so a vote costs no
query for them. A change staff make to a campaign (its window, its limits, a new candidate)
reaches the vote form within that time; the tallies are never cached."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches

from .models import Campaign, Candidate

BALLOT_SECONDS = 10


@dataclass(frozen=True)
class Ballot:
    campaign: Campaign
    candidates: dict[int, int]  # candidate id -> category id
    names: dict[int, str]       # candidate id -> name


def ballot_of(pk: int) -> Ballot | None:
    """The published campaign ``pk`` and its candidates, or None."""
    key = f"voting-ballot:{pk}"
    cache = caches["local"]
    kept = cache.get(key)  # plain values: unpickling a model instance costs more than a query
    if kept is None:
        row = Campaign.objects.filter(pk=pk, is_published=True).values().first()
        if row is None:
            return None
        rows = list(Candidate.objects.filter(campaign_id=pk)
                    .values_list("pk", "category_id", "name"))
        kept = (row, rows)
        cache.set(key, kept, BALLOT_SECONDS)
    row, rows = kept
    return Ballot(campaign=Campaign(**row), candidates={c: cat for c, cat, _n in rows},
                  names={c: name for c, _cat, name in rows})
