"""Every free-text field has a maximum length, declared once on the model and read by the
forms and the API schemas (core.textlimits); counts a person can send are bounded too."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models

import fazhi
from fazhi.api import api
from fazhi.core.textlimits import text_limit


def _fazhi_models():
    return [m for m in apps.get_models() if m.__module__.startswith("fazhi.")]


def _own(field) -> bool:
    """A field Fazhi declares (a portal page also carries Wagtail's Page fields, which Wagtail
    declares and only its editor, behind staff log-in, writes: docs/security.md)."""
    return field.model.__module__.startswith("fazhi.")


def test_every_editable_text_field_of_every_model_declares_a_maximum_length():
    unbounded = [
        f"{model.__name__}.{field.name}"
        for model in _fazhi_models() for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField) and field.editable
        and _own(field) and not _has_limit(model, field.name)
    ]
    assert unbounded == []


def _has_limit(model, name):
    try:
        return text_limit(model, name) > 0
    except LookupError:
        return False


def _form_classes():
    seen = set()
    for info in pkgutil.walk_packages(fazhi.__path__, "fazhi."):
        if ".tests" in info.name or ".migrations" in info.name or not (
                info.name.endswith((".forms", ".views", ".actions", ".inputs"))
                or ".views." in info.name):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                seen.add(cls)
    return sorted(seen, key=lambda c: f"{c.__module__}.{c.__name__}")


def test_every_text_input_of_every_form_has_a_maximum_length():
    classes = _form_classes()
    assert len(classes) > 40
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes for name, field in cls.base_fields.items()
        if type(field) is forms.CharField and not isinstance(field.widget, forms.PasswordInput)
        and not (field.max_length or field.widget.attrs.get("maxlength"))
    ]
    assert unbounded == []


def _request_strings(schema, components, path, out, seen):
    if "$ref" in schema:
        ref = schema["$ref"].rsplit("/", 1)[-1]
        if ref not in seen:
            seen.add(ref)
            _request_strings(components[ref], components, ref, out, seen)
        return
    for key in ("anyOf", "allOf", "oneOf"):
        parts = schema.get(key, [])
        if any(part.get("type") == "number" for part in parts):  # a Decimal: its digits
            continue
        for part in parts:
            _request_strings(part, components, path, out, seen)
    if schema.get("type") == "array":
        if "maxItems" not in schema:
            out.append(f"{path}[] (no maxItems)")
        _request_strings(schema.get("items", {}), components, path + "[]", out, seen)
    for name, prop in schema.get("properties", {}).items():
        _request_strings(prop, components, f"{path}.{name}", out, seen)
    if (schema.get("type") == "string" and "maxLength" not in schema and "enum" not in schema
            and "format" not in schema):
        out.append(path)


def test_every_string_and_list_in_an_api_request_body_is_bounded():
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    unbounded: list[str] = []
    for route, methods in document["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {})
            for content in body.values():
                _request_strings(content["schema"], components, f"{method} {route}",
                                 unbounded, set())
    assert unbounded == []


LIMITS_DOC = Path(settings.BASE_DIR) / "docs/security.md"
ROW = re.compile(r"^\| `(\w+)\.(\w+)\.(\w+)` \| [^|]+ \| (?:line|text) \| ([\d,]+) \|$", re.M)


def test_the_limits_document_lists_each_long_text_with_the_models_limit():
    rows = ROW.findall(LIMITS_DOC.read_text(encoding="utf-8"))
    assert len(rows) > 60
    wrong = [f"{app}.{model}.{name}" for app, model, name, most in rows
             if text_limit(apps.get_model(app, model), name) != int(most.replace(",", ""))]
    assert wrong == []
    listed = {(app, model, name) for app, model, name, _most in rows}
    long_texts = {(m._meta.app_label, m.__name__, f.name) for m in _fazhi_models()
                  for f in m._meta.get_fields()
                  if isinstance(f, models.TextField) and f.editable and _own(f)}
    assert long_texts - listed == set()
