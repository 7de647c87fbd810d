"""Registries of actions on a record, read by its page and by the API (wagtail's
``action_registry`` is the model): each ``Action`` declares its input (an ``ActionForm``, from
which the API's body is derived by ``core.formschemas``), its service call (``run``), when it
is offered, who may do it, its label, its success message and whether it is primary.

``perform`` is the one way both interfaces carry an action out, so they refuse alike:

1. the actor may not do it -> ``PermissionDenied`` (403);
2. the input is invalid -> ``ValidationError`` naming the fields (422);
3. it is not offered now -> ``action.refuse``: ``StaleVersion`` if the record changed since the
   actor read it, else a ``Conflict`` saying so (409);
4. the service runs; its own refusals pass through unchanged.

``add_endpoints`` gives a ninja router one POST operation per action.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from .apitypes import Id
from .conflicts import Conflict, StaleVersion
from .formschemas import api_name, file_fields, form_data, schema_from_form


class ActionForm(forms.Form):
    """The input of one action: ``target`` (the record) and ``actor`` scope its row choices."""

    def __init__(self, *args: Any, target: Any = None, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target, self.actor = target, actor
        self.setup()

    def setup(self) -> None:
        """Scope the row choices to ``self.target`` and ``self.actor``."""


def writer(actor: Any, target: Any) -> bool:
    return bool(getattr(actor, "can_write", False))


def always(target: Any) -> bool:
    return True


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    form: type[ActionForm]
    run: Callable[[Any, Any, dict[str, Any]], Any]
    done: Any
    offered: Callable[[Any], bool] = always
    may: Callable[[Any, Any], bool] = writer
    primary: bool | Callable[[Any], bool] = False
    section: str = "actions"  # where the page shows it

    def is_offered(self, target: Any) -> bool:
        return self.offered(target)

    def is_primary(self, target: Any) -> bool:
        return self.primary(target) if callable(self.primary) else self.primary

    def available(self, actor: Any, target: Any) -> bool:
        return self.may(actor, target) and self.is_offered(target)

    def refuse(self, target: Any, data: dict[str, Any]) -> NoReturn:
        """Raise the conflict of an action that is not offered on ``target`` now."""
        if "version" in data and data["version"] != getattr(target, "version", data["version"]):
            raise StaleVersion
        raise Conflict(_("“%(action)s” is not possible now.") % {"action": self.label})

    def bind(self, *, actor: Any, target: Any, data: Any = None, files: Any = None,
             initial: dict[str, Any] | None = None) -> ActionForm:
        if data is None and "version" in self.form.base_fields:
            initial = {"version": target.version, **(initial or {})}
        return self.form(data, files, target=target, actor=actor, initial=initial)


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

    def for_target(self, actor: Any, target: Any) -> list[Action]:
        """What this actor can do on this record now, primary actions first (then in order)."""
        mine = [a for a in self if a.available(actor, target)]
        return sorted(mine, key=lambda a: not a.is_primary(target))


def perform(action: Action, *, actor: Any, target: Any, form: ActionForm,
            **context: Any) -> Any:
    """Carry ``action`` out with the bound ``form`` (see the module's docstring); ``context``
    (e.g. the client's address) goes to ``run`` with the form's data."""
    if not action.may(actor, target):
        raise PermissionDenied
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    data = dict(form.cleaned_data)
    if not action.is_offered(target):
        action.refuse(target, data)
    return action.run(actor, target, {**data, **context})


def call(service: Callable[..., Any], *, target: str | None,
         **renames: str) -> Callable[[Any, Any, dict[str, Any]], Any]:
    """``run`` for a service whose keyword arguments are the form's fields, with ``renames``
    (form field -> argument; "" drops it) and the record passed as ``target`` (None: not at
    all). A form's ``version`` is the service's ``expected_version``."""
    renames = {"version": "expected_version", **renames}

    def run(actor: Any, obj: Any, data: dict[str, Any]) -> Any:
        kwargs = {renames.get(k, k): v for k, v in data.items() if renames.get(k, k)}
        if target:
            kwargs[target] = obj
        return service(actor=actor, **kwargs)

    return run


# --- the API side: one operation per action ------------------------------------------------
def _api_names(exc: ValidationError, fields: dict[str, forms.Field]) -> ValidationError:
    """The refusal with the body's names: a row choice ``handler`` is ``handler_id``."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({api_name(k, fields[k]) if k in fields else k: v
                            for k, v in exc.message_dict.items()})


def _endpoint(action: Action, get: Callable[..., Any], created: bool,
              context: Callable[[HttpRequest], dict[str, Any]],
              present: Callable[[Any], Any]) -> Callable[..., Any]:
    body_schema = schema_from_form(
        action.form, "".join(part.title() for part in action.name.split("_")) + "In")
    uploads = file_fields(action.form)

    def endpoint(request: HttpRequest, pk: int, body: Any, **files: Any) -> Any:
        target = get(actor=request.user, pk=pk)
        form = action.bind(actor=request.user, target=target,
                           data=form_data(action.form, body.dict()),
                           files={k: v for k, v in files.items() if v is not None})
        try:
            result = perform(action, actor=request.user, target=target, form=form,
                             **context(request))
        except ValidationError as exc:
            raise _api_names(exc, action.form.base_fields) from None
        if created:
            return Status(201, result)
        target.refresh_from_db()  # the actor may no longer read it (e.g. handed to another)
        return present(target)

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    body: Any = Form[body_schema] if uploads else body_schema  # type: ignore[misc,valid-type]
    params = [inspect.Parameter("request", kind, annotation=HttpRequest),
              inspect.Parameter("pk", kind, annotation=Id),
              inspect.Parameter("body", kind, annotation=body)]
    for name in uploads:
        required = action.form.base_fields[name].required
        params.append(inspect.Parameter(name, kind, annotation=File[UploadedFile],
                                        default=inspect.Parameter.empty if required else None))
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = f"action_{action.name}"
    return endpoint


def add_endpoints(router: Router, registry: Registry, *, path: str, prefix: str,
                  get: Callable[..., Any],
                  out: Any, created: dict[str, Any] | None = None,
                  context: Callable[[HttpRequest], dict[str, Any]] = lambda request: {},
                  present: Callable[[Any], Any] = lambda target: target) -> None:
    """``POST <path>`` (with ``{pk}`` and ``{name}``) for each action of ``registry``: the
    body read from its form, bound to the same form, carried out by ``perform``. It answers
    ``out`` (the record after it, as ``present`` shapes it), or 201 with the record it created
    when ``created`` names that record's schema; ``context`` adds request facts (the client's
    address) to the service call; ``core.apierrors`` answers the refusals."""
    created = created or {}
    for action in registry:
        with translation.override("en"):
            summary = str(action.label)
        response = {201: created[action.name]} if action.name in created else out
        router.post(path.replace("{name}", action.name), response=response, summary=summary,
                    operation_id=f"{prefix}_{action.name}",
                    description="Offered when the page offers it; 409 when not possible now "
                    "or when `version` is stale, 403 when the role may not, 422 naming the "
                    "fields.")(_endpoint(action, get, action.name in created, context, present))
