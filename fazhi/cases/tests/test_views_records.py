"""Files and personal data of a case: attachments, the authorisation scan, unmasking, and two
staff saving the same form."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.cases.models import Attachment, Authorisation, Case, State
from fazhi.core.tests.samples import GENUINE, PDF

from .factories import ID_NUMBER, MOBILE, make_case

pytestmark = pytest.mark.django_db


def _stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def _attach(client, case, upload):
    return client.post(reverse("cases:action", args=[case.pk, "attachment"]),
                       {"file": upload, "doc_type": "证据"})


def test_a_worker_attaches_a_pdf_and_an_outsider_cannot_download_it(as_user, worker, outsider,
                                                                     north, private_storage):
    case = make_case(worker, north)
    response = _attach(as_user(worker), case, SimpleUploadedFile("现场照片.pdf", PDF))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    url = reverse("cases:attachment", args=[case.pk, attachment.pk])
    assert as_user(outsider).get(url).status_code == 404
    assert not Entry.objects.filter(action="view", object_type="cases.attachment").exists()
    download = as_user(worker).get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert Entry.objects.filter(action="view", object_type="cases.attachment").count() == 1


def test_an_oversize_attachment_is_refused_beside_the_field_and_nothing_is_saved(
        as_user, worker, north, private_storage):
    case = make_case(worker, north)
    big = SimpleUploadedFile("卷宗.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = _attach(as_user(worker), case, big)
    assert response.status_code == 422
    body = response.content.decode()
    assert "上限为 10 MB" in body
    assert 'id="id_file_error"' in body
    assert not Attachment.objects.exists() and _stored(private_storage) == []


@pytest.mark.parametrize("ext", sorted(GENUINE))
def test_a_genuine_file_of_each_accepted_type_is_attached(as_user, worker, north, private_storage,
                                                           ext):
    case = make_case(worker, north)
    response = _attach(as_user(worker), case, SimpleUploadedFile("证据" + ext, GENUINE[ext]))
    assert response.status_code == 302
    assert Attachment.objects.get().size == len(GENUINE[ext])


@pytest.mark.parametrize(("name", "content", "message"), [
    ("脚本.exe", b"MZ\x90\x00", "允许的类型：PDF"),
    ("假装.pdf", b"MZ\x90\x00not a pdf", "文件内容与其类型不符"),
    ("假装.pdf", b"%PDF<html><script>alert(1)</script></html>", "文件内容与其类型不符"),
    ("录音.mp3", b"MZ\x90\x00" + b"\x00" * 600, "文件内容与其类型不符"),
    ("录音.m4a", b"\x00\x00\x00\x10ftypM4A <html>", "文件内容与其类型不符"),
    ("照片.jpg", b"\xff\xd8\xff\xe0<script>alert(1)</script>", "文件内容与其类型不符"),
    ("照片.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "文件内容与其类型不符"),
    ("笔录.docx", b"PK\x03\x04<html>", "文件内容与其类型不符"),
])
def test_a_disallowed_attachment_is_refused_and_nothing_is_saved(as_user, worker, north,
                                                                 private_storage, name, content,
                                                                 message):
    case = make_case(worker, north)
    response = _attach(as_user(worker), case, SimpleUploadedFile(name, content))
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body and 'id="id_file_error"' in body
    assert not Attachment.objects.exists() and _stored(private_storage) == []


def _authorise(client, case, **extra):
    today = dt.date.today()
    data = {"party": case.parties.get(role="applicant").pk, "agent_name": "刘律师",
            "relation": "驻社区律师", "scope": "代为申请工伤认定",
            "valid_from": today.isoformat(),
            "valid_until": (today + dt.timedelta(days=60)).isoformat(),
            "document": SimpleUploadedFile("授权委托书.pdf", PDF)}
    data.update(extra)
    return client.post(reverse("cases:action", args=[case.pk, "authorisation"]), data)


def test_the_authorisation_scan_is_stored_and_its_download_is_checked_and_audited(
        as_user, worker, street_staff, outsider, north, private_storage):
    case = make_case(worker, north, kind="appeal", category="appeal-other")
    assert _authorise(as_user(worker), case).status_code == 302
    auth = Authorisation.objects.get()
    assert auth.document.name.endswith(".pdf") and len(_stored(private_storage)) == 1
    url = reverse("cases:authorisation_document", args=[case.pk, auth.pk])
    assert as_user(outsider).get(url).status_code == 404
    assert not Entry.objects.filter(object_type="cases.authorisation", action="view").exists()
    for user in (worker, street_staff):
        response = as_user(user).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert Entry.objects.filter(object_type="cases.authorisation", action="view").count() == 2
    page = as_user(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert url in page


def test_an_authorisation_scan_of_a_disallowed_type_saves_nothing(as_user, worker, north,
                                                                  private_storage):
    case = make_case(worker, north, kind="appeal", category="appeal-other")
    response = _authorise(as_user(worker), case,
                          document=SimpleUploadedFile("委托.exe", b"MZ\x90"))
    assert response.status_code == 422
    assert not Authorisation.objects.exists() and _stored(private_storage) == []


def test_an_authorisation_that_ends_before_it_starts_is_refused(as_user, worker, north,
                                                                private_storage):
    case = make_case(worker, north, kind="appeal", category="appeal-other")
    response = _authorise(as_user(worker), case, valid_until="2020-01-01")
    assert response.status_code == 422
    assert "授权" in response.content.decode()
    assert not Authorisation.objects.exists()


def test_unmasking_a_party_shows_the_full_numbers_and_is_audited(as_user, worker, street_staff,
                                                                 north):
    case = make_case(worker, north)
    party = case.parties.get(role="applicant")
    url = reverse("cases:unmask", args=[case.pk, party.pk])
    for user in (worker, street_staff):
        response = as_user(user).post(url)
        body = response.content.decode()
        assert response.status_code == 200 and ID_NUMBER in body and MOBILE in body
    entries = Entry.objects.filter(action="unmask", object_id=str(case.pk))
    assert entries.count() == 2 and set(entries.values_list("actor_name", flat=True)) == {
        "worker", "staff"}


def test_roles_without_unmasking_and_outsiders_see_nothing_and_leave_no_entry(
        as_user, worker, leader, mediator, outsider, north):
    case = make_case(worker, north)
    party = case.parties.get(role="applicant")
    url = reverse("cases:unmask", args=[case.pk, party.pk])
    assert as_user(leader).post(url).status_code == 403
    assert as_user(mediator).post(url).status_code == 403
    assert as_user(outsider).post(url).status_code == 404
    assert as_user(worker).get(url).status_code == 405
    assert not Entry.objects.filter(action="unmask").exists()


def test_two_staff_saving_the_same_form_the_second_is_asked_to_reload(as_user, worker,
                                                                      street_staff, north):
    case = make_case(worker, north)
    first, second = as_user(worker), as_user(street_staff)
    for client in (first, second):  # both open the page at version 1
        page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert 'name="version" value="1"' in page
    ok = first.post(reverse("cases:action", args=[case.pk, "accept"]),
                    {"version": 1, "note": "受理"})
    assert ok.status_code == 302
    late = second.post(reverse("cases:action", args=[case.pk, "accept"]),
                       {"version": 1, "note": "我也受理"})
    assert late.status_code == 409
    assert "请刷新页面" in late.content.decode()
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and case.version == 2
    assert not case.events.filter(text="我也受理").exists()


def test_a_file_beyond_the_cases_limit_is_refused_beside_the_field(
        as_user, worker, north, private_storage, monkeypatch):
    monkeypatch.setattr(Case, "MAX_ATTACHMENTS", 1)
    case = make_case(worker, north)
    assert _attach(as_user(worker), case, SimpleUploadedFile("一.pdf", PDF)).status_code == 302
    response = _attach(as_user(worker), case, SimpleUploadedFile("二.pdf", PDF))
    assert response.status_code == 422
    body = response.content.decode()
    assert "一件案件最多 1 个文件。" in body and 'id="id_file_error"' in body
    assert Attachment.objects.count() == 1
