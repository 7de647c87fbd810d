"""The search box finds a case by what a caller holds: its number (whole or the last digits),
the tracking code, a party's exact name, a mobile (by keyed hash); results stay masked and the
viewer's scope holds (issue 10, item 6)."""

import pytest
from django.urls import reverse

from fazhi.cases.models import Case

from .factories import applicant, make_case, respondent

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(worker, north, outsider, south):
    first = make_case(worker, north, title="楼上漏水")
    second = make_case(worker, north, title="噪音扰民", parties=[
        applicant(name="王五", id_number="", mobile="13700001111"), respondent(name="赵六")])
    theirs = make_case(outsider, south, title="高雄的案件", parties=[
        applicant(name="王五", id_number="", mobile="13700001111")])
    return first, second, theirs


def _found(client, q: str) -> list[str]:
    response = client.get(reverse("cases:list"), {"q": q})
    assert response.status_code == 200
    return sorted(c.title for c in response.context["page"].rows)


@pytest.mark.parametrize("q", ["whole", "lower", "last", "padded"])
def test_a_case_is_found_by_its_number(as_user, worker, cases, q):
    first = cases[0]
    text = {"whole": first.number, "lower": first.number.lower(),
            "last": str(int(first.number.rsplit("-", 1)[1])),
            "padded": first.number.rsplit("-", 1)[1]}[q]
    assert _found(as_user(worker), text) == ["楼上漏水"]


def test_a_case_is_found_by_its_tracking_code(as_user, worker, cases):
    assert _found(as_user(worker), cases[1].tracking_code.lower()) == ["噪音扰民"]


def test_a_case_is_found_by_a_partys_exact_name_within_scope(as_user, worker, outsider, cases):
    assert _found(as_user(worker), "赵六") == ["噪音扰民"]
    assert _found(as_user(worker), "王五") == ["噪音扰民"]
    assert _found(as_user(outsider), "王五") == ["高雄的案件"]


def test_a_case_is_found_by_a_mobile_however_typed_and_shown_masked(as_user, worker, cases):
    client = as_user(worker)
    assert _found(client, "137 0000 1111") == ["噪音扰民"]
    assert _found(client, "+86 137-0000-1111") == ["噪音扰民"]
    body = client.get(reverse("cases:list"), {"q": "13700001111"}).content.decode()
    results = body.split("<tbody>")[1].split("</tbody>")[0]
    assert "噪音扰民" in results and "13700001111" not in results


@pytest.mark.parametrize("q", ['"', "'", "%", "%%_", '" OR 1=1 --', "9" * 10_000, "0",
                               "XM-2026-" + "9" * 30])
def test_hostile_searches_answer_plainly(as_user, worker, cases, q):
    response = as_user(worker).get(reverse("cases:list"), {"q": q})
    assert response.status_code in (200, 400)
    assert Case.objects.count() == 3


def test_statistics_are_in_the_navigation_with_grouped_figures(as_user, mediator, cases):
    client = as_user(mediator)
    page = client.get(reverse("cases:list")).content.decode()
    nav = page.split('class="mainnav"')[1].split("</nav>")[0]
    assert f'href="{reverse("cases:statistics")}"' in nav and ">统计<" in nav
    assert client.get(reverse("cases:statistics")).status_code == 200
