"""Setting a contest up: the contest and its rounds. Organisers only; every change audited.
A round is refused when its bank cannot fill it, so every participant's draw succeeds."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record, changed_fields
from fazhi.core.conflicts import edit_at_version
from fazhi.exams.models import Bank, Kind

from ..access import require_organiser
from ..models import Contest, Round
from .drawing import pool_sizes

CONTEST_FIELDS = ("title", "intro", "is_published", "per_device", "per_network")
ROUND_FIELDS = ("name", "opens_at", "closes_at", "seconds", "single_count", "multiple_count",
                "true_false_count", "law", "points")


@transaction.atomic
def contest_create(*, actor: Any, bank: Bank, ip: str = "", **fields: Any) -> Contest:
    require_organiser(actor)
    contest = Contest(bank=bank, created_by=actor,
                      **{k: v for k, v in fields.items() if k in CONTEST_FIELDS})
    contest.full_clean()
    contest.save()
    audit_record(actor=actor, action="create", obj=contest,
                 changes={k: str(getattr(contest, k)) for k in (*CONTEST_FIELDS, "bank")}, ip=ip)
    return contest


@transaction.atomic
def contest_update(*, actor: Any, contest: Contest, expected_version: int, ip: str = "",
                   **fields: Any) -> Contest:
    require_organiser(actor)
    locked, before = edit_at_version(Contest.objects, pk=contest.pk, names=CONTEST_FIELDS,
                                     expected_version=expected_version, values=fields)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, action="update", obj=locked,
                 changes=changed_fields(before, {k: getattr(locked, k) for k in CONTEST_FIELDS}),
                 ip=ip)
    return locked


def _check_pool(contest: Contest, round_: Round) -> None:
    sizes = pool_sizes(contest.bank_id, round_.law)
    wanted = {Kind.SINGLE: round_.single_count, Kind.MULTIPLE: round_.multiple_count,
              Kind.TRUE_FALSE: round_.true_false_count}
    problems = {f"{kind}_count": [_("The bank has %(have)d questions of this type%(law)s; the "
                                    "round asks for %(want)d.") % {
                    "have": sizes.get(kind, 0), "want": want,
                    "law": (_(" on %(law)s") % {"law": round_.law}) if round_.law else ""}]
                for kind, want in wanted.items() if want > sizes.get(kind, 0)}
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def round_create(*, actor: Any, contest: Contest, ip: str = "", **fields: Any) -> Round:
    require_organiser(actor)
    round_ = Round(contest=contest, **{k: v for k, v in fields.items() if k in ROUND_FIELDS})
    round_.full_clean()
    _check_pool(contest, round_)
    round_.save()
    audit_record(actor=actor, action="create", obj=round_,
                 changes={k: str(getattr(round_, k)) for k in ROUND_FIELDS}, ip=ip)
    return round_


@transaction.atomic
def round_update(*, actor: Any, round_: Round, expected_version: int, ip: str = "",
                 **fields: Any) -> Round:
    """Change a round. Papers already drawn keep their questions; a new window or length
    applies to papers started from now on."""
    require_organiser(actor)
    locked, before = edit_at_version(Round.objects.select_related("contest"), pk=round_.pk,
                                     names=ROUND_FIELDS, expected_version=expected_version,
                                     values=fields)
    locked.full_clean()
    _check_pool(locked.contest, locked)
    locked.save()
    audit_record(actor=actor, action="update", obj=locked,
                 changes=changed_fields(before, {k: getattr(locked, k) for k in ROUND_FIELDS}),
                 ip=ip)
    return locked
