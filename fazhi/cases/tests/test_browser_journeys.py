"""Journey (a): a dispute from the public form to closing, watched by the resident."""

import datetime as dt
import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from conftest import browser_login, make_user
from fazhi.cases.documents import cjk_font_available
from fazhi.cases.models import Case
from fazhi.core.roles import Role

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS", "/tmp/fazhi-shots"))


@pytest.fixture
def seeded(north):
    """Transactional tests flush tables, so put the migration's reference data back."""
    import_module("fazhi.cases.migrations.0002_seed_and_search").seed(apps, None)
    return north


def _do(page, action, fields):
    box = page.locator(f"#do-{action}")
    if box.get_attribute("open") is None:  # primary actions are open already
        box.locator("summary").click()
    for name, value in fields.items():
        field = box.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_journey_a_dispute_from_the_online_form_to_closing(page, seeded):
    north = seeded
    make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
    mediator = make_user("mediator", Role.MEDIATOR, north, display_name="王调解")
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The resident, on the public form.
    page.goto("/appeal/new/")
    page.locator("input[name=kind][value=dispute]").check()
    page.locator("#id_category").select_option(label="邻里")
    page.locator("#id_community").select_option(str(north.pk))
    page.locator("#id_title").fill("楼上漏水")
    page.locator("#id_description").fill("楼上卫生间漏水导致我家天花板发霉，多次协商未果。")
    page.locator("#id_name").fill("张三")
    page.locator("#id_mobile").fill("13912345678")
    page.locator("#id_other_party").fill("李四")
    page.locator("main form button[type=submit]:not([name=refresh])").first.click()
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    case = Case.objects.get(tracking_code=code)
    page.screenshot(path=str(SHOTS / "appeal-done.png"), full_page=True)
    # Staff triage, assignment, sessions, agreement, conclusion, follow-up, closing.
    page.context.clear_cookies()
    browser_login(page, "staff")
    page.goto(f"/cases/{case.pk}/")
    _do(page, "accept", {"note": "属于人民调解范围"})
    _do(page, "assign", {"handler": str(mediator.pk), "reason": "交由调解员"})
    now = timezone.localtime()
    # An hour or two ago, but not before today's midnight: the case was registered today, and
    # a session before its registration date is refused (a run just after midnight failed).
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for n in (1, 2):
        held_at = max(now - dt.timedelta(hours=3 - n), midnight)
        _do(page, "session", {"held_at": held_at.strftime("%Y-%m-%dT%H:%M"),
                              "place": "西马街道公共法律服务站", "mediators": "王调解",
                              "attendees": "张三、李四", "record": f"第{n}次调解记录"})
    today = now.date().isoformat()
    _do(page, "agreement", {"form": "written", "facts": "楼上卫生间漏水", "disputed_points": "维修及赔偿",
                            "responsibilities": "李四承担维修责任", "terms": "李四于十日内修复并赔偿2000元",
                            "performance_manner": "现金支付", "performance_deadline": today,
                            "signed_on": today, "mediator_names": "王调解", "amount": "2000"})
    docx = page.request.get(f"/cases/{case.pk}/agreement.docx")
    assert docx.ok and docx.body()[:2] == b"PK"
    pdf = page.request.get(f"/cases/{case.pk}/agreement.pdf")
    # Where a Chinese font is installed (CI, production) the PDF is served; without one the
    # page says which font to install (test_documents). Either way exactly one answer.
    if cjk_font_available():
        assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"
    else:
        assert pdf.status == 503 and "Noto CJK" in pdf.text()
    _do(page, "conclude", {"outcome": "agreement_written", "summary": "达成书面调解协议"})
    _do(page, "follow_up", {"at": now.strftime("%Y-%m-%dT%H:%M"), "contact": "电话回访张三",
                            "satisfaction": "satisfied"})
    _do(page, "close", {})
    case.refresh_from_db()
    assert case.state == "closed" and case.sessions.count() == 2
    page.screenshot(path=str(SHOTS / "case-closed.png"), full_page=True)
    # The resident checks the status by code.
    page.context.clear_cookies()
    page.goto("/appeal/track/")
    page.locator("#id_code").fill(code)
    page.locator("#id_last4").fill("5678")
    page.locator("main form button[type=submit]:not([name=refresh])").first.click()
    state = page.get_by_test_id("public-state").inner_text()
    assert case.get_state_display() in state
    assert "第1次调解记录" not in page.content()
    page.screenshot(path=str(SHOTS / "track.png"), full_page=True)
