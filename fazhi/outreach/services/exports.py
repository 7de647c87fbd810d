"""Audited exports of outreach figures (the attendee list's is signins_export in checkin.py)."""

from __future__ import annotations

from typing import Any

from fazhi.audit.services import audit_record

from ..access import require_reader


def reach_export(*, actor: Any, period_label: str, ip: str = "") -> None:
    """Record that the actor exported the reach statistics of a period."""
    require_reader(actor)
    audit_record(actor=actor, action="export", object_type="outreach.reach",
                 object_repr=f"reach {period_label}", ip=ip)
