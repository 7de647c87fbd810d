"""A participant on a 390 px phone: verifies the mobile with the SMS code, chooses a community,
answers a round (each answer saved as it is given), hands in, sees the result and the
leaderboard; nothing scrolls sideways, in large text too; axe finds no serious violation."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from fazhi.contests.models import Answer, Contest, Participant, Round
from fazhi.exams.models import Bank
from tests.a11y import assert_accessible
from tests.outbox import Outbox

from .conftest import MOBILE, add_questions

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def _contest() -> tuple[Contest, Round]:
    bank = Bank.objects.create(name="宪法知识竞赛题库")
    add_questions(bank, 4, "single")
    add_questions(bank, 4, "true_false")
    contest = Contest.objects.create(title="“宪法宣传周”网上知识竞赛", intro="人人学宪法。",
                                     bank=bank, is_published=True)
    now = timezone.now()
    round_ = Round.objects.create(contest=contest, name="第一轮", opens_at=now - dt.timedelta(hours=1),
                                  closes_at=now + dt.timedelta(days=1), seconds=600,
                                  single_count=2, multiple_count=0, true_false_count=2, points=5)
    return contest, round_


def test_a_participant_on_a_phone_answers_a_round_and_sees_the_leaderboard(phone, monkeypatch,
                                                                             north):
    outbox = Outbox.into(monkeypatch)
    contest, round_ = _contest()
    phone.set_default_timeout(60_000)  # a busy 2-core machine: the first page compiles a lot

    phone.goto(f"/contests/{contest.pk}/")
    assert phone.evaluate(FITS)
    phone.get_by_role("link", name="验证手机号参赛").click()
    phone.wait_for_load_state()
    phone.get_by_label("手机号").fill(MOBILE)
    phone.get_by_role("button", name="获取验证码").click()
    phone.wait_for_load_state()
    assert "139****5678" in phone.inner_text("main")
    phone.get_by_label("短信验证码").fill(outbox.last_code())
    phone.get_by_role("button", name="验证", exact=True).click()
    phone.wait_for_load_state()
    assert "已验证：139****5678" in phone.inner_text("main")
    phone.get_by_label("所在社区").select_option(label="江汉北路社区")
    phone.get_by_label("姓名或昵称（排行榜上遮挡显示）").fill("王小明")
    phone.get_by_role("button", name="开始本轮答题").click()
    phone.wait_for_selector("#paper")
    assert phone.evaluate(FITS)
    assert_accessible(phone)
    for question in phone.locator("form.question").all():
        question.locator("input[name=answer]").first.check()
    phone.wait_for_selector("form.question[data-state=saved] >> nth=3")  # every answer acknowledged
    phone.wait_for_selector("#save-state.saved")
    assert phone.locator("#save-state").inner_text() == "答案已全部保存"
    paper = Participant.objects.get()
    assert Answer.objects.filter(participant=paper, seq=1).count() == 4
    phone.get_by_role("button", name="交卷").click()
    phone.wait_for_load_state()
    assert "得分：" in phone.inner_text("main")
    phone.get_by_role("link", name="排行榜").click()
    phone.wait_for_load_state()
    assert "王**" in phone.locator("[data-participant-rank='1']").inner_text()
    phone.get_by_role("button", name="大字模式").click()
    phone.wait_for_selector("html.large-text")
    assert phone.evaluate(FITS)
    phone.goto(f"/contests/{contest.pk}/")
    assert phone.evaluate(FITS)
    assert_accessible(phone)


def test_axe_finds_no_serious_violation_on_the_public_pages(phone):
    contest, round_ = _contest()
    phone.set_default_timeout(60_000)
    for url in (f"/contests/{contest.pk}/", f"/contests/{contest.pk}/verify/",
                f"/contests/{contest.pk}/rounds/{round_.pk}/board/", "/contests/"):
        phone.goto(url)
        assert_accessible(phone)
