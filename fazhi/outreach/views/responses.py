"""Response shapes shared by the outreach views."""

from __future__ import annotations

from django.http import HttpResponse

from fazhi.core.spreadsheets import XLSX_TYPE


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """A workbook built elsewhere (the list template); exports use core.spreadsheets."""
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
