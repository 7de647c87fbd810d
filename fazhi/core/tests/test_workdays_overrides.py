"""Local overrides in the database: the services, one query per count, and the admin."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from fazhi.core.models import CalendarOverride, CalendarYear
from fazhi.core.workdays import (
    SHANGHAI,
    CalendarUnknown,
    OverrideConflict,
    calendar_override_delete,
    calendar_override_list,
    calendar_override_set,
    calendar_year_enter,
    calendar_year_list,
    calendar_year_withdraw,
    due_at,
    end_of_day,
    is_workday,
    last_known_year,
    overrides_load,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_setting_a_local_holiday_creates_one_override(street_admin):
    row = calendar_override_set(day=D(2025, 11, 10), is_workday=False,
                                note=" 街道停电，全员休息 ", actor=street_admin)
    assert (row.is_workday, row.note, row.version, row.updated_by) == (
        False, "街道停电，全员休息", 1, street_admin)
    assert list(calendar_override_list()) == [row]


def test_a_second_create_of_the_same_date_is_a_conflict_and_changes_nothing():
    first = calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    with pytest.raises(OverrideConflict) as caught:
        calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="double click")
    assert caught.value.current_version == 1
    first.refresh_from_db()
    assert first.note == "local"
    assert CalendarOverride.objects.count() == 1


def test_an_update_with_the_current_version_bumps_it():
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    row = calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="corrected",
                                expected_version=1)
    assert (row.note, row.version) == ("corrected", 2)


def test_a_stale_update_is_refused_and_the_newer_edit_kept():
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="first editor",
                          expected_version=1)
    with pytest.raises(OverrideConflict) as caught:
        calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="second editor",
                              expected_version=1)
    assert caught.value.current_version == 2
    assert CalendarOverride.objects.get().note == "first editor"


def test_an_override_repeating_the_official_calendar_is_refused():
    with pytest.raises(ValidationError) as caught:
        calendar_override_set(day=D(2025, 10, 1), is_workday=False, note="National Day")
    assert "is_workday" in caught.value.message_dict
    with pytest.raises(ValidationError):
        calendar_override_set(day=D(2025, 9, 28), is_workday=True, note="make-up Sunday")
    assert not CalendarOverride.objects.exists()


def test_an_override_needs_a_note():
    with pytest.raises(ValidationError) as caught:
        calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="  ")
    assert "note" in caught.value.message_dict


def test_an_override_may_lie_beyond_the_known_calendar():
    day = D(last_known_year() + 1, 1, 4)
    calendar_override_set(day=day, is_workday=True, note="notice published, not yet upgraded")
    assert is_workday(day)


def test_deleting_an_override_restores_the_official_calendar():
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    assert not is_workday(D(2025, 11, 10))
    with pytest.raises(OverrideConflict):
        calendar_override_delete(day=D(2025, 11, 10), expected_version=7)
    calendar_override_delete(day=D(2025, 11, 10), expected_version=1)
    assert is_workday(D(2025, 11, 10))


def test_listing_and_loading_filter_by_range():
    for day in (D(2025, 11, 10), D(2025, 12, 1), D(2026, 3, 2)):
        calendar_override_set(day=day, is_workday=False, note="local")
    listed = calendar_override_list(start=D(2025, 11, 11), end=D(2026, 3, 2))
    assert [row.date for row in listed] == [D(2025, 12, 1), D(2026, 3, 2)]
    assert overrides_load(D(2025, 12, 1), D(2025, 12, 31)) == {D(2025, 12, 1): False}


def test_due_at_loads_the_calendar_in_two_queries_whatever_the_length(
        django_assert_num_queries):
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="local")
    start = dt.datetime(2025, 10, 9, 23, 0, tzinfo=SHANGHAI)
    with django_assert_num_queries(2):  # overrides, entered years
        assert due_at(start, 30, "calendar_days") == end_of_day(D(2025, 11, 11))
    with django_assert_num_queries(2):
        due_at(start, 200, "working_days")
    loaded = overrides_load()
    with django_assert_num_queries(0):
        for day in range(1, 29):
            due_at(start.replace(day=day), 15, "working_days", overrides=loaded)


def test_the_admin_lists_and_adds_overrides(sysadmin, as_user):
    sysadmin.user_permissions.add(*Permission.objects.filter(codename__endswith="calendaroverride"))
    client = as_user(sysadmin)
    calendar_override_set(day=D(2025, 11, 10), is_workday=False, note="停电")
    assert "停电" in client.get("/django-admin/core/calendaroverride/").content.decode()
    response = client.post("/django-admin/core/calendaroverride/add/",
                           {"date": "2025-12-01", "is_workday": "", "note": "local holiday"})
    assert response.status_code == 302
    added = CalendarOverride.objects.get(date=D(2025, 12, 1))
    assert (added.is_workday, added.updated_by, added.version) == (False, sysadmin, 1)
    response = client.post(f"/django-admin/core/calendaroverride/{added.pk}/change/",
                           {"date": "2025-12-01", "is_workday": "", "note": "corrected"})
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.note, added.version) == ("corrected", 2)


def test_the_admin_is_closed_to_a_community_worker(worker, as_user):
    response = as_user(worker).get("/django-admin/core/calendaroverride/")
    assert response.status_code == 302  # to the admin log-in: not staff
    assert not CalendarOverride.objects.exists()


def enter_next_year():
    """What an administrator does in December before chinesecalendar knows the next year."""
    year = last_known_year() + 1
    calendar_override_set(day=D(year, 1, 1), is_workday=False, note="New Year's Day")
    calendar_override_set(day=D(year, 1, 29), is_workday=False, note="a holiday")
    calendar_override_set(day=D(year, 1, 30), is_workday=True, note="make-up working day")
    return calendar_year_enter(year=year, note="国务院办公厅通知")


def test_an_entered_year_lets_deadlines_cross_into_it(street_admin):
    last = last_known_year()
    accepted = dt.datetime(last, 12, 1, 9, tzinfo=SHANGHAI)
    with pytest.raises(CalendarUnknown, match="标记该年已录入"):
        due_at(accepted, 60, "calendar_days")
    entered = enter_next_year()
    assert list(calendar_year_list()) == [entered]
    # Day 60 is 30 January: entered as a working day, whatever weekday it is.
    assert due_at(accepted, 60, "calendar_days") == end_of_day(D(last + 1, 1, 30))
    # Working days skip the entered holidays and follow the weekdays otherwise.
    due = due_at(dt.datetime(last, 12, 31, 9, tzinfo=SHANGHAI), 1, "working_days")
    assert due.date() == next(D(last + 1, 1, d) for d in range(2, 9)
                              if D(last + 1, 1, d).weekday() < 5)
    with pytest.raises(CalendarUnknown):  # the year after stays unknown
        due_at(dt.datetime(last + 1, 12, 20, tzinfo=SHANGHAI), 30, "calendar_days")


def test_a_year_the_package_knows_cannot_be_entered():
    with pytest.raises(ValidationError) as caught:
        calendar_year_enter(year=last_known_year(), note="already known")
    assert "year" in caught.value.message_dict
    assert not CalendarYear.objects.exists()


def test_entering_a_year_twice_is_a_conflict_and_withdrawing_makes_it_unknown_again():
    entered = enter_next_year()
    with pytest.raises(OverrideConflict):
        calendar_year_enter(year=entered.year, note="double click")
    assert CalendarYear.objects.count() == 1
    with pytest.raises(OverrideConflict):
        calendar_year_withdraw(year=entered.year, expected_version=2)
    calendar_year_withdraw(year=entered.year, expected_version=1)
    with pytest.raises(CalendarUnknown):
        is_workday(D(entered.year, 1, 5))


def test_the_admin_refuses_an_override_repeating_the_official_calendar(sysadmin, as_user):
    sysadmin.user_permissions.add(*Permission.objects.filter(codename__endswith="calendaroverride"))
    response = as_user(sysadmin).post("/django-admin/core/calendaroverride/add/",
                                      {"date": "2025-10-01", "is_workday": "", "note": "国庆"})
    assert response.status_code == 200
    assert "官方日历中该日已是休息日" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_the_admin_enters_only_years_beyond_the_package(sysadmin, as_user):
    sysadmin.user_permissions.add(*Permission.objects.filter(codename__endswith="calendaryear"))
    client = as_user(sysadmin)
    response = client.post("/django-admin/core/calendaryear/add/",
                           {"year": str(last_known_year()), "note": "x"})
    assert "官方日历已包含" in response.content.decode()
    assert not CalendarYear.objects.exists()
    response = client.post("/django-admin/core/calendaryear/add/",
                           {"year": str(last_known_year() + 1), "note": "国办发明电"})
    assert response.status_code == 302
    assert CalendarYear.objects.get().updated_by == sysadmin
