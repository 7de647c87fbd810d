"""The sub-district's review: each item accepted or returned with a note, the assessment sent
back or concluded with its score, grade and decision."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import Conflict

from ..access import require_reviewer
from ..models import Assessment, Score
from .rows import (
    check_version,
    locked_assessment,
    locked_score,
)


def _require_review_turn(actor: Any, assessment: Assessment) -> None:
    require_reviewer(actor)
    if assessment.status != Assessment.Status.SUBMITTED:
        raise Conflict(_("The assessment is %(status)s: there is nothing to review now.")
                       % {"status": assessment.get_status_display()}, current=assessment)


@transaction.atomic
def score_review(*, actor: Any, score: Score, expected_version: int | None, verdict: str,
                 review_score: Decimal | None = None, review_note: str = "",
                 ip: str = "") -> Score:
    """Accept an item (at the community's score unless the reviewer gives another, with a
    note) or return it to the community with a note saying what is missing."""
    locked = locked_score(score)
    assessment = locked_assessment(locked.assessment)
    _require_review_turn(actor, assessment)
    check_version(locked, expected_version)
    note = review_note.strip()
    if verdict == Score.Review.RETURNED:
        if not note:
            raise ValidationError({"review_note": [_(
                "Say what the community should add or change.")]})
        locked.review_score = None
    elif verdict == Score.Review.ACCEPTED:
        given = review_score if review_score is not None else locked.self_score
        if given is None:
            raise ValidationError({"review_score": [_("Give the item's score.")]})
        if given != locked.self_score and not note:
            raise ValidationError({"review_note": [_(
                "Say why the score differs from the community's.")]})
        locked.review_score = given
    else:
        raise ValidationError({"verdict": [_("Accept the item or return it.")]})
    before = {"review": locked.review, "review_note": locked.review_note}
    locked.review, locked.review_note, locked.reviewed_by = verdict, note, actor
    locked.full_clean(validate_constraints=False)
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip,
                 changes=changed_fields(before, {"review": verdict, "review_note": note}),
                 detail=f"review {verdict} assessment {assessment.pk} score {locked.review_score}")
    return locked


@transaction.atomic
def assessment_send_back(*, actor: Any, assessment: Assessment, expected_version: int | None,
                         ip: str = "") -> Assessment:
    """Return the assessment to the community once every item is reviewed and one or more are
    returned; the community changes those items only and submits again."""
    locked = locked_assessment(assessment)
    _require_review_turn(actor, locked)
    check_version(locked, expected_version)
    reviews = set(locked.scores.values_list("review", flat=True))
    if Score.Review.PENDING in reviews:
        raise Conflict(_("Review every item first."), current=locked)
    if Score.Review.RETURNED not in reviews:
        raise Conflict(_("No item is returned: conclude the assessment instead."),
                       current=locked)
    locked.status = Assessment.Status.RETURNED
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip, detail="returned")
    return locked


def decision_for(assessment: Assessment, score: Decimal) -> tuple[str, str]:
    """The grade and the decision a total earns under the cycle's marks."""
    cycle = assessment.cycle
    G, D = Assessment.Grade, Assessment.Decision
    grade = (G.EXCELLENT if score >= cycle.excellent_score
             else G.PASS if score >= cycle.pass_score else G.FAIL)
    if assessment.kind == Assessment.Kind.RECHECK:
        decision = (D.KEPT if score >= cycle.pass_score
                    else D.WARNED if score >= cycle.warn_score else D.REVOKED)
    else:
        decision = D.NAMED if score >= cycle.pass_score else D.NOT_NAMED
    return grade, decision


@transaction.atomic
def assessment_conclude(*, actor: Any, assessment: Assessment, expected_version: int | None,
                        ip: str = "") -> Assessment:
    """Every item accepted: the total of the reviewed scores, its grade and the decision."""
    locked = locked_assessment(assessment)
    _require_review_turn(actor, locked)
    check_version(locked, expected_version)
    scores = list(locked.scores.values_list("review", "review_score"))
    if any(review != Score.Review.ACCEPTED for review, _s in scores):
        raise Conflict(_("Accept every item first (or send the returned ones back)."),
                       current=locked)
    total = sum((s or Decimal(0) for _r, s in scores), Decimal(0))
    locked.score = total
    locked.grade, locked.decision = decision_for(locked, total)
    locked.status = Assessment.Status.CONCLUDED
    locked.concluded_at, locked.concluded_by = timezone.now(), actor
    locked.decided_on = timezone.localdate()
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip,
                 detail=f"concluded {total} {locked.grade} {locked.decision}")
    return locked
