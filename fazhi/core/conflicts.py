"""The one family of conflicts: a write that clashes with what is saved now.

Every service raises a subclass of ``Conflict`` when the record changed since the actor read it
(``StaleVersion``) or its state forbids the change. Nothing is saved when one is raised; pages
show the message beside the kept input with a reload link, and the API answers 409 with it.
"""

from __future__ import annotations

from typing import Any

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
