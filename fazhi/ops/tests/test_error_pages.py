from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from fazhi.ops import views


def test_an_unknown_page_gets_the_404_page_in_chinese_by_default(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    body = response.content.decode()
    assert '<html lang="zh-hans"' in body
    assert "<h1>页面不存在</h1>" in body


def test_the_403_page_uses_the_site_chrome(rf: RequestFactory, db):
    request = rf.get("/somewhere/")
    request.COOKIES["fz_large"] = "1"
    request.user = AnonymousUser()

    response = views.error_403(request)

    assert response.status_code == 403
    assert 'class="large-text"' in response.content.decode()


def test_the_500_page_needs_neither_the_database_nor_the_request(rf: RequestFactory):
    # No `db` fixture: any database access would raise.
    request = rf.get("/broken/")

    response = views.error_500(request)

    assert response.status_code == 500
    body = response.content.decode()
    assert body.startswith("<!DOCTYPE html>")
    assert 'href="/"' in body
