"""How a page shows what a service refused: every view of every app uses these two.

- ``errors_onto``: a service's ``ValidationError`` beside the form's fields it names (or above
  the form when it names none of them), the input kept;
- ``conflict_onto``: a ``core.conflicts.Conflict`` above the kept input, with a link that
  reloads the current record (the person's input stays on the page they are reading);
- ``refusal_onto``: either, for a view that catches both.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .conflicts import Conflict


def errors_onto(form: forms.BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, [str(e) for e in errors])
    else:
        form.add_error(None, exc.messages)


def conflict_onto(form: forms.BaseForm, exc: Conflict | None, reload_url: str) -> None:
    """The conflict's message (or the generic "someone else changed it") and a reload link."""
    message = exc.message if exc is not None else _(
        "Someone else changed this record after you opened it; your input is kept below.")
    form.add_error(None, format_html('{} <a href="{}">{}</a>', message, reload_url,
                                     _("Reload the current record")))


def refusal_onto(form: forms.BaseForm, exc: Exception, reload_url: str) -> None:
    """A service's refusal onto the form: a conflict above it, a ValidationError beside its
    fields; anything else is not a refusal and is raised again."""
    if isinstance(exc, Conflict):
        conflict_onto(form, exc, reload_url)
    elif isinstance(exc, ValidationError):
        errors_onto(form, exc)
    else:
        raise exc
