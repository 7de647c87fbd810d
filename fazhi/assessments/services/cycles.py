"""Cycles and their indicator tree: created (copied from the last cycle or the default tree),
edited by the administrator until the first self-assessment freezes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import Conflict, StaleVersion

from ..access import require_tree_editor
from ..models import Assessment, Cycle, Indicator
from ..tree import DEFAULT_TREE
from .rows import (
    check_version,
    locked_cycle,
    plain,
)


@transaction.atomic
def cycle_create(*, actor: Any, title: str, first_year: int, ip: str = "") -> Cycle:
    """A new cycle with the tree of the latest earlier cycle (the default tree for the first)."""
    require_tree_editor(actor)
    cycle = Cycle(title=title.strip(), first_year=first_year, created_by=actor)
    cycle.full_clean(validate_constraints=False)
    if Cycle.objects.filter(first_year=first_year).exists():
        raise ValidationError({"first_year": [_("A cycle starting in this year exists already.")]})
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError as exc:
        raise ValidationError({"first_year": [_(
            "A cycle starting in this year exists already.")]}) from exc
    before = Cycle.objects.filter(first_year__lt=first_year).order_by("-first_year").first()
    if before is not None:
        rows = [Indicator(cycle=cycle, dimension=i.dimension, position=i.position, title=i.title,
                          guidance=i.guidance, weight=i.weight, method=i.method, rule=i.rule,
                          target=i.target) for i in before.indicators.all()]
    else:
        rows = [Indicator(cycle=cycle, dimension=d, position=(n + 1) * 10, title=t, guidance=g,
                          weight=w, method=Indicator.Method.AUTO if r else Indicator.Method.MANUAL,
                          rule=r, target=target)
                for n, (d, t, g, w, r, target) in enumerate(DEFAULT_TREE)]
    Indicator.objects.bulk_create(rows)
    audit_record(actor=actor, action="create", obj=cycle, ip=ip,
                 detail=f"{len(rows)} items" + (f" from {before.pk}" if before else ""))
    return cycle


@transaction.atomic
def cycle_update(*, actor: Any, cycle: Cycle, expected_version: int, title: str,
                 pass_score: Decimal, excellent_score: Decimal, warn_score: Decimal,
                 ip: str = "") -> Cycle:
    require_tree_editor(actor)
    locked = locked_cycle(cycle)
    check_version(locked, expected_version)
    if locked.assessments.filter(status=Assessment.Status.CONCLUDED).exists():
        raise Conflict(_("An assessment of this cycle is concluded: its marks stay as they were."),
                       current=locked)
    before = {"title": locked.title, "pass_score": locked.pass_score,
              "excellent_score": locked.excellent_score, "warn_score": locked.warn_score}
    after = {"title": title.strip(), "pass_score": pass_score,
             "excellent_score": excellent_score, "warn_score": warn_score}
    for field, value in after.items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action="update", obj=locked, ip=ip,
                 changes=changed_fields(plain(before), plain(after)))
    return locked


def _editable_tree(actor: Any, cycle: Cycle, expected_tree_version: int | None) -> Cycle:
    require_tree_editor(actor)
    locked = locked_cycle(cycle)
    if locked.frozen:
        raise Conflict(_("The indicator tree of this cycle is frozen: a self-assessment started "
                         "on it. Start a new cycle to change the items."), current=locked)
    if expected_tree_version is not None and locked.tree_version != expected_tree_version:
        raise StaleVersion(current=locked)
    return locked


_ITEM_FIELDS = ("dimension", "position", "title", "guidance", "weight", "method", "rule",
                "target")


@transaction.atomic
def indicator_save(*, actor: Any, cycle: Cycle, indicator: Indicator | None = None,
                   expected_tree_version: int | None, dimension: str, title: str,
                   weight: Decimal, method: str, position: int = 0, guidance: str = "",
                   rule: str = "", target: Decimal | None = None, ip: str = "") -> Indicator:
    """Add an item to the cycle's tree or change one; refused once the tree is frozen."""
    locked = _editable_tree(actor, cycle, expected_tree_version)
    if indicator is not None and indicator.cycle_id != locked.pk:
        raise Http404
    item = indicator or Indicator(cycle=locked)
    before = {f: getattr(item, f) for f in _ITEM_FIELDS} if indicator else {}
    after = {"dimension": dimension, "position": position, "title": title.strip(),
             "guidance": guidance.strip(), "weight": weight, "method": method, "rule": rule,
             "target": target}
    for field, value in after.items():
        setattr(item, field, value)
    item.full_clean(validate_constraints=False)
    if Indicator.objects.filter(cycle=locked, title=item.title).exclude(pk=item.pk).exists():
        raise ValidationError({"title": [_("The cycle has an item of this name already.")]})
    item.save()
    locked.tree_version += 1
    locked.save(update_fields=["tree_version"])
    audit_record(actor=actor, action="update" if indicator else "create", obj=item, ip=ip,
                 changes=changed_fields(plain(before),
                                         plain({f: getattr(item, f) for f in _ITEM_FIELDS})),
                 detail=f"cycle {locked.pk} tree v{locked.tree_version}")
    return item


@transaction.atomic
def indicator_delete(*, actor: Any, indicator: Indicator, expected_tree_version: int | None,
                     ip: str = "") -> None:
    locked = _editable_tree(actor, indicator.cycle, expected_tree_version)
    audit_record(actor=actor, action="delete", obj=indicator, ip=ip,
                 detail=f"cycle {locked.pk} tree v{locked.tree_version + 1}")
    indicator.delete()
    locked.tree_version += 1
    locked.save(update_fields=["tree_version"])
