"""The community's self-assessment: started (freezing the tree), items read from the records
again, scored by hand, submitted for review."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import Conflict
from fazhi.org.models import Region
from fazhi.org.selectors import communities_for

from ..access import require_self_assessor
from ..measures import measure, points
from ..models import Assessment, Cycle, Evidence, Indicator, Score
from .rows import (
    check_version,
    locked_assessment,
    locked_cycle,
    locked_score,
    plain,
    require_community_turn,
    require_item_open,
)


def _measure_scores(actor: Any, assessment: Assessment, scores: list[Score]) -> None:
    year = assessment.cycle.last_year
    for score in scores:
        item = score.indicator
        if item.method != Indicator.Method.AUTO:
            continue
        m = measure(actor=actor, rule=item.rule, community_id=assessment.community_id,
                    year=year)
        score.measured, score.measure_note = m.value, m.note[:200]
        score.self_score = points(item, m.value)


@transaction.atomic
def assessment_start(*, actor: Any, cycle: Cycle, community: Region | None = None,
                     kind: str = Assessment.Kind.APPLICATION, ip: str = "") -> Assessment:
    """Start the community's self-assessment in the cycle (the actor's own community), freezing
    the cycle's tree; a second call returns the one already started."""
    community_id = community.pk if community else actor.community_id
    require_self_assessor(actor, community_id)
    if not communities_for(actor=actor).filter(pk=community_id).exists():
        raise PermissionDenied
    locked = locked_cycle(cycle)
    existing = Assessment.objects.filter(cycle=locked, community_id=community_id).first()
    if existing is not None:
        return existing
    if kind not in Assessment.Kind.values:
        raise ValidationError({"kind": [_("Choose the kind of assessment.")]})
    items = list(locked.indicators.all())
    if not items:
        raise Conflict(_("The cycle has no items yet."), current=locked)
    if not locked.frozen:
        locked.frozen_at = timezone.now()
        locked.save(update_fields=["frozen_at"])
    assessment = Assessment(cycle=locked, community_id=community_id, kind=kind,
                            tree_version=locked.tree_version, started_by=actor)
    assessment.full_clean(validate_constraints=False)
    assessment.save()
    scores = [Score(assessment=assessment, indicator=i) for i in items]
    _measure_scores(actor, assessment, scores)
    Score.objects.bulk_create(scores)
    audit_record(actor=actor, action="create", obj=assessment, ip=ip,
                 detail=f"tree v{locked.tree_version}")
    return assessment


@transaction.atomic
def assessment_measure(*, actor: Any, assessment: Assessment, ip: str = "") -> Assessment:
    """Read the automatic items from the records again (while the community holds it)."""
    locked = locked_assessment(assessment)
    require_community_turn(actor, locked)
    scores = list(locked.scores.select_for_update().select_related("indicator")
                  .exclude(review=Score.Review.ACCEPTED))
    _measure_scores(actor, locked, scores)
    for score in scores:
        if score.indicator.method == Indicator.Method.AUTO:
            score.version += 1
    Score.objects.bulk_update(scores, ["measured", "measure_note", "self_score", "version"])
    audit_record(actor=actor, action="update", obj=locked, ip=ip, detail="measured")
    return locked


@transaction.atomic
def score_self(*, actor: Any, score: Score, expected_version: int | None,
               self_score: Decimal | None, self_note: str = "", ip: str = "") -> Score:
    """The community's own score and note for a manual item (automatic items are read from
    the records and take a note only)."""
    locked = locked_score(score)
    assessment = locked_assessment(locked.assessment)
    require_community_turn(actor, assessment)
    check_version(locked, expected_version)
    require_item_open(locked, assessment)
    before = {"self_score": locked.self_score, "self_note": locked.self_note}
    if locked.indicator.method == Indicator.Method.MANUAL:
        if self_score is None:
            raise ValidationError({"self_score": [_("Give the item's score.")]})
        locked.self_score = self_score
    locked.self_note = self_note.strip()
    locked.full_clean(validate_constraints=False)
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="update", obj=locked, ip=ip,
                 changes=changed_fields(plain(before), plain({"self_score": locked.self_score,
                                                               "self_note": locked.self_note})),
                 detail=f"assessment {assessment.pk}")
    return locked


@transaction.atomic
def assessment_submit(*, actor: Any, assessment: Assessment, expected_version: int | None,
                      ip: str = "") -> Assessment:
    """Hand the self-assessment to the sub-district: every manual item scored, every manual
    item with points backed by evidence; the automatic items are read once more."""
    locked = locked_assessment(assessment)
    require_community_turn(actor, locked)
    check_version(locked, expected_version)
    scores = list(locked.scores.select_for_update().select_related("indicator")
                  .exclude(review=Score.Review.ACCEPTED))
    _measure_scores(actor, locked, scores)
    missing = [s.indicator.title for s in scores if s.indicator.method == Indicator.Method.MANUAL
               and s.self_score is None]
    if missing:
        raise ValidationError(_("Score every item first: %(items)s.")
                              % {"items": "；".join(missing)})
    with_evidence = set(Evidence.objects.filter(score__in=scores).values_list("score_id",
                                                                               flat=True))
    bare = [s.indicator.title for s in scores if s.indicator.method == Indicator.Method.MANUAL
            and s.self_score and s.pk not in with_evidence]
    if bare:
        raise ValidationError(_("Add evidence to each item you give points: %(items)s.")
                              % {"items": "；".join(bare)})
    for score in scores:
        score.review = Score.Review.PENDING
        score.version += 1
    Score.objects.bulk_update(scores, ["measured", "measure_note", "self_score", "review",
                                       "version"])
    locked.status = Assessment.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="transition", obj=locked, ip=ip, detail="submitted")
    return locked
