from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.audit.models import Entry
from fazhi.core.conflicts import Conflict
from fazhi.outreach import xlsx
from fazhi.outreach.models import ListItem, ResponsibilityList
from fazhi.outreach.services import lists as services

from .conftest import GOOD_ROW, HEADER_EN, add_item, workbook

S = ResponsibilityList.Status


def test_a_unit_opens_its_list_once_per_year(unit_user, police):
    lst = services.list_create(actor=unit_user, unit_id=police.pk, year=2026)
    assert lst.status == S.DRAFT
    with pytest.raises(ValidationError) as exc:
        services.list_create(actor=unit_user, unit_id=police.pk, year=2026)
    assert "year" in exc.value.message_dict
    assert ResponsibilityList.objects.count() == 1


def test_a_community_worker_cannot_open_a_list_for_a_unit(worker, police):
    with pytest.raises(PermissionDenied):
        services.list_create(actor=worker, unit_id=police.pk, year=2026)
    assert not ResponsibilityList.objects.exists()


def test_a_good_workbook_replaces_the_items(unit_user, draft_list):
    add_item(draft_list, 1)
    data = workbook([GOOD_ROW, [*GOOD_ROW[:3], 1, 4, *GOOD_ROW[5:]]])
    count = services.list_import(actor=unit_user, lst=draft_list, data=data,
                                 expected_version=draft_list.version)
    assert count == 2
    items = list(draft_list.items.order_by("position"))
    assert [(i.position, i.planned_count, i.quarter) for i in items] == [(1, 4, 2), (2, 1, 4)]
    assert items[0].laws == "道路交通安全法"
    assert Entry.objects.filter(object_type="outreach.responsibilitylist", action="update").exists()


def test_a_chinese_header_is_accepted(unit_user, draft_list):
    from django.utils import translation

    with translation.override("zh-hans"):
        header = [str(label) for _f, label in xlsx.COLUMNS]
    assert header[0] != HEADER_EN[0]
    count = services.list_import(actor=unit_user, lst=draft_list, data=workbook([GOOD_ROW], header),
                                 expected_version=draft_list.version)
    assert count == 1


def test_a_workbook_with_bad_rows_imports_nothing_and_reports_every_row(unit_user, draft_list):
    add_item(draft_list, 1)
    rows = [
        GOOD_ROW,
        [*GOOD_ROW[:3], "many", 2, *GOOD_ROW[5:]],   # row 3: count not a number
        GOOD_ROW,
        [*GOOD_ROW[:3], 2, 5, *GOOD_ROW[5:]],         # row 5: quarter out of range
        ["", *GOOD_ROW[1:]],                          # row 6: laws empty
    ]
    with pytest.raises(xlsx.SheetError) as exc:
        services.list_import(actor=unit_user, lst=draft_list, data=workbook(rows),
                             expected_version=draft_list.version)
    assert sorted({row for row, _reason in exc.value.errors}) == [3, 5, 6]
    assert any("quarter" in reason.lower() for row, reason in exc.value.errors if row == 5)
    assert list(draft_list.items.values_list("position", flat=True)) == [1]
    draft_list.refresh_from_db()
    assert draft_list.version == 1


def test_missing_and_renamed_columns_are_reported_on_row_one(unit_user, draft_list):
    header = [*HEADER_EN[:1], "Target people", *HEADER_EN[2:8], HEADER_EN[9]]
    with pytest.raises(xlsx.SheetError) as exc:
        services.list_import(actor=unit_user, lst=draft_list,
                             data=workbook([GOOD_ROW[:9]], header),
                             expected_version=draft_list.version)
    reasons = [reason for row, reason in exc.value.errors if row == 1]
    assert any("Target people" in r for r in reasons)
    assert any("Audience" in r and "missing" in r for r in reasons)
    assert any("Completion standard" in r for r in reasons)
    assert not draft_list.items.exists()


def test_a_file_that_is_not_a_workbook_is_refused(unit_user, draft_list):
    with pytest.raises(xlsx.SheetError) as exc:
        services.list_import(actor=unit_user, lst=draft_list, data=b"%PDF-1.4 nonsense",
                             expected_version=draft_list.version)
    assert "XLSX" in exc.value.errors[0][1]


