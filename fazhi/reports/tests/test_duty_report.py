"""A unit's duty-review report (kind ``duty_review``): asked for from the unit's page of the
review, written in three formats from the same figures the page shows, read only by whom may
read that unit's score."""

# The duty reviews' fixtures are imported by name below, which is how pytest finds another
# app's fixtures without a plugin; ruff reads the test arguments as redefinitions.
# ruff: noqa: F811
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from conftest import client_for
from fazhi.dutyreviews.services import marks
from fazhi.dutyreviews.tests.conftest import (  # noqa: F401 (fixtures)
    _english_messages,
    court_user,
    frozen,
    panelist,
    police_user,
    review,
    units,
)
from fazhi.reports.models import Report

pytestmark = pytest.mark.django_db


def test_a_unit_member_gets_their_units_report_with_the_figures_behind_the_score(
        review, units, police_user, panelist, court_user):
    marks.panel_marks_save(actor=panelist, review=review, marks={units.police.pk: 80})
    marks.peer_marks_save(actor=court_user, review=review, marks={units.police.pk: 90})
    client = client_for(police_user)
    response = client.post(f"/reports/duty/2026/{units.police.pk}/")
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert (report.kind, report.unit, report.status) == ("duty_review", units.police, "done")
    # completion 60, panel 80 alone in its part, peer 90: (40x60 + 40x80 + 20x90) / 100 = 74
    assert report.figures["values"] == {
        "completion": "60.0", "public_score": None, "panel_score": "80.0",
        "rating_score": "80.0", "peer_score": "90.0", "total": "74.0", "grade": "合格"}
    book = load_workbook(io.BytesIO(client.get(f"/reports/{report.pk}/xlsx/").content))
    figures = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=2,
                                                                     values_only=True)}
    assert figures["完成率"] == "60.0" and figures["成绩"] == "74.0"
    from docx import Document

    docx = client.get(f"/reports/{report.pk}/docx/").content
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "西马派出所得分 74.0，评为合格" in text
    assert "计划开展活动 5 场" in text


def test_nobody_gets_a_report_of_a_unit_whose_score_they_do_not_read(review, units,
                                                                     police_user, outsider):
    assert client_for(police_user).post(
        f"/reports/duty/2026/{units.court.pk}/").status_code == 404
    assert client_for(outsider).post(
        f"/reports/duty/2026/{units.police.pk}/").status_code == 404
    assert client_for(police_user).post(
        f"/reports/duty/2019/{units.police.pk}/").status_code == 404
    assert not Report.objects.exists()


def test_the_report_page_offers_to_write_it_again(review, units, street_staff):
    client = client_for(street_staff)
    client.post(f"/reports/duty/2026/{units.justice.pk}/")
    report = Report.objects.get()
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'action="/reports/duty/2026/{units.justice.pk}/"' in page
    assert "西马司法所" in page
    assert report.figures["values"]["total"] == "0.0"
