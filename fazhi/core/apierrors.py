"""The JSON API's errors: always a JSON body ``{"detail": ...}``, and listed in the OpenAPI
document for every operation that can answer them.

Services raise Django's exceptions (PermissionDenied, ValidationError); without a handler on
the NinjaAPI these fell through to Django's HTML error pages (ninja itself answers Http404 and
its own errors as JSON). ``install`` registers
one handler for each and then declares, on every operation, the error statuses it can answer:

- 401 and 403 on every operation behind authentication;
- 404 on every operation with a path parameter (an id out of the caller's scope is a 404);
- 409 on every write: any ``core.conflicts.Conflict`` (someone else changed the record, or
  its state forbids the change), with its message, code and the version saved now;
- 429 on every throttled operation (the voting API's, ninja throttles);
- 422 on every operation (its input failed validation);
- 500 never documented; answered as JSON, logged with its traceback.

An operation that already declares a status keeps its own schema for it. Each status's
description in the document is ours (``STATUS_DESCRIPTIONS``), not the interpreter's:
Python 3.13 renamed 422's phrase, which changed the document with the interpreter.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.constants import NOT_SET

from .conflicts import Conflict

logger = logging.getLogger("fazhi.api")

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
STATUS_DESCRIPTIONS = {
    200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
    403: "Forbidden", 404: "Not Found", 409: "Conflict", 422: "Unprocessable Entity",
    429: "Too Many Requests",
}


class DescribedAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document describes each status in the words above."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        document = super().get_openapi_schema(**kwargs)
        for operations in document["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    response["description"] = STATUS_DESCRIPTIONS[int(status)]
        return document


class ErrorOut(Schema):
    detail: str


class ConflictOut(Schema):
    detail: str
    code: str = "conflict"
    current_version: int | None = None


class ValidationErrorOut(Schema):
    detail: str | list[dict[str, Any]]
    errors: dict[str, list[str]] | None = None


def _permission_denied(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": _("Your role may not do this.")}, status=403)


def _conflict(request: HttpRequest, exc: Conflict, api: NinjaAPI) -> HttpResponse:
    """Every app's conflicts (core.conflicts): the message, a code, the version saved now."""
    return api.create_response(request, {"detail": exc.message, "code": exc.code,
                                         "current_version": exc.current_version}, status=409)


def _invalid(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    detail = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _server_error(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    logger.error("Server error: %s %s", request.method, request.path, exc_info=exc)
    # As Django does for its own 500s: lets the test client re-raise the error.
    got_request_exception.send(sender=None, request=request)
    return api.create_response(request, {"detail": _("Server error; it has been logged.")},
                               status=500)


def _inherited(*levels: Any) -> bool:
    """Whether the first level that says anything (operation, router, api) asks for it."""
    for value in levels:
        if value is not NOT_SET:
            return value not in (None, [], ())
    return False


def _declare(api: NinjaAPI) -> None:
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                authed = _inherited(operation.auth_param, router.auth, api.auth)
                throttled = _inherited(operation.throttle_param, router.throttle, api.throttle)
                statuses: dict[int, type[Schema]] = {422: ValidationErrorOut}
                if authed:
                    statuses |= {401: ErrorOut, 403: ErrorOut}
                if "{" in path:
                    statuses[404] = ErrorOut
                if authed and WRITE_METHODS & set(operation.methods):
                    statuses[409] = ConflictOut
                if throttled:
                    statuses[429] = ErrorOut
                for status, model in statuses.items():
                    if status not in operation.response_models:
                        operation.response_models[status] = (
                            operation._create_response_model(model))


def install(api: NinjaAPI) -> None:
    """Register the JSON error handlers and declare the error responses on ``api``; call it
    after every router is added."""
    api.add_exception_handler(PermissionDenied, partial(_permission_denied, api=api))
    api.add_exception_handler(ValidationError, partial(_invalid, api=api))
    api.add_exception_handler(Conflict, partial(_conflict, api=api))
    api.add_exception_handler(Exception, partial(_server_error, api=api))
    _declare(api)
