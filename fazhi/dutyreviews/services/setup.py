"""Setting a review up: its year, weights, public rating window, the units reviewed and the
panel. Sub-district admin and staff only; every change audited, every update version-checked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import edit_at_version
from fazhi.core.roles import ADMINISTRATION_ROLES
from fazhi.org.models import Unit

from ..access import may_manage
from ..models import Review

FIELDS = ("year", "title", "weight_completion", "weight_rating", "weight_peer", "public_share",
          "rating_opens_at", "rating_closes_at", "is_published")


def _require(actor: Any) -> None:
    if not may_manage(actor):
        raise PermissionDenied


def member_units() -> Any:
    """The units a new review covers: the sub-district's active member units."""
    return Unit.objects.filter(is_member_unit=True, active=True).order_by("name", "pk")


def _panel(user_ids: list[int]) -> list[Any]:
    ids = sorted({int(i) for i in user_ids})
    users = list(get_user_model().objects.filter(pk__in=ids, is_active=True)
                 .exclude(role__in=ADMINISTRATION_ROLES))
    if len(users) != len(ids):
        raise ValidationError({"panel": [_("Panel members are active staff accounts.")]})
    return users


def _units(unit_ids: list[int]) -> list[Unit]:
    ids = sorted({int(i) for i in unit_ids})
    units = list(Unit.objects.filter(pk__in=ids, is_member_unit=True))
    if len(units) != len(ids) or len(units) < 2:
        raise ValidationError({"units": [_("Choose at least two member units.")]})
    return units


def _save(review: Review) -> None:
    review.full_clean()
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ValidationError({"year": [_("There is already a review of this year.")]}) from None


@transaction.atomic
def review_create(*, actor: Any, panel: list[int] | None = None,
                  units: list[int] | None = None, ip: str = "", **fields: Any) -> Review:
    """A review of a year, covering the given member units (by default every active one)."""
    _require(actor)
    review = Review(**{k: v for k, v in fields.items() if k in FIELDS})
    chosen = _units(units) if units is not None else list(member_units())
    if len(chosen) < 2:
        raise ValidationError(_("A review needs at least two member units (units marked as "
                                "member units of the sub-district)."), code="units")
    members = _panel(panel or [])
    if Review.objects.filter(year=review.year).exists():
        raise ValidationError({"year": [_("There is already a review of this year.")]})
    _save(review)
    review.units.set(chosen)
    review.panel.set(members)
    audit_record(actor=actor, action="create", obj=review, ip=ip,
                 changes={**{k: str(getattr(review, k)) for k in FIELDS},
                          "units": sorted(u.pk for u in chosen),
                          "panel": sorted(u.pk for u in members)})
    return review


@transaction.atomic
def review_update(*, actor: Any, review: Review, expected_version: int,
                  panel: list[int] | None = None, units: list[int] | None = None,
                  ip: str = "", **fields: Any) -> Review:
    """Change a review's settings, units or panel; refused if it changed since it was read."""
    _require(actor)
    locked, before = edit_at_version(Review.objects, pk=review.pk, names=FIELDS,
                                     expected_version=expected_version, values=fields)
    _save(locked)
    changes = changed_fields({k: str(v) for k, v in before.items()},
                             {k: str(getattr(locked, k)) for k in FIELDS})
    if units is not None:
        chosen = _units(units)
        old = sorted(locked.units.values_list("pk", flat=True))
        locked.units.set(chosen)
        if old != sorted(u.pk for u in chosen):
            changes["units"] = [old, sorted(u.pk for u in chosen)]
    if panel is not None:
        members = _panel(panel)
        old = sorted(locked.panel.values_list("pk", flat=True))
        locked.panel.set(members)
        if old != sorted(u.pk for u in members):
            changes["panel"] = [old, sorted(u.pk for u in members)]
    audit_record(actor=actor, action="update", obj=locked, changes=changes, ip=ip)
    return locked
