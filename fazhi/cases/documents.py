"""Paper of a case: the mediation agreement (调解协议书) as DOCX and PDF, the dossier checklist."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from fazhi.core.fonts import cjk_font_available
from fazhi.core.personal import birth_date_of
from fazhi.org.selectors import mediation_committee_name

from .models import Agreement, Case, Party

TITLE = "人民调解协议书"


def dossier_checklist(case: Case, page: dict[str, Any]) -> list[tuple[str, bool, bool]]:
    """(document, required, present) for the mediation dossier (卷宗)."""
    types = {a.doc_type for a in page.get("attachments", [])}
    agreement = page.get("agreement")
    return [
        (_("Application or intake register"), True, True),
        (_("Notice of rights and duties"), True, "rights_notice" in types),
        (_("Identity proof"), True, "identity" in types or any(
            p.id_hash for p in page.get("parties", []))),
        (_("Authorisation"), False, bool(page.get("authorisations"))),
        (_("Investigation record"), False, "investigation" in types),
        (_("Evidence"), False, "evidence" in types),
        (_("Session record"), True, bool(page.get("sessions"))),
        (_("Agreement"), True, agreement is not None),
        (_("Proof of performance"), False, "performance" in types),
        (_("Follow-up record"), False, bool(page.get("follow_ups"))),
        (_("Judicial confirmation papers"), False, page.get("confirmation") is not None),
        (_("Note"), False, "note" in types),
        (_("Back cover"), True, case.state == "closed"),
    ]


# Both files on A4 with the same margins (cm): the Word file was US Letter.
PAGE = {"width": 21.0, "height": 29.7, "top": 2.2, "bottom": 2.2, "left": 2.0, "right": 2.0}
CLOSING_CLAUSE = ("本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会"
                  "印章之日起生效。本协议一式三份，双方当事人、人民调解委员会各执一份。")


def party_line(label: str, party: Party) -> str:
    """A party as the Ministry of Justice's model agreement states one (the ID number and the
    mobile masked, as everywhere; the date of birth in full: the paper is what it is for)."""
    if party.is_organisation:
        return f"{label}：{party.name}　住所：{party.address or '—'}"
    born = birth_date_of(party.birth_enc)
    return (f"{label}：{party.name}　性别：{party.get_gender_display() or '—'}　"
            f"民族：{party.ethnicity or '—'}　"
            f"出生日期：{f'{born.year}年{born.month}月{born.day}日' if born else '—'}　"
            f"职业：{party.occupation or '—'}　身份证号：{party.id_masked or '—'}　"
            f"住址：{party.address or '—'}　联系电话：{party.mobile_masked or '—'}")


def _context(agreement: Agreement) -> dict[str, Any]:
    case = agreement.case
    parties = list(case.parties.all())
    return {"a": agreement, "case": case, "title": TITLE, "page": PAGE,
            "committee": mediation_committee_name(case.community),
            "closing": CLOSING_CLAUSE,
            "applicants": [party_line("申请人", p) for p in parties
                           if p.role == Party.Role.APPLICANT],
            "respondents": [party_line("被申请人", p) for p in parties
                            if p.role == Party.Role.RESPONDENT]}


def _keep_together(doc: Any) -> None:
    """From the closing clause on (clause, signature table, date) one block that Word moves to
    the next page as a whole rather than leave the signatures alone on the last page."""
    from docx.oxml import OxmlElement

    body = doc.paragraphs
    closing = next(i for i, p in enumerate(body) if p.text == CLOSING_CLAUSE)
    for paragraph in body[closing - 2:-1]:  # the manner, the deadline, the clause
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
    table = doc.tables[-1]
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        properties.append(cant_split)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def agreement_docx(agreement: Agreement) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    ctx = _context(agreement)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE["width"]), Cm(PAGE["height"])
    section.top_margin, section.bottom_margin = Cm(PAGE["top"]), Cm(PAGE["bottom"])
    section.left_margin, section.right_margin = Cm(PAGE["left"]), Cm(PAGE["right"])
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    doc.add_paragraph(f"编号：{agreement.number}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(f"调解组织：{ctx['committee']}")
    for line in ctx["applicants"] + ctx["respondents"]:
        doc.add_paragraph(line)
    for label, text in (("纠纷主要事实", agreement.facts), ("争议事项", agreement.disputed_points),
                        ("各方责任", agreement.responsibilities),
                        ("经调解，双方自愿达成如下协议", agreement.terms)):
        doc.add_paragraph().add_run(label + "：").bold = True
        doc.add_paragraph(text)
    doc.add_paragraph(f"履行方式：{agreement.performance_manner}")
    doc.add_paragraph(f"履行期限：{agreement.performance_deadline:%Y年%m月%d日}前")
    doc.add_paragraph(CLOSING_CLAUSE)
    table = doc.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for i, text in enumerate(("当事人（签名、盖章或按指印）", "人民调解员（签名）",
                              f"{ctx['committee']}（盖章）")):
        table.cell(0, i).text = text
    table.cell(1, 1).text = agreement.mediator_names
    table.rows[1].height = Cm(2.4)
    date = doc.add_paragraph(f"{agreement.signed_on.year}年{agreement.signed_on.month}月"
                             f"{agreement.signed_on.day}日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _keep_together(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def agreement_pdf(agreement: Agreement) -> bytes | None:
    """The agreement as PDF, or None when no Chinese font is installed."""
    if not cjk_font_available():
        return None
    from weasyprint import HTML

    html = render_to_string("cases/agreement_print.html", _context(agreement))
    return HTML(string=html).write_pdf()
