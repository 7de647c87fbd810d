"""The public pages: home, channel lists, articles, feeds, robots and sitemap."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import BROWSER_AGENT, at, publish

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_gets_the_portal_at_the_root(client, notice):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "通知公告" in page and "更多>>" in page
    assert notice.title in page
    assert reverse("appeal:new") in page and reverse("appeal:track") in page
    assert "工作人员登录" in page


def test_a_logged_in_worker_sees_the_portal_with_a_link_to_the_workbench(as_user, worker):
    page = as_user(worker).get("/").content.decode()
    assert "进入工作台" in page
    assert reverse("workbench:home") in page


def test_a_channel_lists_its_articles_newest_first(client, notices):
    publish(notices, "旧通知", at(2019, 1, 1))
    publish(notices, "新通知", at(2025, 1, 1))
    page = client.get("/tongzhi/").content.decode()
    assert page.index("新通知") < page.index("旧通知")


def test_a_channel_pages_through_its_articles(client, notices):
    for day in range(1, 4):
        publish(notices, f"通知{day}", at(2024, 1, day))
    first = client.get("/tongzhi/", {"per_page": 2}).content.decode()
    second = client.get("/tongzhi/", {"per_page": 2, "page": 2}).content.decode()
    assert "通知3" in first and "通知2" in first and "通知1" not in first
    assert "下一页" in first and "上一页" not in first
    assert "通知1" in second and "下一页" not in second


@pytest.mark.parametrize("page_number", ["0", "-1", "abc", "99999999999"])
def test_a_nonsense_page_number_shows_the_first_page(client, notice, page_number):
    response = client.get("/tongzhi/", {"page": page_number})
    assert response.status_code == 200
    assert notice.title in response.content.decode()


def test_a_channel_list_costs_the_same_queries_at_any_page_size(client, notices):
    for day in range(1, 13):
        publish(notices, f"通知{day}", at(2024, 1, day))
    client.get("/tongzhi/")  # the footer settings row and the site paths cache are made once
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/tongzhi/", {"per_page": size}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_home_page_costs_the_same_queries_however_many_articles(client, notices, news):
    publish(notices, "通知", at(2024, 1, 1))
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for day in range(1, 11):
        publish(notices, f"通知{day}", at(2024, 2, day))
        publish(news, f"动态{day}", at(2024, 2, day))
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(few) == len(many)


def test_an_article_shows_its_facts_and_its_neighbours(client, notices):
    older = publish(notices, "较早的通知", at(2020, 1, 1))
    middle = publish(notices, "中间的通知", at(2021, 1, 1))
    newer = publish(notices, "较新的通知", at(2022, 1, 1))
    middle.source, middle.author = "司法所", "王敏"
    middle.save_revision().publish()
    page = client.get(middle.url, HTTP_USER_AGENT=BROWSER_AGENT).content.decode()
    assert "2021-01-01 09:00" in page
    assert "来源: 司法所" in page and "作者: 王敏" in page
    assert "浏览次数: 1 次" in page
    assert older.url in page and newer.url in page


def test_each_channel_has_an_rss_feed(client, notice):
    response = client.get("/tongzhi/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert notice.title in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_staff_pages(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /cms/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_the_sitemap_lists_published_articles(client, notice):
    text = client.get("/sitemap.xml").content.decode()
    assert notice.url in text


def test_the_favicon_is_served(client):
    assert client.get("/favicon.ico").status_code == 301


def test_an_unknown_path_is_a_404(client):
    assert client.get("/no-such-page/").status_code == 404


def test_a_draft_is_not_public(client, notices):
    draft = publish(notices, "草稿", at(2024, 1, 1))
    draft.unpublish()
    assert client.get("/tongzhi/").content.decode().count("草稿") == 0
    assert client.get(draft.url_path.removeprefix("/portal")).status_code == 404


def test_an_anonymous_visitor_still_cannot_open_the_workbench(client):
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_title_with_markup_is_shown_as_text(client, notices):
    publish(notices, '<script>alert("x")</script>通知', at(2024, 1, 1))
    page = client.get("/tongzhi/").content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_the_home_figures_are_counted_from_this_years_records(client, worker, north):
    import datetime as dt

    import time_machine

    from fazhi.cases.models import Case
    from fazhi.cases.tests.factories import make_case
    from fazhi.outreach.models import Activity, WalkIn

    with time_machine.travel(at(2026, 6, 1), tick=False):
        cases = [make_case(worker, north) for _ in range(3)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(state="concluded")
    Case.objects.filter(pk=cases[0].pk).update(outcome="agreement_written",
                                               concluded_at=at(2026, 6, 2))
    Case.objects.filter(pk=cases[1].pk).update(outcome="agreement_oral",
                                               concluded_at=at(2025, 12, 30))  # last year
    Case.objects.filter(pk=cases[2].pk).update(outcome="mediation_terminated", concluded_at=at(2026, 6, 3))
    for n, (start, kind) in enumerate([(at(2026, 3, 1), "lecture_hall"),
                                       (at(2026, 4, 1), "correction"),  # never public
                                       (at(2027, 1, 1), "lecture_hall")]):  # not yet held
        activity = Activity.objects.create(kind=kind, title=f"活动{n}", venue="会议室",
                                           starts_at=start, ends_at=start + dt.timedelta(hours=2),
                                           code=f"figures{n}")
        WalkIn.objects.create(activity=activity, count=40)
    with time_machine.travel(at(2026, 11, 30), tick=False):
        page = client.get("/").content.decode()
    assert "<dt>成功调解矛盾纠纷（起）</dt><dd>1</dd>" in page
    assert "<dt>开展普法活动（场）</dt><dd>1</dd>" in page
    assert "<dt>惠及群众（人次）</dt><dd>40</dd>" in page
