"""The Content-Security-Policy refuses nothing the pages need: Chromium reports no violation
while a worker walks the pages with inline styles, htmx and the printable poster."""

import os

import pytest

from conftest import browser_login, make_user
from fazhi.cases.tests.factories import make_case
from fazhi.core.roles import Role

from .conftest import make_activity

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pages_load_without_a_policy_violation(page, north):
    make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
    activity = make_activity(community=north)
    case = make_case(make_user("worker", Role.COMMUNITY_WORKER, north), north)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    browser_login(page, "staff")
    for path in ["/", "/cases/", f"/cases/{case.pk}/", "/cases/statistics/", "/outreach/",
                 "/outreach/calendar/", "/outreach/reach/", f"/outreach/{activity.pk}/",
                 f"/outreach/{activity.pk}/poster/", "/outreach/feeds/", "/org/people/",
                 "/appeal/new/", f"/checkin/{activity.code}/"]:
        response = page.goto(path)
        assert response is not None and response.ok, path
    page.goto(f"/outreach/{activity.pk}/poster/")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") is True
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
