"""What casework services raise when a request cannot be carried out (409 in the API)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict


class CaseConflict(Conflict):
    """The request clashes with the case's current state; nothing was saved."""

    code = "conflict"

    def __init__(self, message: str) -> None:
        super().__init__(message)


class IllegalTransition(CaseConflict):
    code = "illegal_transition"


class StaleVersion(CaseConflict):
    code = "stale_version"

    def __init__(self) -> None:
        super().__init__(_("Someone else changed this case after you opened it. Reload the "
                           "page to see their changes, then try again."))
