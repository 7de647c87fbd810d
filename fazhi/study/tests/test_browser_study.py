"""A cadre on a phone opens a law: the page opens a study visit and says time is counted;
hiding the page sends the pause; opening the law in a second tab stops the first earning;
the law's articles are searched on the page."""

import os

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from fazhi.study.models import Visit

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDE = ("Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'));")


def test_a_cadre_studies_a_law_on_a_phone_and_a_second_tab_takes_over(phone, cadre, law):
    browser_login(phone, "cadre")
    phone.goto("/study/")
    phone.get_by_role("link", name="人民调解法").first.click()
    expect(phone.locator("#timer-state")).to_have_text("正在计时。")
    first = Visit.objects.get()
    assert (first.user_id, first.material_id, first.live) == (cadre.pk, law.pk, True)
    phone.get_by_label("搜索条文").fill("妇女")
    phone.get_by_role("button", name="搜索").click()
    expect(phone.locator("#articles .article")).to_have_count(1)
    expect(phone.locator("#articles")).to_contain_text("第八条")
    expect(phone.locator("#timer-state")).to_have_text("正在计时。")
    phone.evaluate(HIDE)
    expect(phone.locator("#timer-state")).to_have_text("页面不在前台，已暂停计时。")
    newest = Visit.objects.get(live=True)
    assert newest.paused and newest.seq == 1
    second = phone.context.new_page()
    second.goto(f"/study/materials/{law.pk}/")
    expect(second.locator("#timer-state")).to_have_text("正在计时。")
    assert Visit.objects.filter(live=True).count() == 1
    assert Visit.objects.get(live=True).pk != newest.pk
    # The pages report once more as they are hidden or closed; answered here, not by the
    # server, so no report reaches it while the test's database is being emptied.
    phone.context.route("**/beat/", lambda route: route.fulfill(status=204, body=""))
    for page in (second, phone):
        page.goto("about:blank")
