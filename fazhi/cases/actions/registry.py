"""Case actions on the shared registry (core/actions.py): a transition of the state machine
is offered where its table allows it, and refused with the machine's message naming what is
allowed now; a case changed since the actor read it is refused as stale."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from fazhi.core import actions as core

from ..errors import stale_case
from ..models import Case
from ..services.machine import TRANSITIONS, allowed, target

Registry = core.Registry
perform = core.perform


class Action(core.Action):
    @property
    def transition(self) -> str | None:
        """The state machine's name of this action, if it is a transition (names live once)."""
        return self.name if self.name in TRANSITIONS else None

    def is_offered(self, case: Case) -> bool:
        if self.transition and not allowed(case, self.transition):
            return False
        return self.offered(case)

    def refuse(self, case: Case, data: dict[str, Any]) -> NoReturn:
        if "version" in data and data["version"] != case.version:
            raise stale_case()
        if self.transition:
            target(case, self.transition)  # raises the machine's refusal with what is allowed
        super().refuse(case, data)


def call(service: Callable[..., Any], *, case: str | None = "case",
         **renames: str) -> Callable[[Any, Case, dict[str, Any]], Any]:
    return core.call(service, target=case, **renames)
