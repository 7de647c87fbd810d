import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.core.tests.samples import PDF
from fazhi.org.models import Agreement


def _form(region, parties, **extra):
    data = {"title": "金门社区共驻共建协议", "kind": Agreement.Kind.CO_BUILDING,
            "region": region.pk, "parties": [p.pk for p in parties], "signed_on": "2026-01-02",
            "starts_on": "2026-01-05", "ends_on": "2027-01-04", "note": ""}
    data.update(extra)
    return data


@time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
def test_the_list_filters_agreements_ending_soon(as_user, street_staff, south_agreement, south,
                                                 south_company):
    Agreement.objects.create(title="远期协议", region=south, signed_on=dt.date(2026, 1, 1),
                             starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2028, 1, 1))
    client = as_user(street_staff)
    html = client.get(reverse("org:agreements")).content.decode()
    assert "远期协议" in html and "高雄社区共驻共建协议" in html
    html = client.get(reverse("org:agreements"), {"ending": "on"}).content.decode()
    assert "远期协议" not in html and "高雄社区共驻共建协议" in html


def test_the_agreement_list_query_count_does_not_grow_with_the_page_size(as_user, street_staff,
                                                                         south, south_company):
    for i in range(60):
        a = Agreement.objects.create(title=f"协议{i}", region=south, signed_on=dt.date(2026, 1, 1),
                                     starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2027, 1, 1))
        a.parties.set([south_company])
    client = as_user(street_staff)
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("org:agreements"), {"per_page": per_page}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_worker_of_another_community_gets_404(as_user, worker, south_agreement):
    client = as_user(worker)
    assert client.get(reverse("org:agreement_detail", args=[south_agreement.pk])).status_code == 404
    assert "高雄社区共驻共建协议" not in client.get(reverse("org:agreements")).content.decode()


def test_creating_an_agreement_with_a_document_and_downloading_it_is_audited(
        as_user, street_staff, worker2_like, south, south_company, private_storage):
    client = as_user(street_staff)
    response = client.post(reverse("org:agreement_create"), {
        **_form(south, [south_company]), "document": SimpleUploadedFile("scan.pdf", PDF)})
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and agreement.document
    detail = client.get(reverse("org:agreement_detail", args=[agreement.pk])).content.decode()
    assert "scan" in detail
    download = as_user(worker2_like).get(reverse("org:agreement_document", args=[agreement.pk]))
    assert b"".join(download.streaming_content) == PDF
    entry = Entry.objects.get(action="view", object_type="org.agreement")
    assert entry.actor_name == "worker2" and "scan" in entry.detail


def test_the_document_download_is_404_outside_the_scope(as_user, worker, south_agreement):
    response = as_user(worker).get(reverse("org:agreement_document", args=[south_agreement.pk]))
    assert response.status_code == 404
    assert not Entry.objects.filter(action="view").exists()


def test_a_term_ending_before_it_starts_is_shown_beside_the_field(as_user, street_staff, south,
                                                                  south_company):
    response = as_user(street_staff).post(reverse("org:agreement_create"), _form(
        south, [south_company], starts_on="2026-05-01", ends_on="2026-04-01"))
    html = response.content.decode()
    assert 'id="id_ends_on_error"' in html and "不能早于开始日期" in html
    assert not Agreement.objects.exists()


def test_a_wrong_file_type_is_refused(as_user, street_staff, south, south_company,
                                      private_storage):
    response = as_user(street_staff).post(reverse("org:agreement_create"), {
        **_form(south, [south_company]), "document": SimpleUploadedFile("scan.docx", b"PK..")})
    assert "请上传 PDF、JPG 或 PNG 文件" in response.content.decode()
    assert not Agreement.objects.exists()


def test_editing_with_a_stale_version_keeps_the_input(as_user, street_staff, south,
                                                      south_company, south_agreement):
    Agreement.objects.filter(pk=south_agreement.pk).update(version=5)
    response = as_user(street_staff).post(
        reverse("org:agreement_edit", args=[south_agreement.pk]),
        _form(south, [south_company], title="我的标题", version=1))
    html = response.content.decode()
    assert "有人在您打开之后修改了这条记录" in html and 'value="我的标题"' in html
    south_agreement.refresh_from_db()
    assert south_agreement.title == "高雄社区共驻共建协议"


def test_the_leader_cannot_post_an_agreement(as_user, leader, south, south_company):
    response = as_user(leader).post(reverse("org:agreement_create"),
                                    _form(south, [south_company]))
    assert response.status_code == 403 and not Agreement.objects.exists()
