"""The API side of the registry: one operation per action, generated, at
``POST /api/v1/cases/{pk}/transitions/<name>`` (the path the state machine's transitions always
had; the other actions joined them there).

The body is the action's form read by ``core.formschemas`` (JSON; multipart when the form takes
a file), bound to the same form and carried out by the same ``perform`` as the page, so both
refuse alike; ``core.apierrors`` turns the refusals into 403, 409 and 422.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from fazhi.core.apitypes import Id
from fazhi.core.formschemas import file_fields, form_data, schema_from_form

from .registry import Action, Registry, perform


def _schema_name(action: Action) -> str:
    return "".join(part.title() for part in action.name.split("_")) + "In"


def _endpoint(action: Action, get_case: Callable[..., Any], created: bool) -> Callable[..., Any]:
    body_schema = schema_from_form(action.form, _schema_name(action))
    uploads = file_fields(action.form)

    def endpoint(request: HttpRequest, pk: int, body: Any, **files: Any) -> Any:
        case = get_case(actor=request.user, pk=pk)
        form = action.bind(actor=request.user, case=case,
                           data=form_data(action.form, body.dict()),
                           files={k: v for k, v in files.items() if v is not None})
        result = perform(action, actor=request.user, case=case, form=form)
        if created:
            return Status(201, result)
        case.refresh_from_db()  # the actor may no longer read it (e.g. handed to another)
        return case

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter("request", kind, annotation=HttpRequest),
              inspect.Parameter("pk", kind, annotation=Id),
              inspect.Parameter("body", kind,
                                annotation=Form[body_schema] if uploads else body_schema)]
    for name in uploads:
        required = action.form.base_fields[name].required
        params.append(inspect.Parameter(
            name, kind, annotation=File[UploadedFile] if required else File[UploadedFile | None],
            default=inspect.Parameter.empty if required else None))
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = f"action_{action.name}"
    return endpoint


def add_action_endpoints(router: Router, registry: Registry, *, get_case: Callable[..., Any],
                         out: Any, created: dict[str, Any]) -> None:
    """Each action answers ``out`` (the case after it), or 201 with the record it created
    when ``created`` names the record's schema."""
    for action in registry:
        with translation.override("en"):
            summary = str(action.label)
        response = {201: created[action.name]} if action.name in created else out
        router.post(f"/{{pk}}/transitions/{action.name}", response=response, summary=summary,
                    description="Offered when the case page offers it; 409 when not possible "
                    "now or when `version` is stale, 403 when the role may not, 422 naming "
                    "the fields.")(_endpoint(action, get_case, action.name in created))
