"""The editor at /cms/: Fazhi's log-in, roles mapped to Wagtail's groups."""

from __future__ import annotations

import pytest

from fazhi.portal.editors import EDITORS, REVIEWERS, editor_groups_sync

pytestmark = pytest.mark.django_db


def _groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_the_editor_sends_an_anonymous_visitor_to_fazhis_login(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/cms/")


def test_wagtails_own_login_page_redirects_to_fazhis(client):
    response = client.post("/cms/login/", {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("persona", "groups"), [
    ("street_admin", {EDITORS, REVIEWERS}),
    ("street_staff", {EDITORS}),
    ("leader", {REVIEWERS}),
    ("worker", set()),
    ("sysadmin", set()),
])
def test_roles_map_to_the_portal_groups(request, persona, groups):
    user = request.getfixturevalue(persona)
    editor_groups_sync(user=user)
    assert _groups(user) == groups


def test_staff_open_the_editor_in_chinese(as_user, street_staff):
    response = as_user(street_staff).get("/cms/")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    assert _groups(street_staff) == {EDITORS}


def test_a_community_worker_has_no_editor(as_user, worker):
    response = as_user(worker).get("/cms/")
    assert response.status_code == 302
    assert _groups(worker) == set()


def test_a_role_change_takes_the_groups_away(as_user, street_staff):
    client = as_user(street_staff)
    client.get("/cms/")
    street_staff.role = "mediator"
    street_staff.save()
    assert client.get("/cms/").status_code == 302
    assert _groups(street_staff) == set()


def test_editors_only_submit_and_reviewers_publish(street_staff, leader, notices):
    from wagtail.models import Page

    editor_groups_sync(user=street_staff)
    editor_groups_sync(user=leader)
    home = Page.objects.get(pk=notices.pk)
    assert home.permissions_for_user(street_staff).can_add_subpage()
    assert not home.permissions_for_user(street_staff).can_publish_subpage()
    assert home.permissions_for_user(leader).can_publish_subpage()


def test_the_editor_has_its_own_policy_and_the_site_keeps_the_strict_one(as_user, street_staff):
    editor = as_user(street_staff).get("/cms/")
    assert "'unsafe-inline'" in editor["Content-Security-Policy"]
    assert editor["X-Frame-Options"] == "SAMEORIGIN"
    site = as_user(street_staff).get("/work/")
    assert "'unsafe-inline'" not in site["Content-Security-Policy"]
    assert site["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(("field", "limit"), [("title", 255), ("source", 60), ("author", 40)])
def test_the_editor_refuses_an_overlong_field_and_keeps_what_was_typed(as_user, street_staff,
                                                                        notices, field, limit):
    from fazhi.core.textlimits import text_limit
    from fazhi.portal.models import ArticlePage

    assert text_limit(ArticlePage, field) == limit
    data = {"title": "依法调解邻里纠纷", "slug": "tiaojie", "source": "西马街道司法所",
            "author": "王敏", "published_at": "2026-03-01 09:00", "body-count": "0"}
    data[field] = "长" * (limit + 1)
    response = as_user(street_staff).post(f"/cms/pages/add/portal/articlepage/{notices.pk}/",
                                          data)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"确保该变量包含不超过 {limit} 字符 (目前字符数 {limit + 1})" in page
    assert "长" * (limit + 1) in page  # the typed text is still in the form
    assert not ArticlePage.objects.filter(slug="tiaojie").exists()
