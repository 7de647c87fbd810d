import datetime as dt
import io
import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.exams.models import Attempt, Certificate, PaperItem, Question
from fazhi.exams.services.sitting import attempt_start, attempt_submit

from .sheets import good_row, workbook
from .test_sitting import _answer_all


def _post_answer(client, attempt, **body):
    data = {"position": 1, "answer": 0, "seq": 1, "paper_version": attempt.version, **body}
    return client.post(f"/exams/papers/{attempt.pk}/answer/", json.dumps(data),
                       content_type="application/json")


def test_the_paper_page_shows_every_question_and_the_time_left(exam, cadre, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    page = as_user(cadre).get(f"/exams/papers/{attempt.pk}/")
    assert page.status_code == 200
    assert page.context["remaining"] == 3600
    assert page.content.decode().count('class="card question"') == 12


def test_the_paper_page_escapes_the_texts_and_writes_numbers_plainly(exam, cadre, as_user):
    """The questions are written by a template tag (papers.question_forms), not the template
    loop: texts are escaped as a template would, sequence numbers never localised, a saved
    choice is checked."""
    attempt = attempt_start(actor=cadre, exam=exam)
    item = attempt.items.select_related("question_version__question").get(position=1)
    version = item.question_version
    assert version.question.kind == "single"
    version.stem, version.options = '<b>题干</b> & "引号"', ["<i>甲</i>", "乙", "丙", "丁"]
    version.save()
    PaperItem.objects.filter(pk=item.pk).update(seq=1234, response=[0])
    html = as_user(cadre).get(f"/exams/papers/{attempt.pk}/").content.decode()
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;题干&lt;/b&gt; &amp; &quot;引号&quot;" in html
    place = item.permutation.index(0)
    assert (f'value="{place}" checked> &lt;i&gt;甲&lt;/i&gt;</label>') in html
    assert 'data-position="1" data-seq="1234" data-kind="single"' in html
    assert '<input type="hidden" name="seq" value="1235">' in html
    assert html.count('name="csrfmiddlewaretoken"') >= 12


def test_starting_from_the_page_opens_the_paper(exam, cadre, as_user):
    response = as_user(cadre).post(f"/exams/{exam.pk}/start/")
    attempt = Attempt.objects.get(user=cadre)
    assert response.url == f"/exams/papers/{attempt.pk}/"


def test_the_page_saves_an_answer_and_says_so(exam, cadre, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    response = _post_answer(as_user(cadre), attempt)
    assert (response.status_code, response.json()) == (200, {"saved": True, "position": 1, "seq": 1})
    assert attempt.items.get(position=1).seq == 1


def test_a_plain_form_save_without_script_redirects_back_to_the_question(exam, cadre, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    response = as_user(cadre).post(f"/exams/papers/{attempt.pk}/answer/", {
        "position": 2, "kind": "single", "answer": "1", "seq": 1, "paper_version": 1})
    assert response.url == f"/exams/papers/{attempt.pk}/#q2"
    assert attempt.items.get(position=2).seq == 1


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"position": 99}, 409, "not_on_paper"),
    ({"paper_version": 5}, 409, "stale_paper"),
    ({"seq": 0}, 409, "stale_answer"),
    ({"answer": [0, 1, 2, 3, 4, 5, 6]}, 422, "invalid"),
    ({"seq": "x"}, 422, "invalid"),
])
def test_the_page_refuses_bad_saves_clearly_and_saves_nothing(exam, cadre, as_user, body, status,
                                                             code):
    attempt = attempt_start(actor=cadre, exam=exam)
    response = _post_answer(as_user(cadre), attempt, **body)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["detail"]
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 0


def test_the_page_refuses_a_save_after_time_out(exam, cadre, as_user, clock):
    attempt = attempt_start(actor=cadre, exam=exam)
    clock.shift(dt.timedelta(hours=2))
    response = _post_answer(as_user(cadre), attempt)
    assert (response.status_code, response.json()["code"]) == (409, "time_up")
    assert Attempt.objects.get(pk=attempt.pk).state == "submitted"
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 0


