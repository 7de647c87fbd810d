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


def seed_editor_groups() -> None:
    """A transactional test flushes what Wagtail's own migrations made: its stock groups (which
    the portal's migration renames to 门户编辑/门户审核), their admin and page permissions, the
    root collection and the moderation workflow. Put back what the editor and reviewer need."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from fazhi.portal.editors import EDITORS, REVIEWERS

    if Group.objects.filter(name=EDITORS).exists():
        return
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    access = Permission.objects.get(content_type__app_label="wagtailadmin",
                                    codename="access_admin")
    page_codenames = {EDITORS: ("add_page", "change_page"),
                      REVIEWERS: ("add_page", "change_page", "publish_page", "lock_page",
                                  "unlock_page")}
    for name, codenames in page_codenames.items():
        group = Group.objects.create(name=name)
        group.permissions.add(access)
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group, page=root,
                permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                  codename=codename))
    task = GroupApprovalTask.objects.create(name="审核")
    task.groups.set([Group.objects.get(name=REVIEWERS)])
    workflow = Workflow.objects.create(name="审核发布")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


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
