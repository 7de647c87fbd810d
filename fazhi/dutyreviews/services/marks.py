"""The panel's marks and the member units' marks of each other, each entered as a sheet (one
mark per unit, a blank leaves a unit unmarked). A sheet carries the stamp of the marks it was
read with (``sheet_stamp``): if someone else saved that sheet since (a colleague of the same
unit), the save is refused as stale and nothing changes. Every mark that changes is audited."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.conflicts import StaleVersion

from ..access import member_unit_of
from ..models import PanelMark, PeerMark, Review
from ..selectors import is_panel_member, sheet_stamp, unit_ids_of

MAX_MARKS = 200  # units in one sheet


def _score(value: Any, unit_id: int) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        score = Decimal("NaN")
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({f"unit_{unit_id}": [_("A mark is a number from 0 to 100.")]})
    return score.quantize(Decimal("0.01"))


def _checked(marks: dict[int, Any], allowed: set[int]) -> dict[int, Decimal | None]:
    if len(marks) > MAX_MARKS:
        raise ValidationError(_("At most %(n)d marks at once.") % {"n": MAX_MARKS}, code="batch")
    unknown = sorted(set(marks) - allowed)
    if unknown:
        raise ValidationError(_("Unit %(unit)s cannot be marked on this sheet.")
                              % {"unit": unknown[0]}, code="unit")
    return {unit_id: _score(value, unit_id) for unit_id, value in marks.items()}


def _apply(model: Any, rows: QuerySet[Any], new: dict[int, Decimal | None], make: dict[str, Any],
           *, actor: Any, review: Review, action: str, ip: str) -> int:
    current = {m.unit_id: m for m in rows.select_for_update()}
    changed = 0
    for unit_id, score in sorted(new.items()):
        mark = current.get(unit_id)
        before = None if mark is None else str(mark.score)
        if score is None:
            if mark is not None:
                mark.delete()
        elif mark is None:
            mark = model(review=review, unit_id=unit_id, score=score, **make)
            mark.full_clean()
            mark.save()
        elif mark.score != score:
            mark.score = score
            mark.full_clean()
            mark.save()
        after = None if score is None else str(score)
        if before != after:
            changed += 1
            audit_record(actor=actor, action=action, obj=review, ip=ip,
                         changes={"unit_id": unit_id, "score": [before, after]})
    return changed


@transaction.atomic
def panel_marks_save(*, actor: Any, review: Review, marks: dict[int, Any],
                     expected_stamp: str | None = None, ip: str = "") -> int:
    """A panel member's marks (0–100) of the review's units; how many changed."""
    if not is_panel_member(actor, review):
        raise PermissionDenied
    Review.objects.select_for_update().filter(pk=review.pk).first()  # one sheet at a time
    rows = PanelMark.objects.filter(review=review, member=actor)
    if expected_stamp is not None and sheet_stamp(rows) != expected_stamp:
        raise StaleVersion(_("These marks were changed after you opened them (another window "
                             "or device). Reload to see them, then try again."))
    new = _checked(marks, unit_ids_of(review))
    return _apply(PanelMark, rows, new, {"member": actor}, actor=actor, review=review,
                  action="duty_panel_mark", ip=ip)


@transaction.atomic
def peer_marks_save(*, actor: Any, review: Review, marks: dict[int, Any],
                    expected_stamp: str | None = None, ip: str = "") -> int:
    """The actor's unit's marks (0–100) of the other reviewed units; how many changed. A unit
    never marks itself."""
    units = unit_ids_of(review)
    own = member_unit_of(actor, units)
    if own is None:
        raise PermissionDenied
    if own in marks:
        raise ValidationError({f"unit_{own}": [_("A unit does not mark itself.")]})
    Review.objects.select_for_update().filter(pk=review.pk).first()
    rows = PeerMark.objects.filter(review=review, by_unit_id=own)
    if expected_stamp is not None and sheet_stamp(rows) != expected_stamp:
        raise StaleVersion(_("Your unit's marks were changed after you opened them (perhaps "
                             "by a colleague). Reload to see them, then try again."))
    new = _checked(marks, units - {own})
    return _apply(PeerMark, rows, new, {"by_unit_id": own, "entered_by": actor}, actor=actor,
                  review=review, action="duty_peer_mark", ip=ip)
