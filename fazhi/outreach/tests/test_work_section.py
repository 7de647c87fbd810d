"""The law-popularisation section of the staff home (selectors/work.py), row by row.

Expected rows are written out from the fixture by hand: which lists wait for review (submitted,
not the reviewer's own unit), in which order, capped at five, with the section's full count.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.inbox.models import Notification
from fazhi.org.models import Unit
from fazhi.outreach.models import ResponsibilityList
from fazhi.outreach.selectors.work import work_for

from .conftest import add_item

S = ResponsibilityList.Status


@pytest.fixture
def units(subdistrict) -> dict[str, Unit]:
    """Unit pk 1 exists and has a waiting list: a reviewer without a unit must still see it.
    Primary keys run against the names (C is 1, A is 3): rows go by name, not by key."""
    names = ["单位A", "单位B", "单位C"]
    made = {}
    for index, name in enumerate(names):
        made[name] = Unit.objects.create(pk=3 - index, name=name, kind=Unit.Kind.MEMBER_DEPARTMENT,
                                         region=subdistrict, is_member_unit=True)
    return made


def _list(unit: Unit, year: int, status: str) -> ResponsibilityList:
    return ResponsibilityList.objects.create(unit=unit, year=year, status=status)


def _detail(lst: ResponsibilityList) -> str:
    return reverse("outreach:list_detail", args=[lst.pk])


def test_a_reviewer_sees_five_submitted_lists_of_other_units_newest_year_first(units):
    a, b, c = units["单位A"], units["单位B"], units["单位C"]
    # made against the order shown, so that neither the unit's key nor the list's gives it
    c25, b25, a25 = _list(c, 2025, S.SUBMITTED), _list(b, 2025, S.SUBMITTED), _list(a, 2025, S.SUBMITTED)
    b26, a26 = _list(b, 2026, S.SUBMITTED), _list(a, 2026, S.SUBMITTED)
    _list(a, 2024, S.SUBMITTED)  # the sixth: counted, not shown
    _list(c, 2026, S.DRAFT)
    _list(c, 2024, S.APPROVED)
    _list(b, 2024, S.RETURNED)
    staff = make_user("reviewer", Role.STREET_STAFF)

    section = work_for(staff)

    assert section == {
        "kind": "review",
        "count": 6,
        "rows": [{"pk": lst.pk, "unit": lst.unit.name, "year": lst.year}
                 for lst in (a26, b26, a25, b25, c25)],
    }


def test_a_reviewer_never_reviews_the_lists_of_their_own_unit(units):
    a, b = units["单位A"], units["单位B"]
    _list(a, 2026, S.SUBMITTED)
    b26 = _list(b, 2026, S.SUBMITTED)
    admin = make_user("reviewer", Role.STREET_ADMIN, unit_id=a.pk)

    section = work_for(admin)

    assert section["count"] == 1
    assert section["rows"] == [{"pk": b26.pk, "unit": "单位B", "year": 2026}]


def test_a_reviewer_with_nothing_waiting_gets_an_empty_section(units):
    _list(units["单位A"], 2026, S.APPROVED)
    staff = make_user("reviewer", Role.STREET_STAFF)

    assert work_for(staff) == {"kind": "review", "count": 0, "rows": []}


def test_a_community_worker_without_a_unit_has_no_section(worker, units):
    _list(units["单位A"], 2026, S.SUBMITTED)

    assert work_for(worker) is None


def _reminder(user, item, month: str, text: str, read: bool = False) -> Notification:
    return Notification.objects.create(
        user=user, topic=Notification.Topic.LIST, subject_id=item.responsibility_list_id,
        key=f"list-item:{item.pk}:{month}", text=text, read_at=timezone.now() if read else None)


def test_a_unit_member_sees_their_own_unread_reminders_newest_first_five_at_most(units):
    a = units["单位A"]
    lst = _list(a, 2026, S.APPROVED)
    other_list = _list(units["单位B"], 2026, S.APPROVED)
    items = [add_item(lst, position) for position in range(1, 5)]
    member = make_user("member", Role.MEDIATOR, unit_id=a.pk)
    colleague = make_user("colleague", Role.MEDIATOR, unit_id=a.pk)
    made = []
    for month in ("2026-01", "2026-02"):
        for item in items:
            made.append(_reminder(member, item, month, f"{month} 第{item.position}项落后"))
    _reminder(member, add_item(other_list), "2026-03", "已读", read=True)
    _reminder(colleague, items[0], "2026-03", "同事的提醒")
    made[0].read_at = timezone.now()
    made[0].save()
    unread_newest_first = list(reversed(made[1:]))

    section = work_for(member)

    assert section == {
        "kind": "reminders",
        "count": 7,
        "rows": [{"list_id": lst.pk, "text": r.text, "at": r.created_at}
                 for r in unread_newest_first[:5]],
    }


def test_a_reminder_row_links_to_the_list_of_its_item(units):
    lst = _list(units["单位B"], 2025, S.APPROVED)
    _list(units["单位A"], 2025, S.APPROVED)
    member = make_user("member", Role.LAWYER, unit_id=units["单位A"].pk)
    made = _reminder(member, add_item(lst), "2025-04", "第1项落后")

    assert work_for(member)["rows"] == [
        {"list_id": lst.pk, "text": "第1项落后", "at": made.created_at}]


def test_a_unit_member_with_no_unread_reminder_gets_an_empty_section(units):
    member = make_user("member", Role.MEDIATOR, unit_id=units["单位A"].pk)
    lst = _list(units["单位A"], 2026, S.APPROVED)
    _reminder(member, add_item(lst), "2026-01", "已读", read=True)

    assert work_for(member) == {"kind": "reminders", "count": 0, "rows": []}


def test_the_home_words_and_links_both_kinds_of_section(units, as_user):
    a = units["单位A"]
    waiting = _list(units["单位B"], 2026, S.SUBMITTED)
    reviewer = make_user("reviewer", Role.STREET_STAFF)
    page = as_user(reviewer).get(reverse("workbench:home")).content.decode()
    assert "待审核的普法责任清单" in page and f'href="{_detail(waiting)}">单位B 2026</a>' in page
    assert reverse("outreach:lists") + "?status=submitted" in page
    lst = _list(a, 2026, S.APPROVED)
    member = make_user("member", Role.MEDIATOR, unit_id=a.pk)
    _reminder(member, add_item(lst), "2026-01", "第1项落后")
    page = as_user(member).get(reverse("workbench:home")).content.decode()
    assert f'href="{_detail(lst)}">第1项落后</a>' in page
