import json

from fazhi.audit.models import Entry
from fazhi.org.models import Agreement, Person, Unit

from .conftest import valid_id

API = "/api/v1/org"


def _post(client, path, data):
    return client.post(API + path, json.dumps(data), content_type="application/json")


def _patch(client, path, data):
    return client.patch(API + path, json.dumps(data), content_type="application/json")


def test_people_are_listed_masked_and_scoped_with_pagination(as_user, worker, north_person,
                                                             south_person):
    response = as_user(worker).get(API + "/people", {"limit": 10})
    body = response.json()
    assert response.status_code == 200 and body["count"] == 1
    item = body["items"][0]
    assert item["mobile_masked"] == "139****5678" and "mobile" not in item
    assert "13912345678" not in response.content.decode()


def test_people_search_by_id_number(as_user, street_staff, north_person, south_person):
    body = as_user(street_staff).get(API + "/people", {"q": valid_id("19900202", 2)}).json()
    assert [p["name"] for p in body["items"]] == ["李娜"]


def test_a_person_outside_the_scope_is_404(as_user, outsider, north_person):
    client = as_user(outsider)
    assert client.get(f"{API}/people/{north_person.pk}").status_code == 404
    response = _patch(client, f"/people/{north_person.pk}", {"version": 1, "name": "改名"})
    assert response.status_code == 404
    north_person.refresh_from_db()
    assert north_person.name == "张伟"


def test_administration_roles_get_403(as_user, auditor):
    assert as_user(auditor).get(API + "/people").status_code == 403
    assert as_user(auditor).get(API + "/units").status_code == 403


def test_creating_a_person_with_a_bad_id_is_422_with_the_field_message(as_user, worker, north):
    response = _post(as_user(worker), "/people", {
        "name": "王芳", "kind": "law_savvy", "community_id": north.pk, "id_number": "12345"})
    assert response.status_code == 422
    assert response.json()["errors"]["id_number"] == ["身份证号码应为 18 位，您输入了 5 位。"]
    assert not Person.objects.exists()


def test_a_duplicate_id_is_409_with_the_existing_id(as_user, worker, north, north_person):
    response = _post(as_user(worker), "/people", {
        "name": "张伟", "kind": "law_savvy", "community_id": north.pk,
        "id_number": valid_id("19800101", 1)})
    assert response.status_code == 409
    assert response.json()["existing_id"] == north_person.pk
    assert Person.objects.count() == 1


def test_create_and_update_a_person_then_a_stale_version_is_409(as_user, worker, north):
    client = as_user(worker)
    created = _post(client, "/people", {"name": "王芳", "kind": "law_savvy",
                                        "community_id": north.pk, "mobile": "13612345678"})
    assert created.status_code == 201
    pk = created.json()["id"]
    updated = _patch(client, f"/people/{pk}", {"version": 1, "title": "法律明白人"})
    assert updated.status_code == 200 and updated.json()["version"] == 2
    stale = _patch(client, f"/people/{pk}", {"version": 1, "title": "覆盖"})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert Person.objects.get().title == "法律明白人"


def test_unmask_over_the_api_is_audited_and_refused_to_mediators(as_user, worker, mediator,
                                                                 north_person):
    response = _post(as_user(worker), f"/people/{north_person.pk}/unmask/mobile", {})
    assert response.status_code == 200 and response.json()["value"] == "13912345678"
    refused = _post(as_user(mediator), f"/people/{north_person.pk}/unmask/mobile", {})
    assert refused.status_code == 403
    assert list(Entry.objects.filter(action="unmask").order_by("id")
                .values_list("actor_name", "success")) == [("worker", True), ("mediator", False)]


def test_units_create_update_and_referenced_ids_outside_the_scope(as_user, worker, north, south):
    client = as_user(worker)
    outside = _post(client, "/units", {"name": "某公司", "kind": "enterprise",
                                       "region_id": south.pk})
    assert outside.status_code == 422 and "region_id" in outside.json()["errors"]
    created = _post(client, "/units", {"name": "某公司", "kind": "enterprise",
                                       "region_id": north.pk, "contact_phone": "027-82812345"})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert _patch(client, f"/units/{pk}", {"version": 1, "active": False}).status_code == 200
    assert Unit.objects.get().active is False
    assert client.get(f"{API}/units/{pk}").json()["version"] == 2


