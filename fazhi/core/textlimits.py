"""Maximum lengths of free text, declared once on the model and read from there.

A ``CharField`` has its ``max_length``; a ``TextField`` declares its limit as a
``MaxLengthValidator`` (which ``full_clean`` enforces, where a TextField's ``max_length`` would
only reach a ModelForm). Forms take ``max_length=text_limit(Model, "field")`` (the browser's
``maxlength`` attribute and Django's message beside the field), API schemas take
``api_text(Model, "field")`` (a 422 naming the field, ``maxLength`` in the OpenAPI document),
and docs/security.md lists them."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from ninja import Field

SEARCH_MAX_LENGTH = 100
"""Every search box and API ``q`` parameter: a longer term is refused beside the field or by a
422 (forms and schemas) or cut to this length (``queryparams.query_search``). Unbounded, it
costs segmenting CPU and outgrows SQLite's LIKE pattern limit (a server error)."""


def text_limit(model: type[models.Model], name: str) -> int:
    """The maximum length of ``model``'s text field ``name`` (an error if it has none)."""
    field = model._meta.get_field(name)
    limits = [v.limit_value for v in getattr(field, "validators", [])
              if isinstance(v, MaxLengthValidator)]
    if most := getattr(field, "max_length", None):
        limits.append(most)
    if not limits:
        raise LookupError(f"{model.__name__}.{name} declares no maximum length")
    return min(limits)


def api_text(model: type[models.Model], name: str, default: Any = ..., **extra: Any) -> Any:
    """A ninja schema field bounded like ``model``'s field ``name``."""
    return Field(default, max_length=text_limit(model, name), **extra)


def api_search(**extra: Any) -> Any:
    """A ninja ``q`` parameter bounded like every search box."""
    return Field("", max_length=SEARCH_MAX_LENGTH, **extra)
