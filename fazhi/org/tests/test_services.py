import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.audit.models import Entry
from fazhi.core.conflicts import StaleVersion
from fazhi.core.crypto import decrypt, lookup_hash
from fazhi.core.tests.samples import PDF
from fazhi.org import services
from fazhi.org.models import Agreement, DutySlot, Person, Region, Unit

from .conftest import valid_id


def test_person_create_encrypts_hashes_and_masks_the_id_and_mobile(worker, north):
    number = valid_id("19751231", 7)
    person = services.person_create(actor=worker, name="王芳", kind=Person.Kind.LAW_SAVVY,
                                    community=north, id_number=number.lower(),
                                    mobile="139-1234-5678")
    person.refresh_from_db()
    assert number not in person.id_enc and decrypt(person.id_enc) == number
    assert person.id_hash == lookup_hash(number)
    assert person.id_masked == number[:6] + "********" + number[-4:]
    assert person.mobile_masked == "139****5678"
    assert decrypt(person.mobile_enc) == "13912345678"
    entry = Entry.objects.get(action="create", object_type="org.person")
    assert entry.changes["id_number"] == "[changed]" and entry.changes["name"] == [None, "王芳"]


@pytest.mark.parametrize(("value", "code"), [
    ("4201021980", "id_length"),
    ("42010219800101123Y", "id_format"),
    ("420102198013011234", "id_birth_date"),
])
def test_person_create_rejects_each_kind_of_bad_id_number(worker, north, value, code):
    with pytest.raises(ValidationError) as caught:
        services.person_create(actor=worker, name="王芳", kind=Person.Kind.LAW_SAVVY,
                               community=north, id_number=value)
    assert caught.value.error_dict["id_number"][0].code == code
    assert not Person.objects.exists()


def test_person_create_rejects_a_wrong_check_digit(worker, north):
    good = valid_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        services.person_create(actor=worker, name="王芳", kind=Person.Kind.LAW_SAVVY,
                               community=north, id_number=bad)
    assert caught.value.error_dict["id_number"][0].code == "id_checksum"


def test_a_second_person_with_the_same_id_points_to_the_first(worker, north, north_person):
    with pytest.raises(services.DuplicatePerson) as caught:
        services.person_create(actor=worker, name="张伟二", kind=Person.Kind.LAW_SAVVY,
                               community=north, id_number=valid_id("19800101", 1))
    assert caught.value.existing_id == north_person.pk
    assert Person.objects.count() == 1


def test_a_stale_version_raises_a_conflict_and_changes_nothing(worker, north_person):
    services.person_update(actor=worker, person=north_person, expected_version=1, title="专干")
    with pytest.raises(StaleVersion):
        services.person_update(actor=worker, person=north_person, expected_version=1,
                               title="覆盖")
    north_person.refresh_from_db()
    assert (north_person.title, north_person.version) == ("专干", 2)
    assert Entry.objects.filter(action="update").get().changes == {"title": ["", "专干"]}


def test_a_community_worker_cannot_edit_another_communitys_person(outsider, north_person):
    with pytest.raises(PermissionDenied):
        services.person_update(actor=outsider, person=north_person, expected_version=1,
                               title="x")
    north_person.refresh_from_db()
    assert north_person.title == "" and not Entry.objects.filter(action="update").exists()


def test_a_community_worker_cannot_edit_street_level_units(worker, justice_office):
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=worker, unit=justice_office, expected_version=1, name="x")


def test_the_leader_writes_nothing(leader, north):
    with pytest.raises(PermissionDenied):
        services.person_create(actor=leader, name="x", kind=Person.Kind.STAFF, community=north)


def test_unmask_returns_the_plain_value_and_is_audited(worker, north_person):
    value = services.person_unmask(actor=worker, person=north_person, field="mobile", ip="10.0.0.1")
    assert value == "13912345678"
    entry = Entry.objects.get(action="unmask")
    assert (entry.object_id, entry.detail, entry.success) == (str(north_person.pk), "mobile", True)


