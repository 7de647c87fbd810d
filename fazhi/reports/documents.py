"""The work report as DOCX (python-docx), PDF (WeasyPrint, A4) and XLSX (core.spreadsheets),
all three laid out from one ``Content``; the charts are the dashboard's (core.charts)."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fazhi.core import charts, spreadsheets
from fazhi.core.spreadsheets import Sheet

from .content import Content

NO_FONT = gettext_noop("No Chinese font is installed on the server (fontconfig knows none), so no PDF was made: install fonts-noto-cjk and generate the report again.")


def _font(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")


def report_docx(content: Content) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    _font(doc)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(f"{content.place}{content.period}{content.title}")
    run.bold = True
    run.font.size = Pt(18)
    for section in content.sections:
        doc.add_heading(section.title, level=2)
        for text in section.paragraphs:
            doc.add_paragraph(text)
        if section.table:
            _table(doc, *section.table)
        for chart in section.charts:
            image = charts.png(chart)
            if image is not None:
                doc.add_picture(io.BytesIO(image), width=Cm(16))
            else:
                doc.add_paragraph(_(NO_FONT))
    doc.add_heading(_("Where each figure comes from"), level=2)
    _table(doc, [_("Figure"), _("Value"), _("Definition"), _("Source")],
           [[n["label"], f"{_value(n['value'])} {n['unit']}", n["definition"], n["source"]]
            for n in content.notes])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _value(value: Any) -> str:
    return "—" if value is None else str(value)


def _table(doc: Any, header: list[str], rows: list[list[Any]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, text in enumerate(header):
        table.rows[0].cells[i].text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = _value(value)


def report_pdf(content: Content) -> bytes | None:
    """The report as an A4 PDF, or None when no Chinese font is installed (then the page says
    so: a PDF without one prints empty boxes)."""
    if charts.cjk_font() is None:
        return None
    from weasyprint import HTML

    html = render_to_string("reports/report_print.html", {
        "c": content,
        "sections": [(s, [charts.svg(chart) for chart in s.charts]) for s in content.sections]})
    return HTML(string=html).write_pdf()


def report_xlsx(content: Content) -> bytes:
    sheets = [Sheet(_("Figures"), [_("Figure"), _("Value"), _("Unit"), _("Period"),
                                   _("Definition"), _("Source")],
                    [[n["label"], n["value"], n["unit"], content.period, n["definition"],
                      n["source"]] for n in content.notes]),
              Sheet(_("Report text"), [_("Section"), _("Text")],
                    [[s.title, text] for s in content.sections for text in s.paragraphs])]
    for section in content.sections:
        if section.table:
            sheets.append(Sheet(section.title, *section.table))
        for chart in section.charts:
            sheets.append(Sheet(chart.title[:31], [_("Item"), *(s.name for s in chart.series)],
                                [[c, *(s.values[i] for s in chart.series)]
                                 for i, c in enumerate(chart.categories)]))
    return spreadsheets.xlsx_bytes(sheets)
