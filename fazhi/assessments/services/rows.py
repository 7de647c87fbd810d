"""What the assessment's services share: the rows they lock, the version and turn checks, and
values as the audit log keeps them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict, StaleVersion

from ..access import require_self_assessor
from ..models import Assessment, Cycle, Score

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


EVIDENCE_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".docx")


def plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values as the audit log's JSON keeps them (points as text)."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def check_version(row: Any, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise StaleVersion(current=row)


def locked_cycle(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def locked_assessment(assessment: Assessment) -> Assessment:
    return (Assessment.objects.select_for_update().select_related("cycle")
            .get(pk=assessment.pk))


def require_community_turn(actor: Any, assessment: Assessment) -> None:
    require_self_assessor(actor, assessment.community_id)
    if not assessment.editable_by_community:
        raise Conflict(_("The assessment is %(status)s: the community cannot change it now.")
                       % {"status": assessment.get_status_display()}, current=assessment)


def locked_score(score: Score) -> Score:
    return Score.objects.select_for_update().select_related("indicator").get(pk=score.pk)


def require_item_open(score: Score, assessment: Assessment) -> None:
    if score.review == Score.Review.ACCEPTED:
        raise Conflict(_("The reviewer accepted this item; it is no longer changed."),
                       current=score)
    if assessment.status == Assessment.Status.RETURNED and score.review != Score.Review.RETURNED:
        raise Conflict(_("Only the items the reviewer returned are changed now."), current=score)