def test_unmask_is_refused_and_the_attempt_recorded_for_roles_without_the_right(
        mediator, north_person):
    with pytest.raises(PermissionDenied):
        services.person_unmask(actor=mediator, person=north_person, field="id_number")
    assert Entry.objects.get(action="unmask").success is False


@pytest.mark.parametrize(("phone", "ok"), [
    ("027-82812345", True), ("82812345", True), ("13912345678", True),
    ("12912345678", False), ("hello", False), ("027-123", False),
])
def test_unit_contact_phone_accepts_mobiles_and_landlines(street_staff, subdistrict, phone, ok):
    if ok:
        unit = services.unit_create(actor=street_staff, region=subdistrict, name="派出所",
                                    kind=Unit.Kind.POLICE_STATION, contact_phone=phone)
        assert unit.contact_phone
    else:
        with pytest.raises(ValidationError) as caught:
            services.unit_create(actor=street_staff, region=subdistrict, name="派出所",
                                 kind=Unit.Kind.POLICE_STATION, contact_phone=phone)
        assert "contact_phone" in caught.value.error_dict


def test_unit_update_records_the_changed_fields(street_staff, justice_office):
    services.unit_update(actor=street_staff, unit=justice_office, expected_version=1,
                         contact_name="赵敏", name="西马司法所")
    entry = Entry.objects.get(action="update")
    assert entry.changes == {"contact_name": ["", "赵敏"]}


def test_region_writes_are_for_street_staff_only(street_staff, worker, north):
    grid = services.region_create(actor=street_staff, name="第一网格", level=Region.Level.GRID,
                                  code="XM-JHBL-G1", parent=north)
    assert grid.community_pk == north.pk
    with pytest.raises(PermissionDenied):
        services.region_create(actor=worker, name="第二网格", level=Region.Level.GRID,
                               code="XM-JHBL-G2", parent=north)


def test_agreement_term_order_is_checked_with_a_clear_message(street_staff, south,
                                                              south_company):
    with pytest.raises(ValidationError) as caught:
        services.agreement_create(actor=street_staff, region=south, parties=[south_company],
                                  title="协议", signed_on=dt.date(2026, 1, 1),
                                  starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 2, 1))
    assert "2026-02-01" in caught.value.message_dict["ends_on"][0]
    assert not Agreement.objects.exists()


def test_agreement_document_must_be_a_small_pdf_jpg_or_png(street_staff, south, south_company,
                                                           settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)}}}
    base = {"actor": street_staff, "region": south, "parties": [south_company],
            "signed_on": dt.date(2026, 1, 1), "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2026, 12, 31)}
    for name, content in [("a.exe", PDF), ("a.pdf", b"MZ not a pdf")]:
        with pytest.raises(ValidationError) as caught:
            services.agreement_create(title=name, document=SimpleUploadedFile(name, content),
                                      **base)
        assert "document" in caught.value.message_dict
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * services.MAX_DOCUMENT_BYTES)
    with pytest.raises(ValidationError):
        services.agreement_create(title="big", document=big, **base)
    agreement = services.agreement_create(title="ok", document=SimpleUploadedFile("scan.pdf", PDF),
                                          **base)
    assert agreement.document.name.startswith("agreements/")
    assert (tmp_path / agreement.document.name).read_bytes() == PDF


def test_agreement_update_records_party_changes(street_staff, south_agreement, justice_office):
    services.agreement_update(actor=street_staff, agreement=south_agreement, expected_version=1,
                              parties=[justice_office])
    entry = Entry.objects.get(action="update")
    assert entry.changes["parties"][1] == [justice_office.pk]


def test_duty_slots_must_not_overlap(street_staff, north, north_person):
    services.duty_slot_create(actor=street_staff, person=north_person, community=north,
                              weekday=1, start=dt.time(9), end=dt.time(12))
    with pytest.raises(ValidationError):
        services.duty_slot_create(actor=street_staff, person=north_person, community=north,
                                  weekday=1, start=dt.time(11), end=dt.time(13))
    with pytest.raises(ValidationError):
        services.duty_slot_create(actor=street_staff, person=north_person, community=north,
                                  weekday=2, start=dt.time(13), end=dt.time(12))
    assert DutySlot.objects.count() == 1
