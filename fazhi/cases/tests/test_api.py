import pytest

from fazhi.cases.models import Case, State

from .factories import make_case

pytestmark = pytest.mark.django_db

HOTLINE = {
    "kind": "appeal", "channel": "hotline", "hotline_number": "12345-2026-0001",
    "category": "utilities", "title": "停水", "description": "小区停水三天无人处理",
    "parties": [{"role": "applicant", "name": "张三", "mobile": "13912345678"}],
}


def test_a_hotline_retry_with_the_same_key_returns_the_same_case(as_user, street_staff, north):
    client = as_user(street_staff)
    first = client.post("/api/v1/cases/", {**HOTLINE, "community_id": north.pk},
                        content_type="application/json", HTTP_IDEMPOTENCY_KEY="wo-1")
    again = client.post("/api/v1/cases/", {**HOTLINE, "community_id": north.pk},
                        content_type="application/json", HTTP_IDEMPOTENCY_KEY="wo-1")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert Case.objects.count() == 1
    assert first.json()["number"].startswith("XM-")


def test_an_invalid_mobile_gets_a_422_with_the_field(as_user, street_staff):
    bad = {**HOTLINE, "parties": [{"name": "张三", "mobile": "12345"}]}
    response = as_user(street_staff).post("/api/v1/cases/", bad,
                                          content_type="application/json")
    assert response.status_code == 422
    assert "parties.0.mobile" in response.json()["detail"]
    assert not Case.objects.exists()


def test_transitions_return_409_when_illegal_or_stale(as_user, worker, north):
    case = make_case(worker, north)
    client = as_user(worker)
    url = f"/api/v1/cases/{case.pk}/transitions/"
    assert client.post(url + "close", {"version": 1},
                       content_type="application/json").status_code == 409
    ok = client.post(url + "accept", {"version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["state"] == "accepted"
    stale = client.post(url + "escalate", {"version": 1, "reason": "x"},
                        content_type="application/json")
    assert stale.status_code == 409
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_an_outsider_gets_404_and_nothing_changes(as_user, worker, outsider, north):
    case = make_case(worker, north)
    client = as_user(outsider)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.post(f"/api/v1/cases/{case.pk}/transitions/accept", {"version": 1},
                       content_type="application/json").status_code == 404
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_queues_and_events_through_the_api(as_user, worker, street_staff, north):
    case = make_case(worker, north)
    client = as_user(street_staff)
    listed = client.get("/api/v1/cases/", {"queue": "unassigned"}).json()
    assert [c["id"] for c in listed["items"]] == [case.pk]
    added = client.post(f"/api/v1/cases/{case.pk}/transitions/note",
                        {"text": "已电话联系", "public": True}, content_type="application/json")
    assert added.status_code == 201
    assert client.get(f"/api/v1/cases/{case.pk}/events").json()[-1]["text"] == "已电话联系"


def test_a_200000_character_note_is_a_422_naming_the_field(as_user, worker, north):
    case = make_case(worker, north)
    before = case.events.count()
    response = as_user(worker).post(f"/api/v1/cases/{case.pk}/transitions/note",
                                    {"text": "注" * 200_000}, content_type="application/json")
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["text"]
    assert case.events.count() == before


def test_a_description_over_its_limit_is_a_422_naming_the_field(as_user, street_staff, north):
    long = {**HOTLINE, "community_id": north.pk, "description": "漏" * 5001}
    response = as_user(street_staff).post("/api/v1/cases/", long,
                                          content_type="application/json")
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["description"]
    assert not Case.objects.exists()


def test_more_parties_than_the_limit_are_refused_by_the_api(as_user, street_staff, north):
    crowd = [{"role": "applicant", "name": f"张{i}"} for i in range(Case.MAX_PARTIES + 1)]
    response = as_user(street_staff).post(
        "/api/v1/cases/", {**HOTLINE, "community_id": north.pk, "parties": crowd},
        content_type="application/json")
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["parties"]
    assert not Case.objects.exists()


def test_the_openapi_document_shows_the_limits_declared_on_the_models(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["CaseIn"]["properties"]["description"]["maxLength"] == 5000
    assert schemas["CaseIn"]["properties"]["parties"]["maxItems"] == Case.MAX_PARTIES
    assert schemas["NoteIn"]["properties"]["text"]["maxLength"] == 5000
