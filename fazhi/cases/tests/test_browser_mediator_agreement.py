"""A mediator, given an accepted dispute, records the session and the agreement on the case
page and gets an A4 agreement whose signatures share the last page with the closing clause,
checked on the rendered PDF and on the Word file (issue 10, item 7)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import browser_login, make_user
from fazhi.cases import services
from fazhi.cases.documents import CLOSING_CLAUSE, cjk_font_available
from fazhi.core.roles import Role

from .browsing import do_action, seed_reference
from .factories import applicant, make_case, respondent

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[3]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS") or ROOT / "var" / "screenshots")
TERM = "李四于十日内修复卫生间防水层并赔偿张三装修损失二千元整。"


@pytest.mark.skipif(not shutil.which("pdftoppm") or not cjk_font_available(),
                    reason="needs poppler-utils and a CJK font")
def test_a_mediator_gets_an_a4_agreement_signed_on_the_page_of_its_last_clause(page, north):
    from docx import Document
    from docx.oxml.ns import qn

    seed_reference()
    staff = make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
    mediator = make_user("mediator", Role.MEDIATOR, north, display_name="王调解")
    case = make_case(staff, north, parties=[
        applicant(ethnicity="汉族", occupation="退休职工"),
        respondent(gender="male", birth_date="1980-05-06", ethnicity="汉族", occupation="个体户")])
    case = services.case_accept(actor=staff, case=case, expected_version=1)
    services.case_assign(actor=staff, case=case, expected_version=case.version,
                         handler=mediator, reason="交由调解员")
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser_login(page, "mediator")
    page.goto(f"/cases/{case.pk}/")
    now = timezone.localtime()
    do_action(page, "session", {"held_at": now.strftime("%Y-%m-%dT%H:%M"),
                                "place": "江汉北路社区调解室", "mediators": "王调解",
                                "attendees": "张三、李四", "record": "双方陈述并协商"})
    today = now.date().isoformat()
    do_action(page, "agreement", {
        "form": "written", "facts": "楼上卫生间漏水", "disputed_points": "维修及赔偿",
        "responsibilities": "李四承担维修责任", "terms": TERM * 46,
        "performance_manner": "现金支付", "performance_deadline": today, "signed_on": today,
        "mediator_names": "王调解", "amount": "2000"})
    page.screenshot(path=str(SHOTS / "mediator-case.png"), full_page=True)
    pdf = page.request.get(f"/cases/{case.pk}/agreement.pdf")
    assert pdf.status == 200
    path = SHOTS / "mediator-agreement.pdf"
    path.write_bytes(pdf.body())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert "(A4)" in info
    pages = [p for p in subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                       text=True, check=True).stdout.split("\f") if p.strip()]
    last = pages[-1].replace("\n", "")
    assert len(pages) >= 2
    for part in ("本协议自各方当事人签名", "人民调解员（签名）", "（盖章）",
                 f"{now.year}年{now.month}月{now.day}日"):
        assert part in last
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(len(pages)), "-l",
                    str(len(pages)), str(path), str(SHOTS / "mediator-agreement-last")],
                   check=True)
    docx = Document(io.BytesIO(page.request.get(f"/cases/{case.pk}/agreement.docx").body()))
    section = docx.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    closing = [p.text for p in docx.paragraphs].index(CLOSING_CLAUSE)
    assert docx.paragraphs[closing].paragraph_format.keep_with_next is True
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in docx.tables[-1].rows)
    assert any("江汉北路社区人民调解委员会" in p.text for p in docx.paragraphs)
