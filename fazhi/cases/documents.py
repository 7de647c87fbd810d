"""Paper of a case: the mediation agreement (调解协议书) as DOCX and PDF, the dossier checklist."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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


def _context(agreement: Agreement) -> dict[str, Any]:
    case = agreement.case
    parties = list(case.parties.all())
    return {"a": agreement, "case": case, "title": TITLE,
            "applicants": [p for p in parties if p.role == Party.Role.APPLICANT],
            "respondents": [p for p in parties if p.role == Party.Role.RESPONDENT]}


def agreement_docx(agreement: Agreement) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    ctx = _context(agreement)
    doc = Document()
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
    for label, people in (("申请人", ctx["applicants"]), ("被申请人", ctx["respondents"])):
        for p in people:
            doc.add_paragraph(f"{label}：{p.name}　身份证号：{p.id_masked or '—'}　"
                              f"联系电话：{p.mobile_masked or '—'}　住址：{p.address or '—'}")
    for label, text in (("纠纷主要事实", agreement.facts), ("争议事项", agreement.disputed_points),
                        ("各方责任", agreement.responsibilities),
                        ("经调解，双方自愿达成如下协议", agreement.terms)):
        doc.add_paragraph().add_run(label + "：").bold = True
        doc.add_paragraph(text)
    doc.add_paragraph(f"履行方式：{agreement.performance_manner}")
    doc.add_paragraph(f"履行期限：{agreement.performance_deadline:%Y年%m月%d日}前")
    doc.add_paragraph("本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会"
                      "印章之日起生效。本协议一式三份，双方当事人、人民调解委员会各执一份。")
    table = doc.add_table(rows=2, cols=3)
    for i, text in enumerate(("当事人（签名、盖章或按指印）", "人民调解员（签名）",
                              "人民调解委员会（盖章）")):
        table.cell(0, i).text = text
        table.cell(1, i).text = "\n\n" + f"{agreement.signed_on:%Y年%m月%d日}"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@cache
def cjk_font_available() -> bool:
    """True when fontconfig knows a font with Chinese glyphs (else a PDF prints empty boxes)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,  # noqa: S603 (fixed arguments)
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


def agreement_pdf(agreement: Agreement) -> bytes | None:
    """The agreement as PDF, or None when no Chinese font is installed."""
    if not cjk_font_available():
        return None
    from weasyprint import HTML

    html = render_to_string("cases/agreement_print.html", _context(agreement))
    return HTML(string=html).write_pdf()
