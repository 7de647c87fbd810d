"""Dates and numbers out of any plausible range (core.dateranges, core.queryparams): refused
beside the field or with a 422 naming it, nothing saved; and pages survive whatever is stored."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from fazhi.cases.models import Case, Category, Deadline
from fazhi.cases.tests.factories import make_case
from fazhi.org.models import Unit
from fazhi.outreach.models import Activity

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
RANGE = "2000-01-01 至 2036-12-31"  # the message names the range


def _json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _detail(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("starts_at", ["9999-12-31T09:00:00+08:00", "0001-01-01T09:00:00+08:00",
                                       "1900-01-01T09:00:00+08:00"])
def test_the_api_refuses_an_activity_in_an_implausible_year(as_user, worker, north, starts_at):
    response = _json(as_user(worker), "/api/v1/outreach/activities", {
        "kind": "lecture_hall", "title": "讲座", "starts_at": starts_at,
        "ends_at": "2026-06-01T11:00:00+08:00", "venue": "活动室", "community_id": north.pk})
    assert response.status_code == 422
    assert "starts_at" in _detail(response) and RANGE in _detail(response)
    assert not Activity.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("received_at", "says"), [
    ("0001-01-01T00:00:00+08:00", RANGE),
    ("2026-11-01T00:00:00", "timezone"),  # a time without its zone names no instant
])
def test_the_api_refuses_a_case_received_at_an_implausible_or_zoneless_time(
        as_user, street_staff, north, received_at, says):
    response = _json(as_user(street_staff), "/api/v1/cases/", {
        "kind": "appeal", "channel": "hotline", "category": "utilities", "title": "停水",
        "description": "停水三天", "community_id": north.pk, "received_at": received_at,
        "parties": [{"role": "applicant", "name": "张三", "mobile": "13912345678"}]})
    assert response.status_code == 422 and response["Content-Type"].startswith("application/json")
    assert "received_at" in _detail(response) and says in _detail(response)
    assert not Case.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_intake_form_shows_an_implausible_date_beside_the_field(as_user, worker, north):
    data = {
        "kind": "dispute", "channel": "workroom", "source": "application",
        "category": Category.objects.get(code="neighbour").pk, "community": north.pk,
        "address": "江汉北路2号", "title": "噪音扰民", "description": "邻居夜间装修噪音扰民",
        "group_size": 1, "risk": "low", "token": "tok-1", "received_at": "1900-01-01T09:00",
        "party-TOTAL_FORMS": 1, "party-INITIAL_FORMS": 0, "party-MIN_NUM_FORMS": 1,
        "party-MAX_NUM_FORMS": 12,
        "party-0-role": "applicant", "party-0-name": "王五", "party-0-mobile": "13912345678"}
    response = as_user(worker).post(reverse("cases:new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_received_at_error"' in html
    assert "2000-01-01" in html
    assert not Case.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_activity_form_shows_an_implausible_date_beside_the_field(as_user, worker, north):
    response = as_user(worker).post(reverse("outreach:activity_create"), {
        "kind": "lecture_hall", "title": "宪法进社区", "starts_at": "9999-12-31T09:00",
        "ends_at": "9999-12-31T11:00", "venue": "社区活动室", "community": north.pk,
        "version": 0})
    html = response.content.decode()
    assert 'id="id_starts_at_error"' in html and 'id="id_ends_at_error"' in html
    assert not Activity.objects.exists()


def test_a_service_refuses_what_a_form_never_checked(worker, north):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_case(worker, north, received_at=dt.datetime(1, 1, 1, tzinfo=dt.UTC))
    assert "received_at" in refused.value.message_dict
    assert not Case.objects.exists()


@pytest.fixture
def extreme_rows(street_admin, north):
    """Rows holding the first and last instants a database can store, written past the rules."""
    last = dt.datetime.max.replace(tzinfo=dt.UTC)
    first = dt.datetime.min.replace(tzinfo=dt.UTC)
    for code, start, end in (("c000001", last - dt.timedelta(hours=1), last),
                             ("c000002", first, first + dt.timedelta(hours=1))):
        Activity.objects.create(kind=Activity.Kind.LECTURE_HALL, title=code, starts_at=start,
                                ends_at=end, venue="活动室", code=code, community=north)
    cases = [make_case(street_admin, north), make_case(street_admin, north)]
    Case.objects.filter(pk=cases[0].pk).update(received_at=last, due_at=last)
    Case.objects.filter(pk=cases[1].pk).update(received_at=first, due_at=first)
    Deadline.objects.filter(case=cases[0]).update(due_at=last)
    return cases


@time_machine.travel(NOW, tick=False)
def test_pages_survive_the_first_and_last_instants_stored(as_user, street_admin, extreme_rows):
    client = as_user(street_admin)
    activities = list(Activity.objects.values_list("pk", flat=True))
    urls = ["/", "/outreach/", "/outreach/calendar/?year=2026&month=11", "/cases/",
            "/cases/export/?format=xlsx", "/cases/export/", "/cases/statistics/",
            "/api/v1/cases/", "/api/v1/outreach/activities",
            *[f"/outreach/{pk}/" for pk in activities],
            *[f"/cases/{case.pk}/" for case in extreme_rows],
            *[f"/api/v1/cases/{case.pk}" for case in extreme_rows]]
    for url in urls:
        assert client.get(url, follow=True).status_code == 200, url


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("url", [
    "/cases/?since=0001-01-01", "/cases/?until=9999-12-31", "/cases/?since=1-1-1&until=99999-1-1",
    "/cases/export/?since=0001-01-01", "/cases/export/?until=9999-12-31&format=xlsx",
    "/cases/statistics/?since=0001-01-01&until=2026-01-01", "/cases/statistics/?until=9999-12-31",
    "/cases/?page=99999999999999999999999", "/cases/?per_page=abc",
    "/outreach/?community=99999999999999999999", "/outreach/?per_page=abc",
    "/outreach/?per_page=-5&community=-1", "/outreach/calendar/?year=1&month=1",
    "/outreach/calendar/?year=9999&month=12", "/outreach/calendar/?year=2026&month=13",
    "/outreach/calendar/?community=99999999999999999999", "/outreach/lists/?year=99999999999999999999",
    "/outreach/lists/?per_page=x", "/outreach/reach/?year=9999", "/outreach/reach/?year=1&year_to=9999",
    "/audit/?per_page=abc", "/audit/?since=0001-01-01", "/org/people/?per_page=abc",
])
def test_out_of_range_query_parameters_show_the_page(as_user, street_admin, auditor, url):
    user = auditor if url.startswith("/audit/") else street_admin
    assert as_user(user).get(url).status_code == 200


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("year", ["1", "9999", "99999999999999999999999", "-3", "abc"])
def test_the_study_page_of_a_unit_takes_any_year(as_user, street_admin, subdistrict, year):
    unit = Unit.objects.create(name="西马派出所", kind=Unit.Kind.POLICE_STATION,
                               region=subdistrict, is_member_unit=True)
    response = as_user(street_admin).get(f"/outreach/study/units/{unit.pk}/", {"year": year})
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_a_filter_out_of_range_says_so_beside_the_field(as_user, street_admin):
    response = as_user(street_admin).get("/cases/", {"since": "0001-01-01"})
    assert 'id="id_since_error"' in response.content.decode()
    response = as_user(street_admin).get("/api/v1/outreach/activities",
                                         {"until": "9999-12-31"})
    assert response.status_code == 422 and "until" in _detail(response)
