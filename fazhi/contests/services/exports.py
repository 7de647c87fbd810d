"""Audited reads: the export of a round's results."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import audit_record

from ..access import require_contest_reader
from ..models import Contest


@transaction.atomic
def results_exported(*, actor: Any, contest: Contest, rows: int, ip: str = "") -> None:
    require_contest_reader(actor)
    audit_record(actor=actor, action="export", obj=contest, changes={"rows": rows}, ip=ip)
