"""A cadre on a phone sits an exam through a network drop; the certificate verifies publicly;
an organiser's import with bad rows lists them all and imports nothing; large-text mode."""

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login, make_user
from fazhi.core.roles import Role
from fazhi.exams.models import Attempt, Bank, PaperItem, Question
from fazhi.org.models import Unit

from .conftest import add_questions, new_exam
from .sheets import good_row, workbook

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _answer(page, item) -> None:
    """Give the right answer to ``item`` on the page, as a candidate who knows it would."""
    form = page.locator(f"#q{item.position}")
    kind = item.question_version.question.kind
    if kind == "fill":
        form.locator("input[type=text]").fill(item.question_version.answer[0])
        form.locator("input[type=text]").press("Tab")
        return
    for index in item.question_version.answer:
        form.locator(f"input[name=answer][value='{item.permutation.index(index)}']").check()


def _world(north, south):
    staff = make_user("staff", Role.STREET_STAFF, display_name="街道考试管理员")
    unit = Unit.objects.create(name="江汉北路社区工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north)
    cadre = make_user("cadre", Role.MEDIATOR, north, unit_id=unit.pk, display_name="王小明")
    bank = Bank.objects.create(name="年度题库")
    add_questions(bank, "宪法", 24)
    add_questions(bank, "民法典", 24, start=100)
    exam = new_exam(staff, bank, [unit], opens_at=timezone.now() - dt.timedelta(hours=1))
    return staff, cadre, bank, exam


def test_a_cadre_on_a_phone_sits_an_exam_through_a_network_drop(phone, browser, live_server,
                                                                 north, south):
    SHOTS.mkdir(parents=True, exist_ok=True)
    _staff, cadre, _bank, exam = _world(north, south)
    browser_login(phone, "cadre")
    phone.goto(f"/exams/{exam.pk}/")
    phone.locator("#start").click()
    phone.wait_for_selector("#paper")
    attempt = Attempt.objects.get(user=cadre)
    items = list(PaperItem.objects.filter(attempt=attempt).select_related(
        "question_version__question").order_by("position"))
    state = phone.locator("#save-state")

    for item in items[:4]:
        _answer(phone, item)
    expect(state).to_have_attribute("data-waiting", "0")
    expect(state).to_have_class(re.compile("saved"))

    phone.context.set_offline(True)
    for item in items[4:]:
        _answer(phone, item)
    expect(state).to_have_class(re.compile("offline"))
    expect(state).to_have_attribute("data-waiting", "8")
    assert "离线" in state.inner_text()
    phone.screenshot(path=str(SHOTS / "exam-offline.png"), full_page=False)
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 4

    phone.context.set_offline(False)
    expect(state).to_have_attribute("data-waiting", "0", timeout=15_000)
    assert state.inner_text() == "答案已全部保存"
    phone.screenshot(path=str(SHOTS / "exam-back-online.png"), full_page=False)
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 12

    # Another device: the same answers, the time that remains.
    other = browser.new_context(base_url=live_server.url, locale="zh-CN")
    desk = other.new_page()
    browser_login(desk, "cadre")
    desk.goto(f"/exams/papers/{attempt.pk}/")
    for item in items:
        form = desk.locator(f"#q{item.position}")
        if item.question_version.question.kind == "fill":
            assert form.locator("input[type=text]").input_value() == item.question_version.answer[0]
        else:
            checked = form.locator("input[name=answer]:checked")
            assert checked.count() == len(item.question_version.answer)
    assert int(desk.locator("#paper").get_attribute("data-remaining")) > 3000
    other.close()

    phone.locator("#submit").click()
    phone.wait_for_selector("#score")
    assert "32" in phone.locator("#score").inner_text()
    phone.screenshot(path=str(SHOTS / "exam-result.png"), full_page=True)
    code = phone.locator("#cert-code").inner_text()
    with phone.expect_download() as download:
        phone.locator("#certificate").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        assert "学法考试合格证书" in text and code in text

    # Anyone verifies the code, and sees the masked name only.
    public = browser.new_context(base_url=live_server.url, locale="zh-CN")
    visitor = public.new_page()
    visitor.goto("/exams/verify/")
    visitor.locator("[name=code]").fill(code)
    visitor.locator("main button[type=submit]").click()
    assert "王**" in visitor.locator("#verified").inner_text()
    assert "王小明" not in visitor.content()
    visitor.screenshot(path=str(SHOTS / "exam-verify.png"), full_page=True)
    public.close()


def test_an_organiser_imports_a_bank_with_bad_rows_and_nothing_is_imported(page, north, south,
                                                                           tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    make_user("staff", Role.STREET_STAFF)
    bank = Bank.objects.create(name="调解题库")
    no_law = good_row(3)
    no_law[10] = ""
    bad_kind = good_row(4)
    bad_kind[0] = "问答"
    path = tmp_path / "题库.xlsx"
    path.write_bytes(workbook([good_row(1), no_law, good_row(2), bad_kind]))
    browser_login(page, "staff")
    page.goto(f"/exams/banks/{bank.pk}/import/")
    page.locator("[name=file]").set_input_files(str(path))
    page.locator("main button[type=submit]").click()
    errors = page.locator("#import-errors")
    rows = errors.locator("tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().split("\t")[:2] == ["3", "K"]
    assert rows.nth(1).inner_text().split("\t")[:2] == ["5", "A"]
    page.screenshot(path=str(SHOTS / "exam-import-errors.png"), full_page=True)
    assert Question.objects.count() == 0


def test_the_paper_reads_in_large_text_mode(phone, north, south):
    """Large text on a phone: bigger options, no sideways scrolling, and the paper still saves
    answers, keeps the mode after a reload and submits."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    _staff, cadre, _bank, exam = _world(north, south)
    browser_login(phone, "cadre")
    phone.goto(f"/exams/{exam.pk}/")
    phone.locator("#start").click()
    phone.wait_for_selector("#paper")
    normal = phone.locator(".option").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)")
    phone.locator("header .tools button[aria-pressed=false]").first.click()
    phone.wait_for_selector("html.large-text #paper")
    size = phone.locator(".option").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 20 and size > normal
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.screenshot(path=str(SHOTS / "exam-large-text.png"), full_page=False)
    attempt = Attempt.objects.get(user=cadre)
    items = list(PaperItem.objects.filter(attempt=attempt).select_related(
        "question_version__question").order_by("position"))
    for item in items[:3]:
        _answer(phone, item)
    expect(phone.locator("#save-state")).to_have_attribute("data-waiting", "0")
    phone.reload()
    phone.wait_for_selector("html.large-text #paper")
    assert PaperItem.objects.filter(attempt=attempt, seq__gt=0).count() == 3
    phone.locator("#submit").scroll_into_view_if_needed()
    expect(phone.locator("#submit")).to_be_visible()
    phone.locator("#submit").click()
    phone.wait_for_selector("html.large-text #score")
