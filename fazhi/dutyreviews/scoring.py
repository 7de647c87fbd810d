"""The arithmetic of a unit's score, apart from any query: parts in, score and grade out.

Weights (docs/dutyreviews.md): the review's ``weight_completion`` on the list's completion,
``weight_rating`` on the outside judgement — the public rating and the panel, split by
``public_share`` — and ``weight_peer`` on the other units' marks. A part with no marks at all
(nobody rated the unit yet) is left out and the weights of the parts present are scaled up to
100, so a missing part neither drags a unit down nor lifts it; the page says which part was
missing. Completion is never missing: a unit without an approved list has completed 0%.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

TENTH = Decimal("0.1")
# (lowest score, grade key, label): the first whose floor the score reaches.
GRADES = [(Decimal(90), "excellent", _("Excellent")), (Decimal(80), "good", _("Good")),
          (Decimal(60), "pass", _("Pass")), (Decimal(0), "fail", _("Fail"))]
GRADE_LABELS = {key: label for _floor, key, label in GRADES}


def tenth(value: Decimal | int | float) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def mix(parts: list[tuple[int, Decimal | None]]) -> Decimal | None:
    """The weighted mean of the parts present; None if none is."""
    present = [(w, v) for w, v in parts if v is not None and w > 0]
    total = sum(w for w, _v in present)
    if not total:
        return None
    return tenth(sum(Decimal(w) * v for w, v in present) / total)


def grade_of(score: Decimal | None) -> str:
    if score is None:
        return ""
    return next(key for floor, key, _label in GRADES if score >= floor)