def test_the_page_refuses_a_save_on_another_candidates_paper(exam, cadre, cadre2, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    response = _post_answer(as_user(cadre2), attempt)
    assert (response.status_code, response.json()["code"]) == (404, "not_your_paper")
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 0


def test_the_api_refuses_the_same_bad_saves(exam, cadre, cadre2, as_user, clock):
    attempt = attempt_start(actor=cadre, exam=exam)
    url = f"/api/v1/exams/papers/{attempt.pk}/answers"

    def post(user, **body):
        data = {"position": 1, "answer": 0, "seq": 1, "paper_version": 1, **body}
        return as_user(user).post(url, data, content_type="application/json")

    assert post(cadre2).status_code == 404
    assert post(cadre, position=40).status_code == 409
    assert post(cadre, paper_version=3).status_code == 409
    assert post(cadre).status_code == 200
    replay = post(cadre)
    assert replay.status_code == 409 and "更新的答案" in replay.json()["detail"]
    clock.shift(dt.timedelta(hours=2))
    assert post(cadre, seq=9).status_code == 409
    assert PaperItem.objects.get(attempt=attempt, position=1).seq == 1


def test_the_api_starts_and_resumes_a_paper_with_the_time_left(exam, cadre, as_user, clock):
    client = as_user(cadre)
    first = client.post(f"/api/v1/exams/{exam.pk}/start").json()
    clock.shift(dt.timedelta(minutes=15))
    again = client.post(f"/api/v1/exams/{exam.pk}/start").json()
    assert again["id"] == first["id"]
    assert (first["remaining_seconds"], again["remaining_seconds"]) == (3600, 2700)
    assert len(again["items"]) == 12


def test_submitting_shows_the_score_the_pass_line_and_the_explanations(exam, cadre, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    _answer_all(cadre, attempt)
    client = as_user(cadre)
    response = client.post(f"/exams/papers/{attempt.pk}/submit/", {"paper_version": 1})
    assert response.url == f"/exams/papers/{attempt.pk}/result/"
    page = client.get(response.url)
    assert page.context["pass_line"] == Decimal("19.2")
    assert len(page.context["items"]) == 12
    assert "解析" in page.content.decode()


def test_the_result_hides_explanations_where_the_exam_says_so(exam, cadre, as_user):
    exam.show_explanations = False
    exam.save()
    attempt = attempt_start(actor=cadre, exam=exam)
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    page = as_user(cadre).get(f"/exams/papers/{attempt.pk}/result/")
    assert page.context["items"] == []


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_certificate_pdf_reads_in_chinese_with_hours_and_code(exam, cadre, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    _answer_all(cadre, attempt)
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    response = as_user(cadre).get(f"/exams/papers/{attempt.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    code = Certificate.objects.get().code
    assert "学法考试合格证书" in text and "王小明" in text and "6学时" in text.replace(" ", "")
    assert code in text


def test_without_a_chinese_font_the_certificate_page_says_so(exam, cadre, as_user, monkeypatch):
    from fazhi.exams import views

    attempt = attempt_start(actor=cadre, exam=exam)
    _answer_all(cadre, attempt)
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    monkeypatch.setattr(views, "cjk_font_available", lambda: False)
    response = as_user(cadre).get(f"/exams/papers/{attempt.pk}/certificate.pdf")
    assert response.status_code == 503
    assert "未安装中文字体" in response.content.decode()


def test_anyone_verifies_a_code_and_sees_only_the_masked_name(exam, cadre, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    _answer_all(cadre, attempt)
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    code = Certificate.objects.get().code
    page = Client().get(f"/exams/verify/{code}/")
    body = page.content.decode()
    assert page.status_code == 200 and "王**" in body and "王小明" not in body
    assert Client().get("/exams/verify/NOSUCHCODE12/").status_code == 404
    assert Client().get("/exams/verify/", {"code": code.lower()}).status_code == 200


def test_another_candidate_cannot_open_a_paper_or_its_certificate(exam, cadre, cadre2, as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    client = as_user(cadre2)
    assert client.get(f"/exams/papers/{attempt.pk}/").status_code == 404
    assert client.get(f"/exams/papers/{attempt.pk}/result/").status_code == 404
    assert client.get(f"/exams/papers/{attempt.pk}/certificate.pdf").status_code == 404


def test_an_organiser_imports_a_bank_and_sees_every_bad_row(street_staff, bank, as_user):
    before = Question.objects.count()
    bad = good_row(2)
    bad[0] = "问答"
    upload = io.BytesIO(workbook([good_row(1), bad, good_row(3, "判断")[:8] + ["也许"] + good_row(3)[9:]]))
    upload.name = "bank.xlsx"
    response = as_user(street_staff).post(f"/exams/banks/{bank.pk}/import/", {"file": upload})
    assert response.status_code == 422
    assert [(r, c) for r, c, _m in response.context["errors"]] == [(3, "A"), (4, "I")]
    assert Question.objects.count() == before


def test_a_community_worker_cannot_reach_the_banks(worker, bank, as_user):
    assert as_user(worker).get("/exams/banks/").status_code == 403
    assert as_user(worker).get(f"/exams/banks/{bank.pk}/import/").status_code == 404


def test_the_template_downloads_with_chinese_headers(street_staff, as_user):
    response = as_user(street_staff).get("/exams/banks/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["题型", "题干", "选项A"]


def test_rates_by_unit_and_community_rank_and_export(exam, cadre, cadre2, far_cadre, street_staff,
                                                      as_user):
    attempt = attempt_start(actor=cadre, exam=exam)
    _answer_all(cadre, attempt)
    attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=1)
    page = as_user(street_staff).get(f"/exams/{exam.pk}/rates/")
    units = [(r.name, r.enrolled, r.sat, r.passed, r.excellent, r.rank)
             for r in page.context["by_unit"]]
    assert units == [("江汉北路社区工作室", 3, 1, 1, 1, 1), ("高雄社区工作室", 1, 0, 0, 0, 2)]
    assert [r.name for r in page.context["by_community"]] == ["江汉北路社区", "高雄社区"]
    xlsx = as_user(street_staff).get(f"/exams/{exam.pk}/rates/?format=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.worksheets[0]["B2"].value == "江汉北路社区工作室"


def test_unit_staff_see_their_units_rates_and_papers_only(exam, cadre, far_cadre, unit_staff,
                                                         as_user):
    mine = attempt_start(actor=cadre, exam=exam)
    far = attempt_start(actor=far_cadre, exam=exam)
    client = as_user(unit_staff)
    page = client.get(f"/exams/{exam.pk}/rates/")
    assert [r.name for r in page.context["by_unit"]] == ["江汉北路社区工作室"]
    assert client.get(f"/exams/papers/{mine.pk}/result/").status_code == 200
    assert client.get(f"/exams/papers/{far.pk}/result/").status_code == 404
    assert Attempt.objects.get(pk=mine.pk).state == "open"  # reading did not submit it
