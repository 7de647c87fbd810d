"""A ninja schema read from a Django form: one declaration of an input for the page and the API.

The form is the declaration (label, widget, choices, limits from ``core.textlimits``, row
choices scoped to the actor); the API body is derived from it, and the API then binds the same
form with the body, so both validate alike. The derived schema carries what OpenAPI can say:
every choice as an enum, every text's ``maxLength``, every number's bounds, dates in
``core.dateranges``' range. A row choice (``ModelChoiceField``) is ``<name>_id`` in the body;
a file is a multipart part of the same name (``file_fields``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django import forms
from ninja import Field, Schema
from pydantic import create_model

from .apitypes import Date, DateTime, DbInt


def api_name(name: str, field: forms.Field) -> str:
    return f"{name}_id" if isinstance(field, forms.ModelChoiceField) else name


def file_fields(form_class: Any) -> list[str]:
    return [n for n, f in form_class.base_fields.items() if isinstance(f, forms.FileField)]


def _choices(field: forms.ChoiceField) -> tuple[str, ...]:
    values: list[str] = []
    choices: Any = field.choices
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group
            values.extend(str(v) for v, _label in label)
        else:
            values.append(str(value))
    return tuple(dict.fromkeys(values))


def _annotation(field: forms.Field) -> tuple[Any, dict[str, Any]]:
    """The type and the constraints of one form field."""
    if isinstance(field, forms.ModelChoiceField):
        return DbInt, {}
    if isinstance(field, forms.ChoiceField):
        values = _choices(field)
        return (Literal[values] if values else str), {}  # type: ignore[valid-type]
    if isinstance(field, forms.NullBooleanField):
        return bool | None, {}
    if isinstance(field, forms.BooleanField):
        return bool, {}
    if isinstance(field, forms.DecimalField):
        return Decimal, {"max_digits": field.max_digits, "decimal_places": field.decimal_places,
                         "ge": field.min_value, "le": field.max_value}
    if isinstance(field, forms.IntegerField):
        return DbInt, {"ge": field.min_value, "le": field.max_value}
    if isinstance(field, forms.DateTimeField):
        return DateTime, {}
    if isinstance(field, forms.DateField):
        return Date, {}
    if isinstance(field, forms.CharField):
        return str, {"max_length": field.max_length}
    raise TypeError(f"no API type for {type(field).__name__}")


def schema_from_form(form_class: Any, name: str) -> type[Schema]:
    fields: dict[str, Any] = {}
    for field_name, field in form_class.base_fields.items():
        if isinstance(field, forms.FileField):
            continue
        annotation, bounds = _annotation(field)
        bounds = {k: v for k, v in bounds.items() if v is not None}
        if field.required:
            default: Any = ...
        elif isinstance(field, forms.NullBooleanField | forms.ModelChoiceField):
            default, annotation = None, annotation | None
        elif isinstance(field, forms.BooleanField):
            default = bool(field.initial)
        elif isinstance(field, forms.CharField | forms.ChoiceField) and not isinstance(
                field, forms.TypedChoiceField):
            default = ""
            if isinstance(field, forms.ChoiceField) and "" not in _choices(field):
                annotation = annotation | Literal[""]
        else:
            default, annotation = None, annotation | None
        fields[api_name(field_name, field)] = (annotation, Field(default, **bounds))
    return create_model(name, __base__=Schema, **fields)


def form_data(form_class: Any, body: dict[str, Any]) -> dict[str, Any]:
    """An API body as the form's data: ``<name>_id`` back to ``<name>``, None left out."""
    data: dict[str, Any] = {}
    for field_name, field in form_class.base_fields.items():
        value = body.get(api_name(field_name, field))
        if value is not None:
            data[field_name] = value
    return data
