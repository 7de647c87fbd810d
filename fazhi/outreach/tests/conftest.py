"""Outreach fixtures: a member unit with its own staff, a list, activities, workbooks."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import Workbook

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.org.models import Unit
from fazhi.outreach.models import Activity, ListItem, ResponsibilityList
from fazhi.outreach.xlsx import COLUMNS

HEADER_EN = ["Laws to publicise", "Audience", "Channels and measures", "Planned count",
             "Quarter (1-4)", "Responsible leader", "Responsible person", "Responsible office",
             "Completion standard", "Key dates"]
GOOD_ROW = ["道路交通安全法", "辖区居民", "法治大讲堂、宣传栏", 4, 2, "王所长", "李警官", "综合室",
            "每季度至少一次讲座", "12.4"]


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages in English inside tests (views follow the request's language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def workbook(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header if header is not None else HEADER_EN)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def at(y: int, m: int, d: int, h: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, h, minute))


@pytest.fixture
def police(subdistrict) -> Unit:
    return Unit.objects.create(name="西马派出所", kind=Unit.Kind.POLICE_STATION,
                               region=subdistrict, is_member_unit=True)


@pytest.fixture
def court(subdistrict) -> Unit:
    return Unit.objects.create(name="人民法庭", kind=Unit.Kind.COURT_TRIBUNAL,
                               region=subdistrict, is_member_unit=True)


@pytest.fixture
def unit_user(police):
    """Staff of a member unit (the police station's mediation officer): reads and writes its own
    unit's list only."""
    return make_user("police", Role.MEDIATOR, unit_id=police.pk, mobile="13900139000")


@pytest.fixture
def draft_list(police) -> ResponsibilityList:
    return ResponsibilityList.objects.create(unit=police, year=2026)


def add_item(lst: ResponsibilityList, position: int = 1, planned: int = 2,
             quarter: int = 1) -> ListItem:
    values = dict(zip([f for f, _l in COLUMNS], GOOD_ROW, strict=True))
    values.update(planned_count=planned, quarter=quarter)
    return ListItem.objects.create(responsibility_list=lst, position=position, **values)


@pytest.fixture
def approved_list(draft_list) -> ResponsibilityList:
    add_item(draft_list, 1, planned=2, quarter=1)
    add_item(draft_list, 2, planned=3, quarter=3)
    draft_list.status = ResponsibilityList.Status.APPROVED
    draft_list.save()
    return draft_list


def make_activity(**extra: Any) -> Activity:
    values: dict[str, Any] = {
        "kind": Activity.Kind.LECTURE_HALL, "title": "宪法讲座", "starts_at": at(2026, 3, 10, 9),
        "ends_at": at(2026, 3, 10, 11), "venue": "社区活动室",
        "code": f"c{Activity.objects.count() + 1:06d}"}
    values.update(extra)
    items = values.pop("items", [])
    activity = Activity.objects.create(**values)
    if items:
        activity.items.set(items)
    return activity
