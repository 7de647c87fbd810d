"""An article's publish time: the go-live time of a scheduled one, the editor's own otherwise."""

from __future__ import annotations

from io import StringIO

import time_machine
from django.core.management import call_command

from fazhi.portal.models import ArticlePage

from .conftest import at


def _draft(news, **extra) -> ArticlePage:
    page = ArticlePage(title="定时发布的调解公告", slug="scheduled", live=False, **extra)
    news.add_child(instance=page)
    return page


def test_a_scheduled_article_shows_the_time_it_went_live_not_the_drafts(news):
    with time_machine.travel(at(2026, 3, 1, 9), tick=False):
        page = _draft(news, go_live_at=at(2026, 3, 2, 8))
        page.save_revision().publish()
    with time_machine.travel(at(2026, 3, 2, 8, 1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.live and page.published_at == at(2026, 3, 2, 8)
    with time_machine.travel(at(2026, 3, 9, 10), tick=False):  # a later edit keeps it
        page.title = "定时发布的调解公告（更正）"
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.published_at == at(2026, 3, 2, 8)


def test_a_publish_time_the_editor_set_later_than_the_go_live_stays(news):
    with time_machine.travel(at(2026, 3, 1, 9), tick=False):
        page = _draft(news, go_live_at=at(2026, 3, 2, 8), published_at=at(2026, 3, 3, 9))
        page.save_revision().publish()
    with time_machine.travel(at(2026, 3, 2, 8, 1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.published_at == at(2026, 3, 3, 9)


def test_an_article_published_at_once_keeps_the_time_given(news):
    with time_machine.travel(at(2026, 3, 1, 9), tick=False):
        page = _draft(news, published_at=at(2019, 4, 9, 10, 31))  # an imported page's time
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.published_at == at(2019, 4, 9, 10, 31)