def test_the_leader_reads_but_cannot_write(as_user, leader, north, north_workroom):
    client = as_user(leader)
    assert client.get(API + "/units").json()["count"] == 1
    response = _post(client, "/units", {"name": "x", "kind": "enterprise", "region_id": north.pk})
    assert response.status_code == 403 and Unit.objects.count() == 1


def test_agreements_round_trip_with_term_validation(as_user, street_staff, south, south_company):
    client = as_user(street_staff)
    base = {"title": "共建协议", "region_id": south.pk, "party_ids": [south_company.pk],
            "signed_on": "2026-01-01", "starts_on": "2026-02-01"}
    bad = _post(client, "/agreements", {**base, "ends_on": "2026-01-15"})
    assert bad.status_code == 422 and "ends_on" in bad.json()["errors"]
    created = _post(client, "/agreements", {**base, "ends_on": "2027-01-31"})
    assert created.status_code == 201 and created.json()["party_ids"] == [south_company.pk]
    pk = created.json()["id"]
    assert client.get(f"{API}/agreements/{pk}").json()["has_document"] is False
    assert client.get(API + "/agreements", {"ending_within": 30}).json()["count"] == 0


def test_regions_are_scoped(as_user, worker, north, south):
    names = [r["name"] for r in as_user(worker).get(API + "/regions").json()["items"]]
    assert "江汉北路社区" in names and "高雄社区" not in names


def test_a_scanned_document_is_attached_over_the_api(as_user, street_staff, worker,
                                                     south_agreement, private_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.tests.samples import PDF

    url = f"{API}/agreements/{south_agreement.pk}/document?version=1"
    refused = as_user(worker).post(url, {"document": SimpleUploadedFile("a.pdf", PDF)})
    assert refused.status_code == 404
    client = as_user(street_staff)
    bad = client.post(url, {"document": SimpleUploadedFile("a.pdf", b"not a pdf")})
    assert bad.status_code == 422 and "document" in bad.json()["errors"]
    ok = client.post(url, {"document": SimpleUploadedFile("a.pdf", PDF)})
    assert ok.status_code == 200 and ok.json()["has_document"] is True
    south_agreement.refresh_from_db()
    assert (private_storage / south_agreement.document.name).read_bytes() == PDF


def test_a_patch_null_keeps_a_field_and_an_empty_string_clears_it(as_user, worker, north_person):
    client = as_user(worker)
    kept = _patch(client, f"/people/{north_person.pk}",
                  {"version": 1, "mobile": None, "title": None, "name": None})
    assert kept.status_code == 200 and kept.json()["mobile_masked"] == "139****5678"
    cleared = _patch(client, f"/people/{north_person.pk}", {"version": 2, "mobile": ""})
    assert cleared.status_code == 200 and cleared.json()["mobile_masked"] == ""
    assert cleared.json()["id_masked"] == north_person.id_masked
    unlinked = _patch(client, f"/people/{north_person.pk}", {"version": 3, "unit_id": None})
    assert unlinked.status_code == 200 and unlinked.json()["unit_id"] is None


def test_an_agreement_with_more_parties_than_the_limit_is_a_422(as_user, street_staff, south,
                                                                 south_company):
    base = {"title": "共建协议", "region_id": south.pk, "signed_on": "2026-01-01",
            "starts_on": "2026-02-01", "ends_on": "2027-01-31",
            "party_ids": [south_company.pk] * (Agreement.MAX_PARTIES + 1)}
    response = _post(as_user(street_staff), "/agreements", base)
    assert response.status_code == 422
    assert not Agreement.objects.exists()


def test_a_person_note_over_its_limit_is_a_422_naming_the_field(as_user, worker, north):
    response = _post(as_user(worker), "/people", {"name": "王五", "kind": "law_savvy",
                                                  "community_id": north.pk, "note": "x" * 2001})
    assert response.status_code == 422
    assert not Person.objects.exists()


def test_an_agreement_dated_outside_the_plausible_range_is_a_422_naming_the_field(
        as_user, street_staff, south, south_company):
    from fazhi.org.models import Agreement

    base = {"title": "共建协议", "region_id": south.pk, "party_ids": [south_company.pk],
            "signed_on": "2026-01-01", "starts_on": "2026-02-01", "ends_on": "2027-01-31"}
    for field, value in (("signed_on", "1900-01-01"), ("ends_on", "9999-12-31")):
        response = _post(as_user(street_staff), "/agreements", {**base, field: value})
        assert response.status_code == 422 and field in response.content.decode()
    assert not Agreement.objects.exists()
