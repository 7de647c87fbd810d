"""Every spreadsheet and CSV file Fazhi writes goes through here.

Cells are formula-safe: a text that starts with ``= + - @``, a tab or a carriage return is
what Excel, WPS and LibreOffice read as a formula (``=HYPERLINK(...)`` in a typed name,
``+cmd|...`` in a sign-in's affiliation), so it gets a leading single quote (OWASP's rule for
CSV injection) and is shown as the text that was typed. Numbers and dates stay values.
Headers are the translated labels the caller gives (Chinese for users), written as given.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell: text never starts a formula; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


@dataclass
class Sheet:
    """One worksheet: a title, a header row of labels, and the rows below it."""

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)


WIDTH_SAMPLE = 200  # rows read ahead to size the columns (the rest stream through)
WIDTH_MIN, WIDTH_MAX = 8, 60


def display_width(value: Any) -> int:
    """Columns a value takes in a spreadsheet: a Chinese character is two, a line its
    longest."""
    text = value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value)
    return max((sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
                for line in text.splitlines() or [""]), default=0)


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of ``sheets``: the header bold on a grey band, frozen, with filters; each
    column as wide as its header and the first rows need; rows streamed after those."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook(write_only=True)
    for sheet in sheets:
        part = book.create_sheet(_title(str(sheet.title)))
        part.freeze_panes = "A2"
        rows = iter(sheet.rows)
        ahead = [safe_row(row) for _n, row in zip(range(WIDTH_SAMPLE), rows, strict=False)]
        for index, label in enumerate(sheet.header):
            widest = max([display_width(label),
                          *(display_width(r[index]) for r in ahead if index < len(r))])
            part.column_dimensions[_column(index)].width = min(max(widest + 2, WIDTH_MIN),
                                                               WIDTH_MAX)
        header = []
        for label in sheet.header:
            cell = WriteOnlyCell(part, value=safe_cell(str(label)))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF0F3")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        part.append(header)
        count = 0
        for sampled in ahead:
            part.append(sampled)
            count += 1
        for row in rows:
            part.append(safe_row(row))
            count += 1
        if sheet.header:  # written after the rows, when their number is known
            part.auto_filter.ref = f"A1:{_column(len(sheet.header) - 1)}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(text: str) -> str:
    """A worksheet name Excel accepts: none of \\ / ? * [ ] :, no edge quote, 31 characters."""
    return re.sub(r"[\\/?*\[\]:]", " ", text).strip("' ")[:31] or "-"


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def xlsx_response(sheets: Iterable[Sheet], filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    return _attachment(response, filename)


def csv_response(header: Sequence[Any], rows: Iterable[Sequence[Any]],
                 filename: str) -> HttpResponse:
    """UTF-8 CSV with a byte-order mark, so Excel opens the Chinese text correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(safe_row(str(label) for label in header))
    for row in rows:
        writer.writerow(safe_row(row))
    return _attachment(response, filename)


def table_response(fmt: str, *, title: str, header: Sequence[Any],
                   rows: Iterable[Sequence[Any]], filename: str) -> HttpResponse:
    """One table as ``fmt`` ("xlsx" or "csv"); ``filename`` without its extension."""
    if fmt == "xlsx":
        return xlsx_response([Sheet(title, header, rows)], f"{filename}.xlsx")
    return csv_response(header, rows, f"{filename}.csv")


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
