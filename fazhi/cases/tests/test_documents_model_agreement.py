"""The mediation agreement as the Ministry of Justice's model has it (issue 10, item 7): A4 in
both files with the same margins, the closing clause, signatures and date on one page, the
committee named, the parties' personal facts; no session before the case was received."""

import datetime as dt
import shutil
import subprocess
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.cases import services
from fazhi.cases.documents import (
    CLOSING_CLAUSE,
    PAGE,
    agreement_docx,
    agreement_pdf,
    cjk_font_available,
)
from fazhi.cases.models import MediationSession, Party
from fazhi.core.personal import birth_date_of
from fazhi.org.models import Unit

from .factories import applicant, make_case, respondent

pytestmark = pytest.mark.django_db
TERM = "李四于十日内修复卫生间防水层并赔偿张三装修损失二千元整。"
needs_pdf_tools = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdfinfo") or not cjk_font_available(),
    reason="needs poppler-utils and a CJK font (installed in CI)")


def _agreement(worker, case, terms: str = TERM):
    services.case_accept(actor=worker, case=case, expected_version=1)
    services.session_add(actor=worker, case=case, held_at=case.received_at, place="服务站",
                         mediators="王调解", attendees="张三、李四", record="笔录")
    day = dt.date(2026, 3, 10)
    return services.agreement_record(
        actor=worker, case=case, form="written", facts="楼上漏水导致天花板发霉",
        disputed_points="维修费用", responsibilities="李四负主要责任", terms=terms,
        performance_manner="现金支付", performance_deadline=day, signed_on=day,
        mediator_names="王调解")


@pytest.fixture
def agreement(worker, north):
    case = make_case(worker, north, parties=[
        applicant(ethnicity="汉族", occupation="退休职工"),
        respondent(gender="male", birth_date="1980-05-06", ethnicity="回族", occupation="个体户")])
    return _agreement(worker, case)


def _docx(agreement):
    from docx import Document

    return Document(BytesIO(agreement_docx(agreement)))


def test_the_word_file_is_a4_with_the_pdfs_margins(agreement):
    section = _docx(agreement).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    assert [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin,
                                      section.left_margin, section.right_margin)] == [
        PAGE["top"], PAGE["bottom"], PAGE["left"], PAGE["right"]]


def test_the_word_file_keeps_the_closing_clause_with_the_signatures_and_date(agreement):
    from docx.oxml.ns import qn

    doc = _docx(agreement)
    texts = [p.text for p in doc.paragraphs]
    closing = texts.index(CLOSING_CLAUSE)
    assert texts[closing + 1:] == ["2026年3月10日"]  # the table lies between, then the date
    for paragraph in doc.paragraphs[closing - 2:closing + 1]:
        assert paragraph.paragraph_format.keep_with_next is True
    table = doc.tables[-1]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert all(p.paragraph_format.keep_with_next for row in table.rows for cell in row.cells
               for p in cell.paragraphs)


def test_the_committee_of_the_community_is_named(agreement, north):
    doc = _docx(agreement)
    assert "调解组织：江汉北路社区人民调解委员会" in [p.text for p in doc.paragraphs]
    assert doc.tables[-1].cell(0, 2).text == "江汉北路社区人民调解委员会（盖章）"
    Unit.objects.create(name="江汉北路社区人民调解委员会（第二）", region=north,
                        kind=Unit.Kind.MEDIATION_COMMITTEE)
    assert "调解组织：江汉北路社区人民调解委员会（第二）" in [p.text for p in _docx(agreement).paragraphs]


def test_the_parties_carry_the_model_agreements_facts(agreement):
    texts = [p.text for p in _docx(agreement).paragraphs]
    assert ("申请人：张三　性别：女　民族：汉族　出生日期：1949年12月31日　职业：退休职工　"
            "身份证号：110105********002X　住址：—　联系电话：139****5678") in texts
    assert ("被申请人：李四　性别：男　民族：回族　出生日期：1980年5月6日　职业：个体户　"
            "身份证号：—　住址：—　联系电话：136****5432") in texts


def test_a_birth_date_is_stored_encrypted_and_masked(agreement):
    party = Party.objects.get(case=agreement.case, role="respondent")
    assert party.birth_masked == "1980-**-**" and "1980-05-06" not in party.birth_enc
    assert birth_date_of(party.birth_enc) == dt.date(1980, 5, 6)