def test_an_empty_workbook_is_refused(unit_user, draft_list):
    with pytest.raises(xlsx.SheetError):
        services.list_import(actor=unit_user, lst=draft_list, data=workbook([]),
                             expected_version=draft_list.version)


def test_the_template_reads_back_as_an_empty_list_with_every_column():
    with pytest.raises(xlsx.SheetError) as exc:
        xlsx.read_items(xlsx.template_workbook())
    assert exc.value.errors == [(2, "The workbook has no items below the header row.")]


def test_a_stale_version_is_a_conflict_and_changes_nothing(unit_user, draft_list):
    with pytest.raises(Conflict):
        services.list_import(actor=unit_user, lst=draft_list, data=workbook([GOOD_ROW]),
                             expected_version=draft_list.version + 1)
    assert not draft_list.items.exists()


def test_submit_then_approve_is_audited(unit_user, street_staff, draft_list):
    add_item(draft_list)
    services.list_submit(actor=unit_user, lst=draft_list, expected_version=draft_list.version)
    assert draft_list.status == S.SUBMITTED and draft_list.submitted_at
    with pytest.raises(Conflict):
        services.item_add(actor=unit_user, lst=draft_list, expected_version=draft_list.version,
                          **dict(zip([f for f, _l in xlsx.COLUMNS], GOOD_ROW, strict=True)))
    services.list_approve(actor=street_staff, lst=draft_list, expected_version=draft_list.version)
    assert draft_list.status == S.APPROVED and draft_list.decided_by == street_staff
    transitions = Entry.objects.filter(action="transition", object_id=str(draft_list.pk))
    assert transitions.count() == 2


def test_an_empty_list_cannot_be_submitted(unit_user, draft_list):
    with pytest.raises(ValidationError):
        services.list_submit(actor=unit_user, lst=draft_list, expected_version=draft_list.version)
    draft_list.refresh_from_db()
    assert draft_list.status == S.DRAFT


def test_returning_needs_a_comment_and_reopens_the_list(unit_user, street_admin, draft_list):
    add_item(draft_list)
    services.list_submit(actor=unit_user, lst=draft_list, expected_version=1)
    with pytest.raises(ValidationError):
        services.list_return(actor=street_admin, lst=draft_list, expected_version=2, comment=" ")
    services.list_return(actor=street_admin, lst=draft_list, expected_version=2,
                         comment="请补充第二季度计划")
    assert draft_list.status == S.RETURNED and draft_list.editable
    assert draft_list.review_comment == "请补充第二季度计划"


def test_a_unit_cannot_approve_its_own_list(unit_user, draft_list):
    add_item(draft_list)
    services.list_submit(actor=unit_user, lst=draft_list, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.list_approve(actor=unit_user, lst=draft_list, expected_version=2)
    draft_list.refresh_from_db()
    assert draft_list.status == S.SUBMITTED


def test_a_draft_cannot_be_approved(street_staff, draft_list):
    with pytest.raises(Conflict):
        services.list_approve(actor=street_staff, lst=draft_list, expected_version=1)


def test_the_sub_district_attaches_supervision_notes(street_staff, unit_user, draft_list):
    item = add_item(draft_list)
    note = services.note_add(actor=street_staff, lst=draft_list, text="第一季度进度滞后",
                             item_id=item.pk)
    assert note.item == item
    with pytest.raises(PermissionDenied):
        services.note_add(actor=unit_user, lst=draft_list, text="x")


def test_adding_an_item_validates_the_quarter(unit_user, draft_list):
    values = dict(zip([f for f, _l in xlsx.COLUMNS], GOOD_ROW, strict=True))
    values["quarter"] = 7
    with pytest.raises(ValidationError) as exc:
        services.item_add(actor=unit_user, lst=draft_list, expected_version=1, **values)
    assert "quarter" in exc.value.message_dict
    assert not ListItem.objects.exists()


def test_sub_district_staff_seconded_to_a_unit_cannot_approve_its_list(police, draft_list):
    from conftest import make_user
    from fazhi.core.roles import Role

    seconded = make_user("seconded", Role.STREET_STAFF, unit_id=police.pk)
    add_item(draft_list)
    services.list_submit(actor=seconded, lst=draft_list, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.list_approve(actor=seconded, lst=draft_list, expected_version=2)
