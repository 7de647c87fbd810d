"""The Content-Security-Policy refuses nothing the pages need: Chromium reports no violation
while a worker walks the pages with inline styles, htmx and the printable poster."""

import os

import pytest
from playwright.sync_api import expect

from conftest import browser_login, make_user
from fazhi.cases.tests.browsing import seed_reference
from fazhi.cases.tests.factories import make_case
from fazhi.core.roles import Role
from fazhi.org.models import Person
from fazhi.org.services import person_secret_columns
from fazhi.org.tests.conftest import valid_id

from .conftest import make_activity

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pages_load_without_a_policy_violation(page, north):
    seed_reference()  # an earlier transactional test may have flushed the categories
    make_user("staff", Role.STREET_STAFF, display_name="街道办事员")
    person = Person.objects.create(
        name="张伟", kind=Person.Kind.LAWYER, community=north,
        **person_secret_columns(id_number=valid_id("19800101", 1), mobile="13912345678"))
    activity = make_activity(community=north)
    case = make_case(make_user("worker", Role.COMMUNITY_WORKER, north), north)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    browser_login(page, "staff")
    for path in ["/work/", "/cases/", f"/cases/{case.pk}/", "/cases/statistics/", "/outreach/",
                 "/outreach/calendar/", "/outreach/reach/", f"/outreach/{activity.pk}/",
                 f"/outreach/{activity.pk}/poster/", "/outreach/feeds/", "/org/people/",
                 "/appeal/new/", f"/checkin/{activity.code}/"]:
        response = page.goto(path)
        assert response is not None and response.ok, path
    page.goto(f"/outreach/{activity.pk}/poster/")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") is True
    page.goto(f"/org/people/{person.pk}/")
    page.get_by_role("button", name="显示完整").first.click()
    expect(page.locator("#full-id_number")).to_have_text(valid_id("19800101", 1))
    expect(page.get_by_role("button", name="显示完整")).to_have_count(1)  # its button is gone
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
