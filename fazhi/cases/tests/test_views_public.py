import pytest
from django.test import Client
from django.urls import reverse

from fazhi.cases import services
from fazhi.cases.models import Case, Category, Event
from fazhi.core.textlimits import text_limit

from .factories import make_case

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {"kind": "dispute", "category": Category.objects.get(code="neighbour").pk,
            "title": "楼上漏水", "description": "楼上漏水到我家厨房", "name": "张三",
            "mobile": "139 1234 5678", "other_party": "李四", "token": "web-token-1",
            "website": ""}
    data.update(extra)
    return data


def test_a_resident_sends_a_matter_and_gets_a_tracking_code(client, subdistrict):
    response = client.post(reverse("appeal:new"), _form())
    case = Case.objects.get()
    assert response.status_code == 200 and case.tracking_code in response.content.decode()
    assert case.channel == "online" and case.parties.count() == 2


def test_a_double_submit_of_the_public_form_makes_one_case(client, subdistrict):
    client.post(reverse("appeal:new"), _form())
    client.post(reverse("appeal:new"), _form())
    assert Case.objects.count() == 1


def test_the_honeypot_saves_nothing(client, subdistrict):
    client.post(reverse("appeal:new"), _form(website="http://spam"))
    assert not Case.objects.exists()


def test_a_bad_mobile_is_explained_beside_the_field(client, subdistrict):
    response = client.post(reverse("appeal:new"), _form(mobile="1234"))
    assert 'id="id_mobile_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_the_rate_limit_stops_a_flood_from_one_mobile(client, subdistrict):
    statuses = [client.post(reverse("appeal:new"), _form(token=f"t{i}")).status_code
                for i in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    assert Case.objects.count() == 5


def test_tracking_shows_public_replies_but_never_internal_notes(client, worker, north):
    case = make_case(worker, north)
    services.case_note_add(actor=worker, case=case, text="内部：当事人情绪激动", public=False)
    services.case_note_add(actor=worker, case=case, text="已联系物业上门查看", public=True)
    wrong = client.post(reverse("appeal:track"), {"code": case.tracking_code, "last4": "0000"})
    assert "已联系物业" not in wrong.content.decode()
    response = client.post(reverse("appeal:track"), {"code": case.tracking_code,
                                                     "last4": "5678"})
    body = response.content.decode()
    assert "已联系物业上门查看" in body and "内部" not in body


def test_a_resident_adds_information_and_rates_a_concluded_matter(client, worker, north):
    case = make_case(worker, north)
    client.post(reverse("appeal:track"), {"code": case.tracking_code, "last4": "5678"})
    client.post(reverse("appeal:track"), {"text": "补充：漏水照片已拍"})
    assert Event.objects.filter(case=case, action="resident", public=True).exists()
    services.case_accept(actor=worker, case=case, expected_version=1)
    case.refresh_from_db()
    services.case_conclude(actor=worker, case=case, expected_version=case.version,
                           outcome="resolved", summary="已维修")
    client.post(reverse("appeal:track"), {"satisfaction": "satisfied"})
    case.refresh_from_db()
    assert case.satisfaction == "satisfied"


def test_a_description_over_its_limit_is_refused_beside_the_field_and_nothing_is_saved(
        client, subdistrict):
    limit = text_limit(Case, "description")
    assert limit == 5000
    page = client.get(reverse("appeal:new")).content.decode()
    assert f'maxlength="{limit}"' in page
    response = client.post(reverse("appeal:new"), _form(description="漏" * 100_000))
    assert response.status_code == 200
    assert 'id="id_description_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_a_description_at_its_limit_is_accepted(client, subdistrict):
    client.post(reverse("appeal:new"), _form(description="漏" * 5000))
    assert len(Case.objects.get().description) == 5000


def test_tracking_tries_are_limited_per_code_from_any_address(worker, north):
    case = make_case(worker, north)
    other = make_case(worker, north)
    tries = [Client().post(reverse("appeal:track"), {"code": code, "last4": f"{i:04d}"},
                           REMOTE_ADDR=f"10.0.{i}.1").status_code
             for i, code in enumerate([case.tracking_code, case.tracking_code.lower(),
                                       f" {case.tracking_code} "] * 4)]
    assert tries == [200] * 10 + [429] * 2
    resident = Client()
    right = resident.post(reverse("appeal:track"), {"code": case.tracking_code, "last4": "5678"},
                          REMOTE_ADDR="10.9.9.9")
    assert right.status_code == 429 and "fz_tracked" not in resident.session
    assert Client().post(reverse("appeal:track"), {"code": other.tracking_code, "last4": "5678"},
                         REMOTE_ADDR="10.9.9.9").status_code == 200
