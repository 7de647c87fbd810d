"""Casework's one conflict of its own: a transition its state machine forbids now (409 in the
API, with the code ``illegal_transition``). Every other refusal is a ``core.conflicts``
``Conflict`` or ``StaleVersion``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict, StaleVersion


class IllegalTransition(Conflict):
    code = "illegal_transition"


def stale_case() -> StaleVersion:
    return StaleVersion(_("Someone else changed this case after you opened it. Reload the "
                          "page to see their changes, then try again."))
