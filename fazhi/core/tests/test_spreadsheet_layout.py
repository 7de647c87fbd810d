"""Every workbook Fazhi writes: columns as wide as their content, filters on the header."""

import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.core.spreadsheets import WIDTH_MAX, Sheet, display_width, xlsx_bytes


def _book(sheet: Sheet):
    return load_workbook(io.BytesIO(xlsx_bytes([sheet])))


def test_columns_fit_their_header_and_content():
    book = _book(Sheet("案件", ["编号", "标题", "登记时间"],
                       [["XM-2026-000001", "楼上卫生间漏水导致天花板发霉",
                         dt.datetime(2026, 3, 10, 9, 0)]]))
    widths = {c: book["案件"].column_dimensions[c].width for c in "ABC"}
    assert widths == {"A": 16, "B": 30, "C": 18}


def test_a_very_long_cell_stops_at_the_widest_column():
    book = _book(Sheet("案件", ["标题"], [["漏" * 100_000]]))
    assert book["案件"].column_dimensions["A"].width == WIDTH_MAX


def test_the_header_carries_filters_over_every_row():
    rows = [[n, f"第{n}行"] for n in range(500)]  # past the rows read ahead for widths
    sheet = _book(Sheet("人员", ["序号", "姓名"], rows))["人员"]
    assert sheet.auto_filter.ref == "A1:B501"
    assert sheet.max_row == 501 and sheet.cell(501, 2).value == "第499行"


def test_a_chinese_character_takes_two_columns():
    assert (display_width("漏水"), display_width("ab"), display_width("一\n二三")) == (4, 2, 4)
