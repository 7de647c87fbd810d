"""Workbooks for the import tests, built the way an organiser fills the template."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from fazhi.exams.sheets import template_workbook


def workbook(rows: list[list[object]]) -> bytes:
    """The template with its example row replaced by ``rows`` (from row 2)."""
    book = load_workbook(io.BytesIO(template_workbook()))
    sheet = book.worksheets[0]
    sheet.delete_rows(2, 1)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_row(i: int, kind: str = "单选") -> list[object]:
    answer = {"单选": "B", "多选": "AC", "判断": "对", "填空": "人民代表大会|人大"}[kind]
    options = ["选项一", "选项二", "选项三", "选项四"] if kind in ("单选", "多选") else ["", "", "", ""]
    return [kind, f"关于人民调解法第{i}条的第{i}道不同题目，内容编号{i * 37}？", *options, "", "", answer,
            "解析", "人民调解法", f"第{i}条", "中", "调解"]
