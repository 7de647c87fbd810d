from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.org.models import Unit
from fazhi.outreach.models import ResponsibilityList

from .conftest import GOOD_ROW, HEADER_EN, add_item, workbook

S = ResponsibilityList.Status


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("list.xlsx", data)


def test_the_index_shows_a_unit_its_own_list(as_user, unit_user, draft_list, court):
    ResponsibilityList.objects.create(unit=court, year=2026)
    page = as_user(unit_user).get(reverse("outreach:lists"))
    assert page.status_code == 200
    assert [lst for lst, _p in page.context["rows"]] == [draft_list]


def test_the_index_shows_the_sub_district_every_list(as_user, street_staff, draft_list, court):
    ResponsibilityList.objects.create(unit=court, year=2026)
    page = as_user(street_staff).get(reverse("outreach:lists"))
    assert len(page.context["rows"]) == 2


def test_an_outsider_sees_no_list(as_user, outsider, draft_list):
    page = as_user(outsider).get(reverse("outreach:lists"))
    assert page.status_code == 200 and page.context["rows"] == []
    assert as_user(outsider).get(reverse("outreach:list_detail", args=[draft_list.pk])).status_code == 404


def test_the_index_query_count_does_not_grow_with_the_page_size(as_user, street_staff, subdistrict):
    # lists of several years (as in the demo world): a page of 50 spans more years than one of 10
    for n in range(60):
        unit = Unit.objects.create(name=f"单位{n}", kind=Unit.Kind.MEMBER_DEPARTMENT,
                                   region=subdistrict)
        add_item(ResponsibilityList.objects.create(unit=unit, year=2026 - n // 10))
    client = as_user(street_staff)
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("outreach:lists"), {"per_page": per_page}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_the_unit_opens_a_list_from_the_index(as_user, unit_user, police):
    response = as_user(unit_user).post(reverse("outreach:list_create"),
                                       {"unit": police.pk, "year": 2027})
    lst = ResponsibilityList.objects.get()
    assert response.status_code == 302 and (lst.unit, lst.year) == (police, 2027)


def test_a_bad_workbook_is_shown_row_by_row_and_nothing_is_imported(as_user, unit_user, draft_list):
    add_item(draft_list)
    bad = workbook([GOOD_ROW, [*GOOD_ROW[:4], 9, *GOOD_ROW[5:]]])
    page = as_user(unit_user).post(reverse("outreach:list_import", args=[draft_list.pk]),
                                   {"version": draft_list.version, "file": _upload(bad)})
    assert page.status_code == 400
    assert [row for row, _r in page.context["import_errors"]] == [3]
    assert "第 3 行" in page.content.decode()
    assert draft_list.items.count() == 1


def test_a_good_workbook_is_imported_from_the_page(as_user, unit_user, draft_list):
    response = as_user(unit_user).post(reverse("outreach:list_import", args=[draft_list.pk]),
                                       {"version": draft_list.version,
                                        "file": _upload(workbook([GOOD_ROW, GOOD_ROW]))})
    assert response.status_code == 302
    assert draft_list.items.count() == 2


def test_an_outsider_cannot_import(as_user, outsider, draft_list):
    response = as_user(outsider).post(reverse("outreach:list_import", args=[draft_list.pk]),
                                      {"version": 1, "file": _upload(workbook([GOOD_ROW]))})
    assert response.status_code == 404
    assert not draft_list.items.exists()


def test_the_template_downloads_with_every_column(as_user, unit_user):
    response = as_user(unit_user).get(reverse("outreach:list_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert len([c.value for c in sheet[1]]) == len(HEADER_EN)


def test_the_export_has_one_row_per_item(as_user, leader, approved_list):
    response = as_user(leader).get(reverse("outreach:list_export", args=[approved_list.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.max_row == 3
    assert sheet.cell(2, 2).value == "道路交通安全法"


def test_the_unit_submits_and_the_sub_district_approves(as_user, unit_user, street_staff,
                                                        draft_list):
    add_item(draft_list)
    as_user(unit_user).post(reverse("outreach:list_submit", args=[draft_list.pk]), {"version": 1})
    draft_list.refresh_from_db()
    assert draft_list.status == S.SUBMITTED
    page = as_user(street_staff).get(reverse("outreach:list_detail", args=[draft_list.pk]))
    assert page.context["reviewer"] is True
    as_user(street_staff).post(reverse("outreach:list_decide", args=[draft_list.pk]),
                               {"version": 2, "decision": "approve", "comment": ""})
    draft_list.refresh_from_db()
    assert draft_list.status == S.APPROVED


def test_returning_without_a_comment_shows_the_error_beside_the_field(as_user, unit_user,
                                                                      street_staff, draft_list):
    add_item(draft_list)
    as_user(unit_user).post(reverse("outreach:list_submit", args=[draft_list.pk]), {"version": 1})
    page = as_user(street_staff).post(reverse("outreach:list_decide", args=[draft_list.pk]),
                                      {"version": 2, "decision": "return", "comment": ""})
    assert page.status_code == 400 and page.context["decision_form"].errors["comment"]
    draft_list.refresh_from_db()
    assert draft_list.status == S.SUBMITTED


def test_an_outsider_cannot_approve(as_user, outsider, unit_user, draft_list):
    add_item(draft_list)
    as_user(unit_user).post(reverse("outreach:list_submit", args=[draft_list.pk]), {"version": 1})
    response = as_user(outsider).post(reverse("outreach:list_decide", args=[draft_list.pk]),
                                      {"version": 2, "decision": "approve"})
    assert response.status_code == 404
    draft_list.refresh_from_db()
    assert draft_list.status == S.SUBMITTED


def test_a_stale_page_gets_a_conflict_message(as_user, unit_user, draft_list):
    add_item(draft_list)
    response = as_user(unit_user).post(reverse("outreach:list_submit", args=[draft_list.pk]),
                                       {"version": 99}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "其他人已修改了此清单，请刷新页面后重试。"]
    draft_list.refresh_from_db()
    assert draft_list.status == S.DRAFT


def test_the_sub_district_adds_a_supervision_note(as_user, street_admin, draft_list):
    item = add_item(draft_list)
    as_user(street_admin).post(reverse("outreach:note_add", args=[draft_list.pk]),
                               {"text": "请加快进度", "item": item.pk})
    assert draft_list.notes.get().item == item


def test_the_unit_adds_and_removes_an_item(as_user, unit_user, draft_list):
    client = as_user(unit_user)
    data = dict(zip(["laws", "audience", "channels", "planned_count", "quarter", "leader",
                     "person", "office", "standard", "key_dates"], GOOD_ROW, strict=True))
    client.post(reverse("outreach:item_add", args=[draft_list.pk]), {**data, "version": 1})
    item = draft_list.items.get()
    client.post(reverse("outreach:item_delete", args=[item.pk]))
    assert not draft_list.items.exists()
