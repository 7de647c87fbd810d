"""The refusals of the exams app: each a Conflict (409) naming its cause; nothing is saved."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict, StaleVersion


class ExamClosed(Conflict):
    code = "exam_closed"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or _("This exam is not open for a new attempt now."))


class NoAttemptsLeft(Conflict):
    code = "no_attempts_left"

    def __init__(self) -> None:
        super().__init__(_("You have used every attempt this exam allows."))


class TimeUp(Conflict):
    code = "time_up"

    def __init__(self) -> None:
        super().__init__(_("Time is up: this paper has been submitted and takes no more answers."))


class NotOnPaper(Conflict):
    code = "not_on_paper"

    def __init__(self) -> None:
        super().__init__(_("That question is not on this paper."))


class StaleAnswer(StaleVersion):
    code = "stale_answer"

    def __init__(self, current: int = 0) -> None:
        super().__init__(_("A newer answer to this question was already saved (a repeated or "
                           "out-of-order save). Nothing was changed."))
        self.current_seq = current


class StalePaper(StaleVersion):
    code = "stale_paper"

    def __init__(self) -> None:
        super().__init__(_("This paper changed since the page was opened (it was submitted or "
                           "its time was changed). Reload the page."))


class BlueprintShort(Conflict):
    code = "blueprint_short"
