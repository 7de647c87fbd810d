"""An outsider is refused in the browser: a community worker of 高雄社区 cannot open a record of
江汉北路社区, and sees a Chinese 404 page, not the record."""

import pytest

from conftest import browser_login
from fazhi.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_outsider_gets_a_chinese_not_found_page_and_no_record(page, worker, outsider, north):
    person = Person.objects.create(name="王秀英", kind=Person.Kind.LAW_SAVVY, community=north)
    browser_login(page, "outsider")
    page.wait_for_url("**/work/")
    response = page.goto(f"/org/people/{person.pk}/")
    assert response is not None and response.status == 404
    assert "页面不存在" in page.content()
    assert "王秀英" not in page.content()
    page.context.clear_cookies()
    browser_login(page, "worker")
    page.wait_for_url("**/work/")
    response = page.goto(f"/org/people/{person.pk}/")
    assert response is not None and response.status == 200
    assert "王秀英" in page.content()
