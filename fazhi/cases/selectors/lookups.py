"""Finding a case by what a caller holds in hand rather than by its words: the case number
(whole, or its last digits), the resident's tracking code, a party's exact name, or a party's
mobile (by its keyed hash; the number itself is never stored in the clear). The search box
tries these before the full-text index (selectors/cases.case_list_for)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from fazhi.core.crypto import lookup_hash
from fazhi.core.identity import is_mobile, normalise_mobile

from ..models import Case, Party

LOOKUP_MAX = 200  # cases a look-up may name; more are left to the full-text search
_TRACKING = re.compile(r"[23456789A-HJ-NP-Z]{10}")
_NUMBER = re.compile(r"[A-Z]{1,8}-\d{4}-\d{1,8}")


@dataclass(frozen=True)
class Lookup:
    ids: list[int]
    # An identifier (number, code, mobile) that matched stands alone; a name is also words.
    exclusive: bool


def case_lookup(cases: QuerySet[Case], query: str) -> Lookup:
    """The ids among ``cases`` (already scoped to the viewer) that ``query`` names exactly."""
    text = (query or "").strip()
    if not text or len(text) > 40:
        return Lookup([], False)
    upper = text.upper()
    if is_mobile(text):
        holders = (Party.objects.filter(mobile_hash=lookup_hash(normalise_mobile(text)))
                   .values("case_id"))
        return _found(cases.filter(pk__in=holders), exclusive=True)
    if _TRACKING.fullmatch(upper):
        found = _found(cases.filter(tracking_code=upper), exclusive=True)
        if found.ids:
            return found
    if _NUMBER.fullmatch(upper):
        return _found(cases.filter(number=upper), exclusive=True)
    if text.isdigit() and len(text) <= 8:
        return _found(cases.filter(number__endswith=f"-{int(text):06d}")
                      if len(text) <= 6 else cases.filter(number__endswith=text), exclusive=True)
    named = Party.objects.filter(name=text).values("case_id")
    return _found(cases.filter(pk__in=named), exclusive=False)


def _found(cases: QuerySet[Case], *, exclusive: bool) -> Lookup:
    return Lookup(list(cases.order_by("-id").values_list("pk", flat=True)[:LOOKUP_MAX]),
                  exclusive)
