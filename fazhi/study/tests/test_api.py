"""/api/v1/study/: the same services as the pages, refused alike (422 naming the field, 409 a
refused beat or stale version, 404 outside scope, 403 role)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import client_for
from fazhi.outreach.models import StudySession
from fazhi.study.models import Credit, Material, YearRule

pytestmark = pytest.mark.django_db


def _post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_the_sub_district_adds_and_edits_a_law_through_the_api(street_staff, cadre):
    client = client_for(street_staff)
    body = {"kind": "law", "title": "宪法", "body": "第一条 中华人民共和国……\n第二条 一切权力属于人民。",
            "credit_minutes": 30, "published": True}
    created = _post(client, "/api/v1/study/materials", body)
    assert created.status_code == 201
    pk = created.json()["id"]
    detail = client_for(cadre).get(f"/api/v1/study/materials/{pk}", {"q": "权力"}).json()
    assert [a["label"] for a in detail["articles"]] == ["第二条"]
    for field, value in (("credit_minutes", 601), ("credit_minutes", -1), ("kind", "exe"),
                         ("title", "法" * 121)):
        refused = _post(client, "/api/v1/study/materials", {**body, field: value})
        assert refused.status_code == 422 and field in refused.content.decode(), field
    twice = _post(client, "/api/v1/study/materials", body)
    assert twice.status_code == 422 and "title" in twice.content.decode()
    stale = _post(client, f"/api/v1/study/materials/{pk}", {**body, "version": 0}, "put")
    assert stale.status_code == 409
    assert _post(client, f"/api/v1/study/materials/{pk}", {**body, "version": 1},
                 "put").json()["version"] == 2
    assert _post(client_for(cadre), "/api/v1/study/materials", {**body, "title": "x"}
                 ).status_code == 403
    assert Material.objects.count() == 1


def test_a_cadres_beats_through_the_api_earn_and_a_replay_is_refused(clock, cadre, cadre2, law):
    client = client_for(cadre)
    token = client.post(f"/api/v1/study/materials/{law.pk}/visits").json()["token"]
    clock.shift(30)
    beat = _post(client, f"/api/v1/study/visits/{token}/beats", {"seq": 1, "visible": True})
    assert beat.json()["credited"] == 30
    replay = _post(client, f"/api/v1/study/visits/{token}/beats", {"seq": 1, "visible": True})
    assert (replay.status_code, replay.json()["code"]) == (409, "beat_refused")
    for seq in (0, -1, 10**20):
        assert _post(client, f"/api/v1/study/visits/{token}/beats",
                     {"seq": seq}).status_code == 422
    assert _post(client_for(cadre2), f"/api/v1/study/visits/{token}/beats",
                 {"seq": 2}).status_code == 404
    me = client.get("/api/v1/study/me", {"year": 2026}).json()
    assert (me["credit_minutes"], me["credit_weight"], me["exam_weight"], me["grade"]) == (
        0, 50, 50, "fail")
    assert client.get("/api/v1/study/me", {"year": 10**20}).status_code == 422
    assert Credit.objects.get().seconds == 30


def test_a_unit_records_its_week_once_through_the_api(clock, unit_staff, unit, other_unit,
                                                      cadre):
    client = client_for(unit_staff)
    body = {"unit_id": unit.pk, "date": "2026-11-24", "topic": "学习民法典", "duration": 30,
            "user_ids": [cadre.pk]}
    for field, value in (("duration", 10**6), ("duration", -30), ("date", "9999-12-31"),
                         ("date", "0001-01-01")):
        refused = _post(client, "/api/v1/study/weekly", {**body, field: value})
        assert refused.status_code == 422 and field in refused.content.decode(), field
    assert _post(client, "/api/v1/study/weekly", body).status_code == 201
    again = _post(client, "/api/v1/study/weekly", body)
    assert again.status_code == 422 and "date" in again.content.decode()
    assert _post(client, "/api/v1/study/weekly", {**body, "unit_id": other_unit.pk}
                 ).status_code == 404
    week = client.get("/api/v1/study/weekly", {"week": "2026-11-26"}).json()
    assert [(r["unit_id"], r["held"], r["duration"]) for r in week] == [(unit.pk, True, 30)]
    assert StudySession.objects.get().week == dt.date(2026, 11, 23)


def test_the_years_rule_is_set_once_and_read_by_everyone(street_admin, cadre, auditor):
    client = client_for(street_admin)
    body = {"credit_weight": 40, "target_minutes": 600, "daily_minutes": 120, "pass_score": 60,
            "excellent_score": 90, "version": None}
    assert _post(client, "/api/v1/study/rules/2018", {**body, "credit_weight": 101},
                 "put").status_code == 422
    assert _post(client, "/api/v1/study/rules/2018", {**body, "excellent_score": 50},
                 "put").status_code == 422
    assert _post(client, "/api/v1/study/rules/2018", body, "put").json()["exam_weight"] == 60
    assert _post(client, "/api/v1/study/rules/2018", body, "put").status_code == 409
    assert _post(client, "/api/v1/study/rules/9999", body, "put").status_code == 422
    assert _post(client_for(cadre), "/api/v1/study/rules/2018", {**body, "version": 1},
                 "put").status_code == 403
    assert client_for(cadre).get("/api/v1/study/rules/2018").json()["credit_weight"] == 40
    assert client_for(auditor).get("/api/v1/study/rules/2018").status_code == 403
    assert YearRule.objects.get().version == 1


def test_rates_through_the_api_follow_the_readers_scope(clock, street_staff, unit_staff,
                                                        cadre, unit, other_unit, stranger):
    assert {r["id"] for r in client_for(street_staff).get("/api/v1/study/rates").json()} == {
        unit.pk, other_unit.pk}
    assert [r["id"] for r in client_for(unit_staff).get("/api/v1/study/rates").json()] == [
        unit.pk]
    assert client_for(cadre).get("/api/v1/study/rates").status_code == 403
