"""The staff home: each app's section, its count, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.cases import services
from fazhi.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_the_home_lists_the_community_queue_with_its_count(as_user, worker, north):
    cases = [make_case(worker, north) for _ in range(7)]
    page = as_user(worker).get(reverse("workbench:home")).content.decode()
    assert reverse("cases:detail", args=[cases[-1].pk]) in page
    assert '<span class="badge warn">7</span>' in page  # seven open, five rows shown
    assert page.count(cases[0].title) == 5  # the newest five (none is due yet)


def test_the_home_shows_empty_states_without_work(as_user, street_staff):
    page = as_user(street_staff).get(reverse("workbench:home")).content.decode()
    assert 'class="empty"' in page


def test_the_home_counts_unread_notifications_once(as_user, worker, north):
    make_case(worker, north)
    client = as_user(worker)
    client.get(reverse("workbench:home"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("workbench:home")).status_code == 200
    unread = [q for q in ctx.captured_queries if "inbox_notification" in q["sql"]]
    assert len(unread) == 1  # the home's line and the navigation's badge share it
    assert len(ctx) <= 12


def test_the_home_links_the_unread_notifications(as_user, worker, mediator, north):
    case = make_case(worker, north)
    case = services.case_accept(actor=worker, case=case, expected_version=case.version)
    services.case_assign(actor=worker, case=case, expected_version=case.version,
                         handler=mediator)
    page = as_user(mediator).get(reverse("workbench:home")).content.decode()
    assert f'href="{reverse("inbox:list")}?show=unread" data-testid="home-unread">1 条未读通知' \
        in page


def test_the_home_words_the_case_queue_and_the_pending_extensions(as_user, worker, street_admin,
                                                                  north):
    case = make_case(worker, north)
    page = as_user(worker).get(reverse("workbench:home")).content.decode()
    assert "本社区案件（临期 0，超期 0）" in page
    assert f'href="{reverse("cases:list")}?queue=community"' in page
    assert f'href="{reverse("cases:detail", args=[case.pk])}">{case.number} {case.title}</a>' \
        in page


def test_an_administration_role_is_told_why_its_home_is_empty(as_user, auditor, sysadmin):
    assert "您的角色仅可查阅审计日志。" in as_user(auditor).get(reverse("workbench:home")).content.decode()
    page = as_user(sysadmin).get(reverse("workbench:home")).content.decode()
    assert "您的角色负责账号与安全管理，不处理业务工作。" in page and 'class="card"' not in page
