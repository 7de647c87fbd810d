"""Journeys through the organisation pages in Debian's Chromium."""

import os

import pytest
from playwright.sync_api import expect

from conftest import browser_login, make_user
from fazhi.audit.models import Entry
from fazhi.core.roles import Role
from fazhi.org.models import Person, Region, Unit
from fazhi.org.services import person_secret_columns

from .conftest import valid_id

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    district = Region.objects.create(name="江岸区", level=Region.Level.DISTRICT, code="JA")
    sub = Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM",
                                parent=district)
    north = Region.objects.create(name="江汉北路社区", level=Region.Level.COMMUNITY,
                                  code="XM-JHBL", parent=sub)
    room = Unit.objects.create(name="江汉北路社区综治工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north)
    person = Person.objects.create(
        name="张伟", kind=Person.Kind.LAWYER, community=north, unit=room,
        **person_secret_columns(id_number=valid_id("19800101", 1), mobile="13912345678"))
    make_user("worker", Role.COMMUNITY_WORKER, north)
    return {"north": north, "person": person}


def test_a_worker_shows_a_full_id_number_and_it_is_audited(page, world):
    browser_login(page, "worker")
    page.goto("/org/people/")
    expect(page.get_by_text("139****5678")).to_be_visible()
    page.get_by_role("link", name="张伟").click()
    page.get_by_role("button", name="显示完整").first.click()
    page.wait_for_selector(".unmasked")
    assert page.locator(".unmasked").inner_text() == valid_id("19800101", 1)
    assert Entry.objects.filter(action="unmask", actor_name="worker").count() == 1


def test_entering_a_known_id_number_points_to_the_existing_record(page, world):
    browser_login(page, "worker")
    page.goto("/org/people/new/")
    page.get_by_label("姓名").fill("张伟")
    page.get_by_label("身份证号码").fill(valid_id("19800101", 1))
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="打开该记录").click()
    assert page.url.endswith(f"/org/people/{world['person'].pk}/")
    assert Person.objects.count() == 1


def test_the_people_list_reads_on_a_phone(phone, world):
    browser_login(phone, "worker")
    phone.goto("/org/people/")
    cell = phone.locator("td[data-label='手机号']").first
    assert cell.inner_text() == "139****5678"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
