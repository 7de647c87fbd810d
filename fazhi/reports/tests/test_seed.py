"""The page Fazhi started from is a work report (../shared/seed/000_9e0e47906a852ac4.txt). The
demo world's report for 2016-2018, written by the report task from the demo's records, must
yield the figures that page states. Each is read from the seed text here (never typed in) and
compared with the generated XLSX's figure sheet and the DOCX's sentences."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from conftest import client_for
from fazhi.accounts.models import User
from fazhi.reports.figures import BY_KEY
from fazhi.reports.models import Report

SEED = Path(__file__).resolve().parents[3].parent / "shared/seed/000_9e0e47906a852ac4.txt"

# (figure, pattern in the seed, how the seed states it): "余"/"多" = more than N (and fewer
# than half as much again), "约" = within a tenth of N, "" = exactly N.
CLAIMS = [
    ("lectures", r"举办法治大讲堂(\d+)余场", "more"),
    ("unique_people", r"惠及群众大约(\d+)余人", "about"),
    ("mediated", r"成功调解矛盾纠纷(\d+)余起", "more"),
    ("backlog_resolved", r"成功化解信访积案(\d+)件", "exact"),
    ("correction_sessions", r"社区服刑人员参与普法活动(\d+)余次", "more"),
    ("workrooms", r"成立(\d+)个社区综治工作室", "exact"),
    ("agreements", r"与辖区(\d+)多家物业公司签订共驻共建协议书", "more"),
]


def _holds(value: int, stated: int, how: str) -> bool:
    if how == "exact":
        return value == stated
    if how == "about":
        return abs(value - stated) <= stated / 10
    return stated < value < stated * 1.5


def test_the_seed_states_every_figure_checked_here():
    text = SEED.read_text(encoding="utf-8")
    assert all(re.search(pattern, text) for _key, pattern, _how in CLAIMS)


def check_the_report_for_2016_to_2018_reproduces_the_seed() -> None:
    """Run on the demo world dated 2026-03-10 (test_demo_history.py builds it once)."""
    seed = SEED.read_text(encoding="utf-8")
    leader = User.objects.get(username="leader")
    client = client_for(leader)
    response = client.post("/reports/new/", {"since": "2016-01-01", "until": "2018-12-31"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "done"
    book = load_workbook(io.BytesIO(client.get(f"/reports/{report.pk}/xlsx/").content),
                         read_only=True)
    sheet = {row[0]: row[1] for row in list(book.worksheets[0].iter_rows(values_only=True))[1:]}
    docx = "\n".join(p.text for p in Document(io.BytesIO(
        client.get(f"/reports/{report.pk}/docx/").content)).paragraphs)
    wrong = []
    with translation.override("zh-hans"):
        for key, pattern, how in CLAIMS:
            stated = int(re.search(pattern, seed).group(1))
            value = sheet[str(BY_KEY[key].label)]
            if not _holds(value, stated, how) or str(value) not in docx:
                wrong.append((key, stated, how, value))
    assert wrong == []
    assert "举办法治大讲堂" in docx and "成功化解信访积案8件" in docx
    # "2018年江汉北路社区、高雄社区、金门社区被评为法治示范社区": named by the demo's 2017–2018
    # assessment (fazhi/reports/tests/test_demo_model_communities.py checks each passes).
    named = re.search(r"2018年(\S+?)被评为“法治示范社区”", seed).group(1)
    with translation.override("zh-hans"):
        assert sheet[str(BY_KEY["model_communities"].label)] == len(named.split("、")) == 3
    assert f"{named}被评为（或保留）民主法治示范社区，共3个。" in docx


@pytest.mark.skip(reason="pending: cadre study and exam results come with the exams app; the "
                         "seed states 2016-2018 无纸化学习、考试均达优秀")
def test_the_report_says_cadre_study_and_exams_were_excellent_each_year():
    raise AssertionError
