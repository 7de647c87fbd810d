"""Service refusals shown on an organisation form: field errors, and a stale edit with a link to
reload the record."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _


def errors_onto(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def conflict_onto(form: forms.Form, reload_url: str) -> None:
    form.add_error(None, format_html(
        '{} <a href="{}">{}</a>',
        _("Someone else changed this record after you opened it; your input is kept below."),
        reload_url, _("Reload the current record")))
