"""Portal fixtures: the channels the migration made, articles published through the service."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from fazhi.portal.models import ArticlePage, ChannelPage
from fazhi.portal.services import article_publish
from fazhi.portal.viewcounts import buffer

BROWSER_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")


def seed_site() -> None:
    """Transactional tests flush tables: put the migration's home and channels back."""
    from wagtail.models import Site

    import_module("fazhi.portal.migrations.0002_site_and_editor_groups").seed(apps, None)
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _views_written_only_when_a_test_says(settings):
    settings.PORTAL_VIEW_FLUSH_THREAD = False
    buffer.clear()
    yield
    buffer.clear()


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


@pytest.fixture
def notices(db) -> ChannelPage:
    return ChannelPage.objects.get(kind=ChannelPage.Kind.NOTICES)


@pytest.fixture
def news(db) -> ChannelPage:
    return ChannelPage.objects.get(kind=ChannelPage.Kind.NEWS)


def publish(channel: ChannelPage, title: str, when: dt.datetime,
            text: str = "正文") -> ArticlePage:
    return article_publish(channel=channel, title=title, published_at=when,
                           paragraphs=[text])[0]


@pytest.fixture
def notice(notices) -> ArticlePage:
    return publish(notices, "关于报送2022年度普法责任清单的通知", at(2022, 3, 1))
