"""The one family of conflicts: a write that clashes with what is saved now.

Every service raises a subclass of ``Conflict`` when the record changed since the actor read it
(``StaleVersion``) or its state forbids the change. Nothing is saved when one is raised; pages
show the message beside the kept input with a reload link, and the API answers 409 with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Manager, Model, QuerySet
from django.utils.translation import gettext as _


class Conflict(Exception):
    """The request clashes with the record's current state; nothing was saved."""

    code = "conflict"

    def __init__(self, message: str = "", *, current: Any = None) -> None:
        super().__init__(message)
        self.message = message or _("This record changed or its state forbids the change.")
        self.current = current
        self.current_version = getattr(current, "version", None)


class StaleVersion(Conflict):
    """Someone else saved the record after the actor loaded it."""

    code = "stale_version"

    def __init__(self, message: str = "", *, current: Any = None) -> None:
        super().__init__(message or _("Someone else changed this record after you opened it. "
                                      "Reload it to see their changes, then try again."),
                         current=current)


def edit_at_version[M: Model](rows: Manager[M] | QuerySet[M], *, pk: int, expected_version: int,
                              names: Iterable[str],
                              values: Mapping[str, Any]) -> tuple[M, dict[str, Any]]:
    """Inside the service's transaction: the row, locked, if it is still at the version the
    actor read (else ``StaleVersion``), with each of ``names`` given in ``values`` set and its
    version raised by one (not saved); and the values of ``names`` before."""
    locked = rows.select_for_update().get(pk=pk)
    if locked.version != expected_version:  # type: ignore[attr-defined]
        raise StaleVersion(current=locked)
    names = tuple(names)
    before = {name: getattr(locked, name) for name in names}
    for name in names:
        if name in values:
            setattr(locked, name, values[name])
    locked.version += 1  # type: ignore[attr-defined]
    return locked, before
