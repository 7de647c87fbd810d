"""Staff decisions: held votes accepted or rejected (in bulk), jury marks. Each is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record

from ..access import is_juror, may_manage, may_read_results
from ..models import Campaign, Candidate, JuryMark, Vote

MAX_BATCH = 500  # ids in one review request


class Decision:
    ACCEPT = "accept"
    REJECT = "reject"
    ALL = (ACCEPT, REJECT)


@transaction.atomic
def votes_review(*, actor: Any, campaign: Campaign, vote_ids: list[int], decision: str,
                 ip: str = "", now: dt.datetime | None = None) -> int:
    """Accept (count) or reject held votes of ``campaign``; the number decided. Ids of votes not
    held (already decided, counted, or of another campaign) are left alone."""
    if not may_manage(actor):
        raise PermissionDenied
    if decision not in Decision.ALL:
        raise ValidationError(_("Choose to accept or to reject."), code="decision")
    ids = sorted({int(i) for i in vote_ids})
    if not ids:
        raise ValidationError(_("Tick at least one vote."), code="empty")
    if len(ids) > MAX_BATCH:
        raise ValidationError(_("At most %(n)d votes at once.") % {"n": MAX_BATCH}, code="batch")
    now = now or timezone.now()
    status = Vote.Status.COUNTED if decision == Decision.ACCEPT else Vote.Status.REJECTED
    held = list(Vote.objects.select_for_update()
                .filter(campaign=campaign, status=Vote.Status.HELD, pk__in=ids)
                .values_list("pk", "candidate_id", "reason"))
    Vote.objects.filter(pk__in=[pk for pk, _c, _r in held]).update(
        status=status, reviewed_by=actor, reviewed_at=now)
    for pk, candidate_id, reason in held:
        audit_record(actor=actor, action=f"vote_{decision}", object_type="voting.vote",
                     object_id=str(pk), object_repr=f"{campaign.title[:150]} #{pk}",
                     changes={"status": ["held", str(status)], "candidate_id": candidate_id,
                              "reason": reason}, ip=ip)
    return len(held)


def _score(value: Any) -> Decimal:
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"score": [_("A mark is a number from 0 to 100.")]}) from None
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": [_("A mark is a number from 0 to 100.")]})
    return score.quantize(Decimal("0.01"))


@transaction.atomic
def mark_set(*, actor: Any, campaign: Campaign, candidate_id: int, score: Any,
             ip: str = "") -> JuryMark:
    """A jury member's mark (0-100) for a candidate; a second mark replaces the first."""
    if not is_juror(actor, campaign):
        raise PermissionDenied
    candidate = Candidate.objects.filter(campaign=campaign, pk=candidate_id).first()
    if candidate is None:
        raise ValidationError(_("This candidate is not in this campaign."), code="candidate")
    value = _score(score)
    mark = (JuryMark.objects.select_for_update().filter(candidate=candidate, juror=actor).first()
            or JuryMark(campaign=campaign, candidate=candidate, juror=actor, score=value))
    before = None if mark.pk is None else str(mark.score)
    mark.score = value
    mark.full_clean()
    mark.save()
    audit_record(actor=actor, action="jury_mark", obj=candidate,
                 changes={"score": [before, str(value)]}, ip=ip)
    return mark


@transaction.atomic
def results_exported(*, actor: Any, campaign: Campaign, rows: int, ip: str = "") -> None:
    """Every export of the results is audited."""
    if not may_read_results(actor):
        raise PermissionDenied
    audit_record(actor=actor, action="export", obj=campaign,
                 detail=f"voting results ({rows})", ip=ip)
