"""Reading and writing the responsibility-list workbook (openpyxl). No database here: the
service validates each row against the model, so the rules live once."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

MAX_ROWS = 500

COLUMNS: list[tuple[str, Any]] = [
    ("laws", gettext_lazy("Laws to publicise")),
    ("audience", gettext_lazy("Audience")),
    ("channels", gettext_lazy("Channels and measures")),
    ("planned_count", gettext_lazy("Planned count")),
    ("quarter", gettext_lazy("Quarter (1-4)")),
    ("leader", gettext_lazy("Responsible leader")),
    ("person", gettext_lazy("Responsible person")),
    ("office", gettext_lazy("Responsible office")),
    ("standard", gettext_lazy("Completion standard")),
    ("key_dates", gettext_lazy("Key dates")),
]
REQUIRED = {name for name, _label in COLUMNS} - {"key_dates"}


class SheetError(Exception):
    """The workbook cannot be imported; ``errors`` lists (row number, reason) for every problem."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__("; ".join(f"{row}: {reason}" for row, reason in errors))
        self.errors = errors


def _norm(text: Any) -> str:
    return "".join(str(text or "").split()).lower()


def _header_names() -> dict[str, str]:
    """Accepted header text -> field: the English label and the Chinese one."""
    names: dict[str, str] = {}
    for field, label in COLUMNS:
        with translation.override("en"):
            names[_norm(str(label))] = field
        with translation.override("zh-hans"):
            names[_norm(str(label))] = field
    return names


def _styled_header(sheet: Any, labels: Sequence[str]) -> None:
    sheet.append(list(labels))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF0F3")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(len(labels)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 22
    sheet.freeze_panes = "A2"


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Items")
    _styled_header(sheet, [str(label) for _f, label in COLUMNS])
    quarter = DataValidation(type="whole", operator="between", formula1="1", formula2="4",
                             showErrorMessage=True, error=_("Enter a quarter from 1 to 4."))
    count = DataValidation(type="whole", operator="between", formula1="1", formula2="999",
                           showErrorMessage=True, error=_("Enter a whole number from 1 to 999."))
    sheet.add_data_validation(quarter)
    sheet.add_data_validation(count)
    quarter.add(f"E2:E{MAX_ROWS + 1}")
    count.add(f"D2:D{MAX_ROWS + 1}")
    notes = book.create_sheet(_("Instructions"))
    for line in (
        _("Fill one row per item on the first sheet; do not rename or remove the columns."),
        _("Planned count: how many activities; quarter: by the end of which quarter (1-4)."),
        _("Key dates may be left empty, e.g. 4.15; 12.4."),
        _("An import with any bad row imports nothing; every bad row is reported."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    return _save(book)


def read_items(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """The non-empty rows of the first sheet as (row number, {field: value}); raises SheetError
    for an unreadable file, missing or unknown columns, or too many rows."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError([(0, _("This file is not an XLSX workbook; download the template "
                                "and fill it in."))]) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    known = _header_names()
    fields: list[str | None] = []
    errors: list[tuple[int, str]] = []
    for index, text in enumerate(header, start=1):
        if text in (None, ""):
            fields.append(None)
            continue
        field = known.get(_norm(text))
        if field is None or field in fields:
            errors.append((1, _("Column %(col)d \"%(name)s\" is not a column of the template "
                                "(renamed or duplicated?).") % {"col": index, "name": text}))
        fields.append(field)
    missing = [label for field, label in COLUMNS if field not in fields]
    for label in missing:
        errors.append((1, _("The column \"%(name)s\" is missing.") % {"name": label}))
    if errors:
        book.close()
        raise SheetError(errors)
    items: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        record = {f: v for f, v in zip(fields, values, strict=False) if f is not None}
        if all(v in (None, "") or str(v).strip() == "" for v in record.values()):
            continue
        if len(items) >= MAX_ROWS:
            book.close()
            raise SheetError([(number, _("A list has at most %(max)d items.") % {"max": MAX_ROWS})])
        items.append((number, record))
    book.close()
    if not items:
        raise SheetError([(2, _("The workbook has no items below the header row."))])
    return items


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
