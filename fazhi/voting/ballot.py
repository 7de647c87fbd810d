"""What a vote needs to know of its campaign — the campaign row and which candidate is in which
category — read once per process and kept, so a vote costs no query and no unpickling for them.

Nothing a vote is refused for depends on the kept copy being current: the vote's own INSERT
re-reads the campaign and the candidate in the same statement (services.votes), so a campaign
that staff close, unpublish or move a candidate in refuses or counts rightly at once, in every
process. A refusal that could come from an old copy (the window, an unknown candidate, the
database disagreeing) reads the ballot again (``ballot_of(pk, fresh=True)``) and the vote is
tried once more on it (views.public.cast). Only the rate limits come from the kept copy: a
vote cast while staff change them counts against the limits this process read last, and the
one vote that finds its process's copy old may count twice against them (it is tried twice).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .models import Campaign, Candidate

MOST_KEPT = 100  # campaigns a process keeps; past it, the kept ones are dropped


@dataclass(frozen=True)
class Ballot:
    campaign: Campaign
    candidates: dict[int, int]  # candidate id -> category id
    names: dict[int, str]       # candidate id -> name


_KEPT: dict[int, Ballot] = {}
_LOCK = threading.Lock()


def ballot_of(pk: int, *, fresh: bool = False) -> Ballot | None:
    """The published campaign ``pk`` and its candidates, or None (an absent or unpublished
    campaign is never kept: it is read again each time)."""
    if not fresh:
        kept = _KEPT.get(pk)
        if kept is not None:
            return kept
    campaign = Campaign.objects.filter(pk=pk, is_published=True).first()
    if campaign is None:
        ballot_forget(pk)
        return None
    rows = list(Candidate.objects.filter(campaign_id=pk).values_list("pk", "category_id", "name"))
    ballot = Ballot(campaign=campaign, candidates={c: cat for c, cat, _n in rows},
                    names={c: name for c, _cat, name in rows})
    with _LOCK:
        if len(_KEPT) >= MOST_KEPT:
            _KEPT.clear()
        _KEPT[pk] = ballot
    return ballot


def ballot_forget(pk: int) -> None:
    with _LOCK:
        _KEPT.pop(pk, None)


def ballot_forget_local() -> None:
    """Drop every kept ballot (tests start each case from the database)."""
    with _LOCK:
        _KEPT.clear()
