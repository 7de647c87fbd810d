"""The question-bank workbook: the downloadable template and reading its rows (openpyxl). No
database here: the import service checks each row with ``question_check``, so the rules live
once. Column letters are reported so an organiser finds the cell."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_ROWS = 5000
OPTION_LETTERS = "ABCDEF"

COLUMNS: list[tuple[str, Any]] = [
    ("kind", gettext_lazy("Type")),
    ("stem", gettext_lazy("Stem")),
    *[(f"option_{letter}", f"{gettext_lazy('Option')} {letter}") for letter in OPTION_LETTERS],
    ("answer", gettext_lazy("Answer")),
    ("explanation", gettext_lazy("Explanation")),
    ("law", gettext_lazy("Law")),
    ("article", gettext_lazy("Article")),
    ("difficulty", gettext_lazy("Difficulty")),
    ("tags", gettext_lazy("Tags")),
]
# Chinese header text is what the template carries; English is accepted too.
ZH_HEADERS = {"kind": "题型", "stem": "题干", "answer": "答案", "explanation": "解析",
              "law": "法律", "article": "条款", "difficulty": "难度", "tags": "标签",
              **{f"option_{letter}": f"选项{letter}" for letter in OPTION_LETTERS}}
KIND_WORDS = {"单选": "single", "单选题": "single", "single": "single",
              "多选": "multiple", "多选题": "multiple", "multiple": "multiple",
              "判断": "true_false", "判断题": "true_false", "true_false": "true_false",
              "填空": "fill", "填空题": "fill", "fill": "fill"}
DIFFICULTY_WORDS = {"1": 1, "易": 1, "简单": 1, "2": 2, "中": 2, "中等": 2, "3": 3, "难": 3,
                    "困难": 3}
TRUE_WORDS = {"对": 0, "正确": 0, "√": 0, "t": 0, "true": 0, "是": 0,
              "错": 1, "错误": 1, "×": 1, "f": 1, "false": 1, "否": 1}


class SheetError(Exception):
    """The workbook cannot be read at all; ``errors`` are (row, column, reason)."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        super().__init__("; ".join(f"{r} {c}: {m}" for r, c, m in errors))
        self.errors = errors


def column_letter(field: str) -> str:
    return get_column_letter([f for f, _label in COLUMNS].index(field) + 1)


def _norm(text: Any) -> str:
    return "".join(str(text or "").split()).lower()


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append([ZH_HEADERS[f] for f, _label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF0F3")
    for index in range(len(COLUMNS)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 18
    sheet.column_dimensions["B"].width = 50
    sheet.freeze_panes = "A2"
    sheet.append(["单选", "宪法规定，中华人民共和国的一切权力属于谁？", "人民", "政府", "政党", "军队",
                  "", "", "A", "《宪法》第二条。", "宪法", "第二条", "易", "宪法,基础"])
    notes = book.create_sheet("说明")
    for line in (
        _("One question per row on the first sheet; keep the header row as it is."),
        _("Type: 单选, 多选, 判断 or 填空. Answer: letters (A, ABD), 对 or 错, or the accepted "
          "texts of a fill-in separated by |."),
        _("Difficulty: 易, 中 or 难 (or 1, 2, 3). Law is required; the article is optional."),
        _("An import with any bad row imports nothing; every bad row is listed."),
        _("Replace the example row with your own questions."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """The non-empty rows of the first sheet as (row number, {field: value})."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError([(0, "", _("This file is not an XLSX workbook; download the template "
                                    "and fill it in."))]) from exc
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        known = {_norm(v): f for f, v in ZH_HEADERS.items()}
        known.update({_norm(str(label)): f for f, label in COLUMNS})
        known.update({_norm(f): f for f, _label in COLUMNS})
        fields: list[str | None] = []
        errors: list[tuple[int, str, str]] = []
        for index, text in enumerate(header, start=1):
            field = known.get(_norm(text)) if text not in (None, "") else None
            if text not in (None, "") and (field is None or field in fields):
                errors.append((1, get_column_letter(index),
                               _("\"%(name)s\" is not a column of the template.") % {"name": text}))
            fields.append(field)
        for field in ("kind", "stem", "answer", "law"):
            if field not in fields:
                errors.append((1, column_letter(field), _("The column \"%(name)s\" is missing.")
                               % {"name": ZH_HEADERS[field]}))
        if errors:
            raise SheetError(errors)
        found: list[tuple[int, dict[str, Any]]] = []
        for number, values in enumerate(rows, start=2):
            record = {f: v for f, v in zip(fields, values, strict=False) if f is not None}
            if all(v is None or str(v).strip() == "" for v in record.values()):
                continue
            if len(found) >= MAX_ROWS:
                raise SheetError([(number, "", _("A workbook holds at most %(max)d questions.")
                                   % {"max": MAX_ROWS})])
            found.append((number, record))
    finally:
        book.close()
    if not found:
        raise SheetError([(2, "", _("The workbook has no questions below the header row."))])
    return found
