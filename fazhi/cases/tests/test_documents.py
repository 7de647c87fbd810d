import datetime as dt
import shutil
import subprocess
from io import BytesIO

import pytest
from PIL import Image

from fazhi.cases import services
from fazhi.cases.documents import agreement_docx, agreement_pdf, cjk_font_available

from .factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(worker, north):
    case = make_case(worker, north)
    services.case_accept(actor=worker, case=case, expected_version=1)
    services.session_add(actor=worker, case=case, held_at=case.received_at, place="服务站",
                         mediators="王调解", attendees="张三、李四", record="笔录")
    today = dt.date.today()
    return services.agreement_record(
        actor=worker, case=case, form="written", facts="楼上漏水导致天花板发霉",
        disputed_points="维修费用", responsibilities="李四负主要责任", terms="李四赔偿二千元",
        performance_manner="现金支付", performance_deadline=today, signed_on=today,
        mediator_names="王调解")


def test_the_docx_holds_the_lawful_contents(agreement):
    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(agreement_docx(agreement))).paragraphs)
    for part in ("人民调解协议书", "申请人：张三", "被申请人：李四", "纠纷主要事实", "争议事项",
                 "各方责任", "李四赔偿二千元", "履行方式：现金支付", "履行期限"):
        assert part in text
    assert "13912345678" not in text


@pytest.mark.skipif(not shutil.which("pdftoppm") or not cjk_font_available(),
                    reason="needs pdftoppm and a CJK font (installed in CI)")
def test_the_pdf_renders_chinese_glyphs(agreement, tmp_path):
    pdf = agreement_pdf(agreement)
    assert pdf and pdf.startswith(b"%PDF")
    (tmp_path / "a.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                    str(tmp_path / "a.pdf"), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    # The title band (top of the page) has dark pixels: glyphs, not empty boxes or nothing.
    width, height = image.size
    title = image.crop((0, int(height * 0.05), width, int(height * 0.12)))
    dark = sum(1 for px in title.getdata() if px < 128)
    assert dark > 150


def test_without_a_cjk_font_the_pdf_view_explains(as_user, worker, agreement, monkeypatch):
    from fazhi.cases import documents

    monkeypatch.setattr(documents, "cjk_font_available", lambda: False)
    response = as_user(worker).get(f"/cases/{agreement.case_id}/agreement.pdf")
    assert response.status_code == 503 and "Noto CJK" in response.content.decode()
