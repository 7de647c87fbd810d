"""The registry of case actions: each declared once, read by the case page and by the API.

An ``Action`` names its service call (``run``), its input (an ``ActionForm``; the API's body is
derived from it by ``core.formschemas``), when it is offered (``offered``: the state machine's
table for a transition, plus any condition of its own), who may do it (``may``), its label,
its success message and whether it is a primary action of the page. ``perform`` is the one way
both interfaces carry an action out, so they refuse alike:

1. the actor may not do it -> ``PermissionDenied`` (403);
2. the input is invalid -> ``ValidationError`` naming the fields (422);
3. it is not offered now -> ``StaleVersion`` if the case changed since the actor read it,
   else the machine's ``IllegalTransition`` or a ``Conflict`` (409);
4. the service runs, and its own refusals pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict

from ..access import may_write
from ..errors import stale_case
from ..forms import ActionForm
from ..models import Case
from ..services.machine import TRANSITIONS, allowed, target


def writer(actor: Any, case: Case) -> bool:
    return may_write(actor)


def always(case: Case) -> bool:
    return True


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    form: type[ActionForm]
    run: Callable[[Any, Case, dict[str, Any]], Any]
    done: Any
    offered: Callable[[Case], bool] = always
    may: Callable[[Any, Case], bool] = writer
    primary: bool | Callable[[Case], bool] = False
    # Where the case page shows it: the actions panel, the 三代 or mediation section, or on
    # each record of the case it targets (a task, a wish, a mode).
    section: str = "actions"

    @property
    def transition(self) -> str | None:
        """The state machine's name of this action, if it is a transition (names live once)."""
        return self.name if self.name in TRANSITIONS else None

    def is_offered(self, case: Case) -> bool:
        if self.transition and not allowed(case, self.transition):
            return False
        return self.offered(case)

    def is_primary(self, case: Case) -> bool:
        return self.primary(case) if callable(self.primary) else self.primary

    def available(self, actor: Any, case: Case) -> bool:
        return self.may(actor, case) and self.is_offered(case)

    def bind(self, *, actor: Any, case: Case, data: Any = None, files: Any = None,
             initial: dict[str, Any] | None = None) -> ActionForm:
        if data is None and "version" in self.form.base_fields:
            initial = {"version": case.version, **(initial or {})}
        return self.form(data, files, case=case, actor=actor, initial=initial)


class Registry:
    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}

    def register(self, action: Action) -> Action:
        if action.name in self._actions:
            raise ValueError(f"action {action.name} is registered twice")
        self._actions[action.name] = action
        return action

    def get(self, name: str) -> Action | None:
        return self._actions.get(name)

    def __iter__(self) -> Iterator[Action]:
        return iter(self._actions.values())

    def for_case(self, actor: Any, case: Case) -> list[Action]:
        """What this actor can do on this case now, primary actions first (then in order)."""
        mine = [a for a in self if a.available(actor, case)]
        return sorted(mine, key=lambda a: not a.is_primary(case))


def perform(action: Action, *, actor: Any, case: Case, form: ActionForm) -> Any:
    """Carry ``action`` out on ``case`` with the bound ``form`` (see the module's docstring)."""
    if not action.may(actor, case):
        raise PermissionDenied
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    data = dict(form.cleaned_data)
    if not action.is_offered(case):
        if "version" in data and data["version"] != case.version:
            raise stale_case()
        if action.transition:
            target(case, action.transition)  # raises the machine's refusal with what is allowed
        raise Conflict(_("“%(action)s” is not possible on this case now.")
                       % {"action": action.label})
    return action.run(actor, case, data)


def call(service: Callable[..., Any], *, case: str | None = "case",
         **renames: str) -> Callable[[Any, Case, dict[str, Any]], Any]:
    """``run`` for a service whose keyword arguments are the form's fields, with ``renames``
    (form field -> argument) and the case passed as ``case`` (None: not at all). A form's
    ``version`` is the service's ``expected_version``."""
    renames = {"version": "expected_version", **renames}

    def run(actor: Any, case_obj: Case, data: dict[str, Any]) -> Any:
        kwargs = {renames.get(k, k): v for k, v in data.items() if renames.get(k, k)}
        if case:
            kwargs[case] = case_obj
        return service(actor=actor, **kwargs)

    return run
