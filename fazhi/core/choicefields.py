"""Form fields choosing rows by id, safe for an id no row can have.

A posted id is typed by anyone. Django's exact lookup turns an id beyond the database's
integer range into "no such row", but ``ModelMultipleChoiceField`` checks its ids with an
``__in`` lookup, which hands twenty nines to SQLite (an OverflowError, a server error). Every
multiple-choice field of rows uses ``RowsChoiceField``: an id outside the range any row can have
is "not one of the available choices", like any other id that is not offered."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from ninja import Field

from .apitypes import DB_INT_MAX


def _out_of_range(value: Any) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # not a number: Django's own check refuses it
    return not -DB_INT_MAX <= number <= DB_INT_MAX


class RowsChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for item in value:
                if _out_of_range(item):
                    raise ValidationError(self.error_messages["invalid_choice"],
                                          code="invalid_choice", params={"value": item})
        return super()._check_values(value)  # type: ignore[misc]  # missing from the stubs


def api_choice(choices: type[models.TextChoices], default: Any = ..., *, blank: bool = False,
               **extra: Any) -> Any:
    """A ninja schema field taking one of ``choices``' values (the forms' declaration): the
    OpenAPI document lists them as its ``enum``; ``blank`` also allows "" (no filter). The
    model's ``full_clean`` in the service refuses any other value with a 422 naming the field."""
    values: list[Any] = [*([""] if blank else []), *choices.values]
    return Field(default, max_length=max(len(v) for v in values),
                 json_schema_extra={"enum": values}, **extra)
