"""How the casework views fill their forms and show what a service refused."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form

from ..errors import CaseConflict, StaleVersion


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the form's fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None,
                           [str(e) for e in errors])
    else:
        form.add_error(None, exc.messages)


def conflict_message(request: Any, exc: CaseConflict) -> None:
    level = messages.WARNING if isinstance(exc, StaleVersion) else messages.ERROR
    messages.add_message(request, level, exc.message, extra_tags="error")
