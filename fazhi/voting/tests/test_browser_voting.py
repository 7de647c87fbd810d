"""A voter on a 390 px phone: verifies the mobile with the SMS code, votes once, is refused a
second vote that day with a clear message, and sees the tally. Screenshots go to
var/screenshots/ (or $FAZHI_SCREENSHOTS)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from fazhi.voting.models import Campaign, Candidate, Category, Vote
from tests.a11y import assert_accessible
from tests.outbox import Outbox

from .conftest import MOBILE

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS") or Path(settings.BASE_DIR) / "var" / "screenshots")
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"voting-{name}.png"), full_page=True)


def _campaign() -> tuple[Campaign, Candidate]:
    now = timezone.now()
    campaign = Campaign.objects.create(
        title="第五届“普法网红”评选", intro="投出你心中的普法网红。", is_published=True,
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=10))
    person = Category.objects.create(campaign=campaign, name="法律工作者", position=1)
    team = Category.objects.create(campaign=campaign, name="普法团队", position=2)
    chosen = Candidate.objects.create(campaign=campaign, category=person, name="李明律师",
                                      affiliation="湖北江岸律师事务所",
                                      intro="驻社区律师，三年来为居民解答法律咨询六百余次。")
    Candidate.objects.create(campaign=campaign, category=person, name="王芳",
                             affiliation="西马司法所")
    Candidate.objects.create(campaign=campaign, category=team, name="西马街道法治宣讲团")
    return campaign, chosen


def test_a_voter_on_a_phone_votes_once_and_is_refused_a_second_time(phone, monkeypatch):
    outbox = Outbox.into(monkeypatch)
    campaign, chosen = _campaign()

    phone.goto(f"/vote/{campaign.pk}/")
    assert phone.evaluate(FITS)
    _shot(phone, "campaign")
    phone.get_by_role("link", name="李明律师").click()
    phone.wait_for_load_state()
    assert phone.locator("#tally strong").inner_text() == "0"
    phone.get_by_role("button", name="验证手机号并投票").click()
    phone.wait_for_load_state()
    assert phone.evaluate(FITS)
    phone.get_by_label("手机号").fill(MOBILE)
    phone.get_by_role("button", name="获取验证码").click()
    phone.wait_for_load_state()
    assert "验证码已发送至 139****5678，请在下方填写。" in phone.inner_text("main")
    _shot(phone, "verify")
    phone.get_by_label("短信验证码").fill(outbox.last_code())
    phone.get_by_role("button", name="验证", exact=True).click()
    phone.wait_for_load_state()
    assert "手机号验证成功，现在可以投票了。" in phone.inner_text("main")
    phone.get_by_role("button", name="为他（她）投票").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("status").inner_text() == "投票成功，已计入！感谢您的参与。"
    assert phone.locator("#tally strong").inner_text() == "1"
    assert phone.evaluate(FITS)
    _shot(phone, "voted")

    phone.get_by_role("button", name="为他（她）投票").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("alert").inner_text() == "今天已为该候选人投过票，明天可以再投。"
    assert phone.locator("#tally strong").inner_text() == "1"
    _shot(phone, "refused")
    assert Vote.objects.filter(candidate=chosen).count() == 1

    phone.get_by_role("link", name="第五届“普法网红”评选").click()
    phone.wait_for_load_state()
    assert "目前已计入 1 票。" in phone.inner_text("main")
    assert phone.locator(".candidate-card", has_text="李明律师").locator(".votes").inner_text() \
        == "1 票"
    # Large text: still nothing scrolls sideways.
    phone.get_by_role("button", name="大字模式").click()
    phone.wait_for_selector("html.large-text")
    assert phone.evaluate(FITS)
    _shot(phone, "campaign-large-text")


def test_axe_finds_no_serious_violation_on_the_vote_pages(phone):
    campaign, chosen = _campaign()
    for url in (f"/vote/{campaign.pk}/", f"/vote/{campaign.pk}/candidates/{chosen.pk}/",
                f"/vote/{campaign.pk}/verify/"):
        phone.goto(url)
        assert_accessible(phone)
