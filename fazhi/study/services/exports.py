"""Audited exports of study figures."""

from __future__ import annotations

from typing import Any

from fazhi.audit.services import audit_record

from ..access import unit_scope


def rates_export(*, actor: Any, year: int, ip: str = "") -> None:
    """Record that the actor exported the unit rates of ``year`` (refused outside scope)."""
    unit_scope(actor)
    audit_record(actor=actor, action="export", object_type="study.rates",
                 object_repr=f"study rates {year}", ip=ip)