@pytest.mark.parametrize(("facts", "field"), [
    ({"birth_date": "1950-01-01"}, "parties.0.birth_date"),  # the ID says 1949-12-31
    ({"gender": "male"}, "parties.0.gender"),                  # the ID says female
    ({"gender": "other"}, "parties.0.gender"),
    ({"birth_date": "9999-01-01"}, "parties.0.birth_date"),
    ({"birth_date": "1850-01-01"}, "parties.0.birth_date"),
    ({"birth_date": "not a date"}, "parties.0.birth_date"),
    ({"ethnicity": "汉" * 100_000}, "parties.0.ethnicity"),
    ({"occupation": "x" * 61}, "parties.0.occupation"),
])
def test_impossible_personal_facts_are_refused_beside_the_field(worker, north, facts, field):
    with pytest.raises(ValidationError) as refused:
        make_case(worker, north, parties=[applicant(**facts)])
    assert field in refused.value.error_dict
    assert not Party.objects.exists()


def test_the_api_takes_the_personal_facts(as_user, worker, north):
    response = as_user(worker).post("/api/v1/cases/", {
        "kind": "dispute", "channel": "station", "category": "neighbour", "title": "漏水",
        "description": "漏水", "community_id": north.pk,
        "parties": [{"role": "applicant", "name": "张三", "gender": "female",
                     "birth_date": "1990-02-03", "ethnicity": "土家族", "occupation": "教师"}]},
        content_type="application/json")
    assert response.status_code == 201, response.content
    party = Party.objects.get()
    assert (party.gender, party.ethnicity, party.occupation, party.birth_masked) == (
        "female", "土家族", "教师", "1990-**-**")


def test_a_session_cannot_be_dated_before_the_case_was_received(worker, north):
    case = make_case(worker, north, received_at=dt.datetime(2026, 3, 10, 9, 0,
                                                            tzinfo=dt.timezone(dt.timedelta(hours=8))))
    services.case_accept(actor=worker, case=case, expected_version=1)
    with pytest.raises(ValidationError) as refused:
        services.session_add(actor=worker, case=case,
                             held_at=dt.datetime(2026, 3, 9, 15, 0,
                                                 tzinfo=dt.timezone(dt.timedelta(hours=8))),
                             place="服务站", mediators="王调解", attendees="张三", record="")
    assert refused.value.message_dict["held_at"] == [
        "调解不能早于案件登记日（2026-03-10）。"]
    assert not MediationSession.objects.exists()


def test_the_page_says_so_beside_the_date_field(as_user, worker, north):
    case = make_case(worker, north, received_at=dt.datetime(2026, 3, 10, 9, 0,
                                                            tzinfo=dt.timezone(dt.timedelta(hours=8))))
    services.case_accept(actor=worker, case=case, expected_version=1)
    response = as_user(worker).post(reverse("cases:action", args=[case.pk, "session"]), {
        "version": 2, "held_at": "2026-03-09T15:00", "place": "服务站", "mediators": "王调解",
        "attendees": "张三", "record": "笔录"})
    assert ('id="id_held_at_error" role="alert">调解不能早于案件登记日（2026-03-10）。'
            in response.content.decode())
    assert not MediationSession.objects.exists()


@needs_pdf_tools
@pytest.mark.parametrize("repeats", [44, 46])  # the sign-off ends page 2; then it cannot fit
def test_the_pdf_is_a4_and_its_last_page_holds_clause_signatures_and_date(worker, north,
                                                                          tmp_path, repeats):
    agreement = _agreement(worker, make_case(worker, north), terms=TERM * repeats)
    path = tmp_path / "a.pdf"
    path.write_bytes(agreement_pdf(agreement))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    pages = [p for p in subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                       text=True, check=True).stdout.split("\f") if p.strip()]
    last = pages[-1].replace("\n", "")
    # (a table cell's text wraps, so its lines interleave with the neighbouring cells')
    for part in ("本协议自各方当事人签名", "当事人（签名", "人民调解员（签名）", "王调解",
                 "江汉北路社区人民调解委员", "（盖章）", "2026年3月10日"):
        assert part in last
