"""The refusals of a participant's paper: each a Conflict (409) naming its cause; nothing is
saved."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict, StaleVersion
from fazhi.exams.errors import NotOnPaper, StaleAnswer  # the same refusals as an exam paper's

__all__ = ["AlreadyTaken", "NotOnPaper", "RoundClosed", "StaleAnswer", "StalePaper", "TimeUp"]


class RoundClosed(Conflict):
    code = "round_closed"

    def __init__(self) -> None:
        super().__init__(_("This round is not open now."))


class AlreadyTaken(Conflict):
    code = "already_taken"

    def __init__(self) -> None:
        super().__init__(_("This mobile has already taken part in this round; each mobile "
                           "answers a round once."))


class TimeUp(Conflict):
    code = "time_up"

    def __init__(self) -> None:
        super().__init__(_("Time is up: your answers have been handed in and no more are "
                           "taken."))


class StalePaper(StaleVersion):
    code = "stale_paper"

    def __init__(self) -> None:
        super().__init__(_("This paper was handed in since the page was opened. Reload the "
                           "page."))
