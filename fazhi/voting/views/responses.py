"""Response shapes shared by the voting views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def attach_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError beside the matching fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
