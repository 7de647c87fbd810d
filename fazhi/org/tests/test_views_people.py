import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.audit.models import Entry
from fazhi.org.models import Person

from .conftest import make_person, valid_id


def _form(community, **extra):
    data = {"name": "王芳", "kind": Person.Kind.LAW_SAVVY, "community": community.pk,
            "title": "", "id_number": "", "mobile": "", "certificate_no": "", "note": "",
            "active": "on"}
    data.update(extra)
    return data


def test_the_list_shows_masked_values_only(as_user, worker, north_person):
    response = as_user(worker).get(reverse("org:people"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "139****5678" in html and north_person.id_masked in html
    assert "13912345678" not in html and valid_id("19800101", 1) not in html


def test_a_community_worker_sees_only_their_community(as_user, worker, north_person,
                                                      south_person):
    html = as_user(worker).get(reverse("org:people")).content.decode()
    assert "张伟" in html and "李娜" not in html


def test_street_staff_see_every_community_and_filter_by_kind(as_user, street_staff,
                                                             north_person, south_person):
    client = as_user(street_staff)
    assert "李娜" in client.get(reverse("org:people")).content.decode()
    html = client.get(reverse("org:people"), {"kind": Person.Kind.STAFF}).content.decode()
    assert "李娜" not in html and "张伟" not in html


def test_exact_search_by_id_number_and_mobile_uses_the_keyed_hash(as_user, street_staff,
                                                                  north_person, south_person):
    client = as_user(street_staff)
    html = client.get(reverse("org:people"), {"q": valid_id("19900202", 2)}).content.decode()
    assert "李娜" in html and "张伟" not in html
    html = client.get(reverse("org:people"), {"q": "139 1234 5678"}).content.decode()
    assert "张伟" in html and "李娜" not in html


def test_the_list_query_count_does_not_grow_with_the_page_size(as_user, street_staff, north,
                                                               north_workroom):
    for i in range(60):
        make_person(f"人{i:02d}", north, north_workroom, id_number=valid_id("19700101", i))
    client = as_user(street_staff)
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("org:people"), {"per_page": per_page}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_administration_roles_get_403(as_user, auditor, sysadmin):
    for user in (auditor, sysadmin):
        assert as_user(user).get(reverse("org:people")).status_code == 403


def test_the_detail_page_of_another_community_is_404(as_user, outsider, north_person):
    assert as_user(outsider).get(
        reverse("org:person_detail", args=[north_person.pk])).status_code == 404


@pytest.mark.parametrize(("value", "message"), [
    ("4201021980", "身份证号码应为 18 位，您输入了 10 位。"),
    ("42010219800101123Y", "身份证号码由 17 位数字加 1 位数字或 X 组成。"),
    ("420102198013011234", "身份证号码中的出生日期（第 7 至 14 位）不是有效日期。"),
    (valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1"),
     "身份证号码最后一位（校验码）不符，请逐位核对。"),
])
def test_each_id_number_error_is_shown_beside_the_field(as_user, worker, north, value, message):
    response = as_user(worker).post(reverse("org:person_create"), _form(north, id_number=value))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_id_number_error"' in html and message in html
    assert f'value="{value}"' in html  # the input is kept
    assert not Person.objects.exists()


def test_creating_a_person_redirects_to_the_record(as_user, worker, north):
    response = as_user(worker).post(reverse("org:person_create"),
                                    _form(north, id_number=valid_id(), mobile="13612345678"))
    person = Person.objects.get()
    assert response.status_code == 302 and response.url == f"/org/people/{person.pk}/"
    assert person.mobile_masked == "136****5678"


def test_a_duplicate_id_points_to_the_existing_record(as_user, worker, north, north_person):
    response = as_user(worker).post(reverse("org:person_create"),
                                    _form(north, name="张伟（重复）",
                                          id_number=valid_id("19800101", 1)))
    html = response.content.decode()
    assert "此人已登记：张伟" in html
    assert f'href="/org/people/{north_person.pk}/"' in html
    assert Person.objects.count() == 1


def test_a_duplicate_in_another_community_does_not_reveal_the_name(as_user, outsider, south,
                                                                   north_person):
    response = as_user(outsider).post(reverse("org:person_create"),
                                      _form(south, id_number=valid_id("19800101", 1)))
    html = response.content.decode()
    assert "张伟" not in html and "其他社区" in html
    assert Person.objects.count() == 1


def test_a_stale_edit_is_refused_and_the_input_kept(as_user, worker, north, north_person):
    Person.objects.filter(pk=north_person.pk).update(version=2, title="别人改的")
    response = as_user(worker).post(reverse("org:person_edit", args=[north_person.pk]),
                                    _form(north, name="张伟", title="我的修改", version=1))
    html = response.content.decode()
    assert "有人在您打开之后修改了这条记录" in html and 'value="我的修改"' in html
    north_person.refresh_from_db()
    assert north_person.title == "别人改的"


def test_editing_keeps_the_stored_id_when_the_field_is_left_empty(as_user, worker, north,
                                                                  north_person):
    response = as_user(worker).post(reverse("org:person_edit", args=[north_person.pk]),
                                    _form(north, name="张伟", title="专干", version=1))
    assert response.status_code == 302
    north_person.refresh_from_db()
    assert north_person.title == "专干" and north_person.id_masked.startswith("420102")


def test_the_leader_sees_no_edit_button_and_gets_403_on_post(as_user, leader, north,
                                                             north_person):
    client = as_user(leader)
    html = client.get(reverse("org:person_detail", args=[north_person.pk])).content.decode()
    assert reverse("org:person_edit", args=[north_person.pk]) not in html
    response = client.post(reverse("org:person_edit", args=[north_person.pk]),
                           _form(north, name="改名", version=1))
    assert response.status_code == 403
    north_person.refresh_from_db()
    assert north_person.name == "张伟"


def test_an_outsider_cannot_edit_and_nothing_changes(as_user, outsider, north, north_person):
    response = as_user(outsider).post(reverse("org:person_edit", args=[north_person.pk]),
                                      _form(north, name="改名", version=1))
    assert response.status_code == 404
    north_person.refresh_from_db()
    assert north_person.name == "张伟" and not Entry.objects.filter(action="update").exists()


def test_show_full_returns_the_value_and_writes_an_unmask_entry(as_user, worker, north_person):
    client = as_user(worker)
    html = client.get(reverse("org:person_detail", args=[north_person.pk])).content.decode()
    assert "hx-post" in html and "显示完整" in html
    response = client.post(reverse("org:person_unmask", args=[north_person.pk, "id_number"]),
                           HTTP_HX_REQUEST="true")
    assert valid_id("19800101", 1) in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    entry = Entry.objects.get(action="unmask")
    assert (entry.actor_name, entry.detail) == ("worker", "id_number")


def test_show_full_is_refused_to_a_mediator(as_user, mediator, north_person):
    client = as_user(mediator)
    html = client.get(reverse("org:person_detail", args=[north_person.pk])).content.decode()
    assert "显示完整" not in html
    response = client.post(reverse("org:person_unmask", args=[north_person.pk, "mobile"]))
    assert response.status_code == 403
    assert "13912345678" not in response.content.decode()


def test_the_csv_export_is_masked_and_audited(as_user, street_staff, north_person, south_person):
    response = as_user(street_staff).get(reverse("org:people_export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][5] == "身份证号码" and len(rows) == 3
    assert "139****5678" in text and "13912345678" not in text
    entry = Entry.objects.get(action="export")
    assert entry.object_type == "org.person" and "(2)" in entry.object_repr


def test_the_xlsx_export_respects_the_scope(as_user, worker, north_person, south_person):
    response = as_user(worker).get(reverse("org:people_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["张伟"]
    assert Entry.objects.filter(action="export").count() == 1


def test_duty_slots_are_added_and_removed_on_the_person_page(as_user, worker, north,
                                                             north_person):
    client = as_user(worker)
    response = client.post(reverse("org:duty_slot_add", args=[north_person.pk]),
                           {"weekday": 2, "start": "09:00", "end": "12:00", "community": north.pk})
    assert response.status_code == 302
    slot = north_person.duty_slots.get()
    html = client.get(reverse("org:person_detail", args=[north_person.pk])).content.decode()
    assert "09:00" in html and "星期三" in html
    bad = client.post(reverse("org:duty_slot_add", args=[north_person.pk]),
                      {"weekday": 2, "start": "11:00", "end": "13:00", "community": north.pk})
    assert bad.status_code == 422
    client.post(reverse("org:duty_slot_delete", args=[slot.pk]))
    assert not north_person.duty_slots.exists()


def test_an_empty_field_on_edit_keeps_the_stored_value(as_user, worker, north, north_person):
    response = as_user(worker).post(reverse("org:person_edit", args=[north_person.pk]),
                                    _form(north, name="张伟", version=north_person.version))
    assert response.status_code == 302
    north_person.refresh_from_db()
    assert north_person.mobile_masked == "139****5678" and north_person.id_hash


def test_the_stored_mobile_and_id_number_can_be_removed(as_user, worker, north, north_person):
    client = as_user(worker)
    url = reverse("org:person_edit", args=[north_person.pk])
    html = client.get(url).content.decode()
    assert 'name="clear_id_number"' in html and 'name="clear_mobile"' in html
    response = client.post(url, _form(north, name="张伟", version=north_person.version,
                                      clear_mobile="on"))
    assert response.status_code == 302
    north_person.refresh_from_db()
    assert (north_person.mobile_enc, north_person.mobile_hash, north_person.mobile_masked) == (
        "", "", "")
    assert north_person.id_hash  # the other one is kept
    entry = Entry.objects.filter(action="update").latest("pk")
    assert "mobile" in entry.changes
    assert "13912345678" not in str(entry.changes)  # the log says "changed", not the value
    html = client.get(url).content.decode()
    assert 'name="clear_mobile"' not in html  # nothing left to remove


def test_a_new_value_and_remove_together_are_refused(as_user, worker, north, north_person):
    response = as_user(worker).post(
        reverse("org:person_edit", args=[north_person.pk]),
        _form(north, name="张伟", version=north_person.version, mobile="13612345678",
              clear_mobile="on"))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_mobile_error"' in html
    north_person.refresh_from_db()
    assert north_person.mobile_masked == "139****5678"
