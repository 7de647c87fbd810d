"""An editor drafts an article in Wagtail's editor with a go-live time, submits it; a reviewer
approves it; it appears on the site at its scheduled time and not before.

Time: the browser's clock plays no part (Wagtail decides on the server). The test moves the
server's clock with time-machine around one run of ``publish_scheduled``, the command the
scheduler runs every minute, as that minute would come; everything else runs at the real time.
"""

from __future__ import annotations

import datetime as dt
import os
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from conftest import browser_login, make_user
from fazhi.core.roles import Role
from fazhi.portal.models import ArticlePage, ChannelPage
from fazhi.portal.searching import site_search

from .conftest import seed_editor_groups, seed_site

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("FAZHI_SCREENSHOTS", "var/screenshots"))
TITLE = "关于开展2027年“宪法宣传周”活动的通知"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal-{name}.png"), full_page=True)


def _action(page, name: str) -> None:
    """Click a button of the editor's action menu (the footer's dropdown)."""
    button = page.locator(f"button[name={name}], button[data-workflow-action-name={name}]").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    with page.expect_navigation():
        button.click()


def _log_out(page) -> None:
    page.context.clear_cookies()


def test_an_editor_drafts_a_reviewer_approves_and_it_goes_live_on_time(page, transactional_db):
    seed_site()
    seed_editor_groups()
    make_user("editor", Role.STREET_STAFF, display_name="王编辑")
    make_user("reviewer", Role.LEADER, display_name="李审核")
    notices = ChannelPage.objects.get(kind=ChannelPage.Kind.NOTICES)
    go_live = timezone.localtime() + dt.timedelta(days=1)

    # Wagtail's editor pages are heavy: under load the first one took over 10 s to render.
    page.set_default_timeout(30_000)
    # The editor drafts the notice with a go-live time and submits it for review.
    browser_login(page, "editor")
    page.goto(f"/cms/pages/add/portal/articlepage/{notices.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_source").fill("西马街道司法所")
    page.locator("[data-side-panel-toggle=status]").click()
    page.locator("[data-a11y-dialog-show=schedule-publishing-dialog]").first.click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    with page.expect_navigation():
        page.locator("#schedule-publishing-dialog button.action-save").click(force=True)
    article = ArticlePage.objects.get(title=TITLE)
    _action(page, "action-submit")
    _shot(page, "editor-submitted")
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == "in_progress"

    # The reviewer approves: a publication scheduled for the go-live time, not live yet.
    _log_out(page)
    browser_login(page, "reviewer")
    page.goto(f"/cms/pages/{article.pk}/edit/")
    _action(page, "approve")
    _shot(page, "reviewer-approved")
    article.refresh_from_db()
    assert not article.live
    assert article.scheduled_revision is not None
    _log_out(page)
    assert page.goto(article.url or f"/tongzhi/{article.slug}/").status == 404

    # The minute before: nothing; the minute after: live, listed, found.
    with time_machine.travel(go_live - dt.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert not article.live
    with time_machine.travel(go_live + dt.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert article.live
    page.goto("/tongzhi/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    _shot(page, "scheduled-live")
    assert [h.page.pk for h in site_search(query="宪法").hits] == [article.pk]
