"""Response shapes shared by the outreach views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse

from fazhi.core.spreadsheets import XLSX_TYPE


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """A workbook built elsewhere (the list template); exports use core.spreadsheets."""
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attach_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError beside the matching fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
