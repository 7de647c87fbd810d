"""The working-day calendar page: everyone who works cases reads it; the sub-district
administrator adds and removes local overrides (audited), and a deadline counted afterwards
uses them. Figures are from the State Council's notices for 2025 and 2026 (chinesecalendar)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.core.models import CalendarOverride, CalendarYear
from fazhi.core.workdays import add_working_days
from fazhi.core.workdays.official import last_known_year

pytestmark = pytest.mark.django_db
URL = reverse("workdays:calendar")


def _add(client, year, **data):
    form = {"day": "", "is_workday": "0", "note": "", **data}
    return client.post(f"{URL}?year={year}", form)


def test_the_official_arrangement_of_a_year_is_shown(as_user, worker):
    html = as_user(worker).get(URL, {"year": 2025}).content.decode()
    assert "2025" in html and "国庆节、中秋" in html
    assert 'datetime="2025-10-01"' in html and 'datetime="2025-10-08"' in html
    assert 'datetime="2025-09-28"' in html  # the Sunday worked before the break
    assert "8 天" in html
    assert 'name="note"' not in html  # a worker reads, never edits


def test_an_administrator_adds_a_local_rest_day_and_deadlines_use_it(as_user, street_admin):
    client = as_user(street_admin)
    response = _add(client, 2026, day="2026-03-10", note="区政府通知：暴雨停工一天")
    assert response.status_code == 302 and response.url == f"{URL}?year=2026"
    row = CalendarOverride.objects.get()
    assert (row.date, row.is_workday, row.updated_by) == (dt.date(2026, 3, 10), False,
                                                          street_admin)
    entry = Entry.objects.get(action="create", object_type="core.calendaroverride")
    assert entry.changes["is_workday"] == [None, False]
    # Monday 9 March + 1 working day skips the local rest day (Tuesday) to Wednesday.
    assert add_working_days(dt.date(2026, 3, 9), 1) == dt.date(2026, 3, 11)
    html = client.get(URL, {"year": 2026}).content.decode()
    assert "区政府通知：暴雨停工一天" in html and 'id="override-2026-03-10"' in html


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(as_user, street_admin):
    client = as_user(street_admin)
    # A Sunday as a rest day says what the official calendar already says.
    response = _add(client, 2026, day="2026-03-08", note="重复")
    html = response.content.decode()
    assert response.status_code == 422 and 'id="id_is_workday_error"' in html
    assert "官方日历中该日已是休息日" in html
    response = _add(client, 2026, day="2026-03-10", note="")
    assert response.status_code == 422 and 'id="id_note_error"' in html.replace(
        html, response.content.decode())
    response = _add(client, 2026, day="2026-02-30", note="不存在的日期")
    assert response.status_code == 422 and 'id="id_day_error"' in response.content.decode()
    assert 'value="不存在的日期"' in response.content.decode()  # the input is kept
    response = _add(client, 2026, day="2099-03-10", note="年份输错")
    html = response.content.decode()
    assert response.status_code == 422 and 'id="id_day_error"' in html and "请检查年份" in html
    assert not CalendarOverride.objects.exists()


def test_a_double_submit_makes_one_override(as_user, street_admin):
    client = as_user(street_admin)
    assert _add(client, 2026, day="2026-03-10", note="停工").status_code == 302
    again = _add(client, 2026, day="2026-03-10", note="停工")
    assert again.status_code == 409 and "已有本地调整" in again.content.decode()
    assert CalendarOverride.objects.count() == 1


def test_removing_with_a_stale_version_changes_nothing(as_user, street_admin):
    client = as_user(street_admin)
    _add(client, 2026, day="2026-03-10", note="停工")
    remove = reverse("workdays:remove", args=["2026-03-10"])
    stale = client.post(remove, {"version": 7}, follow=True)
    assert "其他人" in stale.content.decode()
    assert CalendarOverride.objects.count() == 1
    done = client.post(remove, {"version": 1})
    assert done.status_code == 302 and not CalendarOverride.objects.exists()
    assert Entry.objects.filter(action="delete", object_type="core.calendaroverride").exists()


@pytest.mark.parametrize("persona", ["street_staff", "worker", "leader", "mediator"])
def test_no_one_but_the_administrator_may_change_the_calendar(as_user, persona, request):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200
    assert _add(client, 2026, day="2026-03-10", note="停工").status_code == 403
    year = last_known_year() + 1
    mark = reverse("workdays:year_mark", args=[year])
    assert client.post(mark, {"note": "国务院通知"}).status_code == 403
    assert not CalendarOverride.objects.exists() and not CalendarYear.objects.exists()


def test_an_outsider_and_the_administration_roles_are_refused(client, as_user, auditor):
    assert client.get(URL).status_code == 302  # to the log-in page
    assert as_user(auditor).get(URL).status_code == 403


def test_a_year_beyond_the_package_is_entered_then_marked(as_user, street_admin):
    client = as_user(street_admin)
    year = last_known_year() + 1
    html = client.get(URL, {"year": year}).content.decode()
    assert "尚未收录" in html and 'name="note"' in html
    _add(client, year, day=f"{year}-01-01", note="元旦")
    mark = reverse("workdays:year_mark", args=[year])
    assert client.post(mark, {"note": "国务院办公厅通知"}).status_code == 302
    assert client.post(mark, {"note": "国务院办公厅通知"}).status_code == 302  # double submit
    assert CalendarYear.objects.filter(year=year).count() == 1
    html = client.get(URL, {"year": year}).content.decode()
    assert "国务院办公厅通知" in html
    unmark = reverse("workdays:year_unmark", args=[year])
    assert client.post(unmark, {"version": 1}).status_code == 302
    assert not CalendarYear.objects.exists()
    assert Entry.objects.filter(object_type="core.calendaryear").count() == 2


def test_a_year_out_of_range_is_404(as_user, worker):
    client = as_user(worker)
    assert client.get(URL, {"year": 1999}).status_code == 404
    assert client.get(URL, {"year": "abc"}).status_code == 404
    assert client.get(URL, {"year": last_known_year() + 3}).status_code == 404


def test_the_page_query_count_does_not_grow_with_the_overrides(as_user, street_admin):
    client = as_user(street_admin)
    _add(client, 2026, day="2026-03-10", note="一")
    client.get(URL, {"year": 2026})
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"year": 2026})
    for day in ("2026-03-11", "2026-03-12", "2026-03-13"):
        _add(client, 2026, day=day, note="多")
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"year": 2026})
    assert len(many) == len(few)


# --- the same through the API ------------------------------------------------------------------
API = "/api/v1/cases/calendar"


def test_the_api_reads_a_year_and_an_administrator_adds_and_removes(as_user, street_admin,
                                                                    worker):
    import json

    body = as_user(worker).get(f"{API}/2025").json()
    national = next(h for h in body["official"] if h["holiday"].startswith("国庆节"))
    assert national["rest_days"][0] == "2025-10-01" and len(national["rest_days"]) == 8
    assert national["makeup_workdays"] == ["2025-09-28", "2025-10-11"]
    assert body["entered_in_full"] is False and body["overrides"] == []
    assert as_user(worker).get(f"{API}/1999").status_code == 404

    admin = as_user(street_admin)
    new = {"date": "2026-03-10", "is_workday": False, "note": "暴雨停工"}
    created = admin.post(f"{API}/overrides", json.dumps(new), content_type="application/json")
    assert created.status_code == 201 and created.json()["version"] == 1
    again = admin.post(f"{API}/overrides", json.dumps(new), content_type="application/json")
    assert again.status_code == 409
    same = admin.post(f"{API}/overrides", json.dumps({**new, "date": "2026-03-08"}),
                      content_type="application/json")
    assert same.status_code == 422 and "is_workday" in same.json()["detail"]
    denied = as_user(worker).post(f"{API}/overrides", json.dumps({**new, "date": "2026-03-11"}),
                                  content_type="application/json")
    assert denied.status_code == 403
    assert admin.delete(f"{API}/overrides/2026-03-10?version=5").status_code == 409
    assert admin.delete(f"{API}/overrides/2026-03-10?version=1").status_code == 204
    assert not CalendarOverride.objects.exists()


def test_the_old_address_of_the_page_leads_to_the_calendar(as_user, worker):
    response = as_user(worker).get("/cases/calendar/?year=2025")
    assert response.status_code == 302 and response.url == f"{URL}?year=2025"


def test_a_visitor_is_sent_to_log_in_and_an_auditor_is_refused(client, auditor, as_user):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert as_user(auditor).get(URL).status_code == 403
