"""The community's model-assessment report: asked for from the assessment's page, written by
the reports app's task as DOCX, PDF and XLSX, readable only by those who may read the
assessment."""

from __future__ import annotations

import io

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from fazhi.assessments import services
from fazhi.assessments.tests.conftest import NOW, community_records
from fazhi.assessments.tests.test_services import fill
from fazhi.audit.models import Entry
from fazhi.reports.models import Report


@pytest.fixture
def cycle(street_admin, north):
    """North's records and the 2025–2026 cycle, the clock at 2026-11-30 10:00 Beijing."""
    with time_machine.travel(NOW, tick=False):
        community_records(north)
        yield services.cycle_create(actor=street_admin, title="2025—2026年度", first_year=2025)


def _concluded(cycle, worker, staff):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    fill(worker, assessment)
    services.assessment_submit(actor=worker, assessment=assessment, expected_version=1)
    for score in assessment.scores.all():
        services.score_review(actor=staff, score=score, expected_version=score.version,
                              verdict="accepted")
    assessment.refresh_from_db()
    return services.assessment_conclude(actor=staff, assessment=assessment,
                                        expected_version=assessment.version)


def test_the_assessment_report_states_the_result_and_every_item(as_user, cycle, worker,
                                                                street_staff):
    assessment = _concluded(cycle, worker, street_staff)
    client = as_user(worker)
    response = client.post(f"/reports/assessment/{assessment.pk}/")
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.kind, report.assessment_id, report.status) == ("assessment", assessment.pk,
                                                                   "done")
    assert (report.since.isoformat(), report.until.isoformat()) == ("2025-01-01", "2026-12-31")
    docx = Document(io.BytesIO(client.get(f"/reports/{report.pk}/docx/").content))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = {c.text for t in docx.tables for row in t.rows for c in row.cells}
    assert "江汉北路社区2025—2026年度民主法治示范社区创建测评报告" in text
    assert "测评结果：100.0分，等次优秀；结论：命名为示范社区（2026-11-30）。" in text
    assert "矛盾纠纷调解成功率不低于95%" in cells
    assert "当年办结纠纷20件，调解成功19件（95.0%）。" in cells
    book = load_workbook(io.BytesIO(client.get(f"/reports/{report.pk}/xlsx/").content),
                         read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert {r[0]: r[1] for r in rows[1:]}["设立社区综治工作室"] == 1
    assert Entry.objects.filter(object_type="reports.report", action="export").count() == 2


def test_an_outsider_cannot_ask_for_the_report(as_user, cycle, worker, outsider):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    assert as_user(outsider).post(f"/reports/assessment/{assessment.pk}/").status_code == 404
    assert Report.objects.count() == 0


def test_the_leader_may_ask_for_it_and_read_it(as_user, cycle, worker, leader):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    client = as_user(leader)
    assert client.post(f"/reports/assessment/{assessment.pk}/").status_code == 302
    report = Report.objects.get()
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    assert as_user(worker).get(f"/reports/{report.pk}/").status_code == 404  # not theirs
