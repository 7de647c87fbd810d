"""The work report: asked for on the page, written by the task (immediate in tests), kept with
who asked and when, downloaded again (audited) in three formats whose figures are the records'
(counted in tests/world.py), and refused to people outside its scope."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
import time_machine
from openpyxl import load_workbook

from conftest import client_for
from fazhi.audit.models import Entry
from fazhi.reports.models import Report

from . import world as w

pytestmark = pytest.mark.django_db

SINCE, UNTIL = dt.date(2024, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture
def world(street_admin, north, south):
    with time_machine.travel(w.NOW, tick=False):
        yield w.build(street_admin, north, south)


def _ask(user, **extra):
    with time_machine.travel(w.NOW, tick=False):
        response = client_for(user).post("/reports/new/", {
            "since": SINCE.isoformat(), "until": UNTIL.isoformat(), **extra})
    assert response.status_code == 302, response.content[:500]
    return Report.objects.latest("pk")


def _figures_sheet(data: bytes) -> dict[str, object]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    return {row[0]: row[1] for row in rows[1:]}


def test_a_leader_gets_the_report_in_three_formats_with_the_records_figures(world, leader):
    report = _ask(leader)
    assert (report.status, report.progress, report.requested_by) == ("done", 100, leader)
    expected = w.expected(world, viewer="street", community=None, since=SINCE, until=UNTIL)
    assert report.figures["values"] == expected
    client = client_for(leader)
    xlsx = client.get(f"/reports/{report.pk}/xlsx/")
    assert xlsx.status_code == 200
    from django.utils import translation

    from fazhi.reports.figures import BY_KEY
    with translation.override("zh-hans"):
        labels = {str(BY_KEY[key].label): value for key, value in expected.items()}
    assert _figures_sheet(xlsx.content) == labels
    docx = client.get(f"/reports/{report.pk}/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert f"举办法治大讲堂{expected['lectures']}场" in text
    assert f"惠及群众约{expected['attendance']}人次（{expected['unique_people']}人）" in text
    assert f"成功化解信访积案{expected['backlog_resolved']}件" in text
    assert Entry.objects.filter(action="export", object_id=str(report.pk)).count() == 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_is_a4_and_its_chinese_reads_back_as_rendered(world, leader, tmp_path):
    report = _ask(leader)
    pdf = client_for(leader).get(f"/reports/{report.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    (tmp_path / "r.pdf").write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],  # noqa: S607
                          capture_output=True, text=True, check=True).stdout
    expected = w.expected(world, viewer="street", community=None, since=SINCE, until=UNTIL)
    flat = "".join(text.split())
    assert "法治工作报告" in flat
    assert f"举办法治大讲堂{expected['lectures']}场" in flat
    assert "数据来源说明" in flat
    info = subprocess.run(["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True,  # noqa: S607
                          text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_without_a_chinese_font_there_is_no_pdf_and_the_page_says_why(world, leader,
                                                                       monkeypatch):
    from fazhi.core import charts

    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    report = _ask(leader)
    assert report.status == "done" and report.pdf is None
    assert "fonts-noto-cjk" in report.error
    page = client_for(leader).get(f"/reports/{report.pk}/").content.decode()
    assert "fonts-noto-cjk" in page
    assert client_for(leader).get(f"/reports/{report.pk}/pdf/").status_code == 404


def test_a_community_workers_report_counts_their_community_only(world, worker):
    report = _ask(worker)
    assert report.figures["values"] == w.expected(world, viewer="north", community=None,
                                                  since=SINCE, until=UNTIL)


def test_a_report_is_read_by_its_requester_and_the_leaders_only(world, worker, outsider, leader,
                                                                street_staff):
    report = _ask(worker)
    assert client_for(outsider).get(f"/reports/{report.pk}/").status_code == 404
    assert client_for(outsider).get(f"/reports/{report.pk}/docx/").status_code == 404
    assert client_for(street_staff).get(f"/reports/{report.pk}/xlsx/").status_code == 404
    assert client_for(leader).get(f"/reports/{report.pk}/xlsx/").status_code == 200
    assert Entry.objects.filter(action="export", object_id=str(report.pk)).count() == 1


def test_asking_again_writes_a_new_report_and_keeps_the_first(world, leader):
    first = _ask(leader)
    second = _ask(leader)
    assert second.pk != first.pk and Report.objects.count() == 2
    listing = client_for(leader).get("/reports/").content.decode()
    assert f'/reports/{first.pk}/' in listing and f'/reports/{second.pk}/' in listing


def test_the_status_part_polls_until_the_report_is_ready(world, leader):
    report = Report.objects.create(since=SINCE, until=UNTIL, requested_by=leader,
                                   status="running", progress=40, step="DOCX")
    part = client_for(leader).get(f"/reports/{report.pk}/", HTTP_HX_REQUEST="true")
    body = part.content.decode()
    assert 'hx-trigger="every 2s"' in body and 'value="40"' in body
    assert "<html" not in body


@pytest.mark.parametrize("bad", [{"until": "2023-01-01"}, {"since": "9999-01-01"},
                                 {"since": "1900-01-01"}, {"until": "x" * 100_000}])
def test_a_bad_period_writes_nothing(world, leader, bad):
    data = {"since": SINCE.isoformat(), "until": UNTIL.isoformat(), **bad}
    response = client_for(leader).post("/reports/new/", data)
    assert response.status_code == 422
    assert Report.objects.count() == 0


def test_an_unknown_format_or_another_community_is_refused(world, leader, worker):
    report = _ask(leader)
    assert client_for(leader).get(f"/reports/{report.pk}/exe/").status_code == 404
    south = world["communities"]["south"]
    response = client_for(worker).post("/reports/new/", {
        "since": SINCE.isoformat(), "until": UNTIL.isoformat(), "community": south.pk})
    assert response.status_code == 422
    assert Report.objects.count() == 1
