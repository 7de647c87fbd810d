"""The assessment's pages and API: the happy path, a second permitted role, an outsider (404,
nothing changed), refusals beside the field, and lists whose query count does not grow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from fazhi.assessments import services
from fazhi.assessments.models import Assessment, Cycle, Evidence, Score
from fazhi.assessments.tests.conftest import community_records
from fazhi.assessments.tests.test_services import PNG, fill
from fazhi.audit.models import Entry
from fazhi.core.roles import Role
from fazhi.org.models import Region
from fazhi.outreach.models import Activity

API = "/api/v1/assessments"


@pytest.fixture
def started(cycle, worker, records) -> Assessment:
    return services.assessment_start(actor=worker, cycle=cycle)


def manual(assessment: Assessment) -> Score:
    return assessment.scores.filter(indicator__method="manual").order_by("indicator__position")[0]


def test_the_index_lists_cycles_and_the_viewers_assessments(as_user, worker, outsider,
                                                            street_staff, started):
    page = as_user(worker).get("/assessments/")
    assert page.status_code == 200 and "2025—2026年度" in page.content.decode()
    assert f'data-assessment="{started.pk}"' in page.content.decode()
    assert f'data-assessment="{started.pk}"' in as_user(street_staff).get(
        "/assessments/").content.decode()
    assert f'data-assessment="{started.pk}"' not in as_user(outsider).get(
        "/assessments/").content.decode()


def test_an_administration_role_reads_nothing(as_user, auditor, started):
    assert as_user(auditor).get("/assessments/").status_code == 403
    assert as_user(auditor).get(f"/assessments/{started.pk}/").status_code == 403


def test_the_assessment_page_shows_items_by_dimension(as_user, worker, leader, started):
    for user in (worker, leader):
        body = as_user(user).get(f"/assessments/{started.pk}/").content.decode()
        assert "组织健全" in body and "保障有力" in body
        assert "已登记人民调解委员会，调解员4人。" in body
    assert "提交审核" in as_user(worker).get(f"/assessments/{started.pk}/").content.decode()
    assert "提交审核" not in as_user(leader).get(f"/assessments/{started.pk}/").content.decode()


def test_an_outsider_gets_404_everywhere_and_nothing_changes(as_user, outsider, started):
    client = as_user(outsider)
    score = manual(started)
    assert client.get(f"/assessments/{started.pk}/").status_code == 404
    assert client.get(f"{API}/{started.pk}").status_code == 404
    assert client.post(f"/assessments/{started.pk}/scores/{score.pk}/self/", {
        f"s{score.pk}-version": score.version, f"s{score.pk}-self_score": "3"}).status_code == 404
    assert client.post(f"/assessments/{started.pk}/submit/", {"version": 1}).status_code == 404
    assert client.post(f"{API}/{started.pk}/scores/{score.pk}/self", {
        "version": score.version, "self_score": 3}, content_type="application/json"
    ).status_code == 404
    score.refresh_from_db()
    assert score.self_score is None and score.version == 1


def test_a_worker_scores_an_item_with_a_photo_on_the_page(as_user, worker, started):
    client = as_user(worker)
    score = manual(started)
    response = client.post(f"/assessments/{started.pk}/scores/{score.pk}/self/", {
        f"s{score.pk}-version": score.version, f"s{score.pk}-self_score": "4.5",
        f"s{score.pk}-self_note": "换届材料齐全"})
    assert response.status_code == 302
    response = client.post(f"/assessments/{started.pk}/scores/{score.pk}/evidence/", {
        f"e{score.pk}-kind": "file", f"e{score.pk}-label": "换届照片",
        f"e{score.pk}-file": SimpleUploadedFile("photo.png", PNG, "image/png")})
    assert response.status_code == 302
    score.refresh_from_db()
    assert (score.self_score, score.self_note) == (Decimal("4.5"), "换届材料齐全")
    evidence = score.evidence.get()
    download = client.get(f"/assessments/evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert Entry.objects.filter(action="export", object_type="assessments.evidence").count() == 1


def test_a_bad_score_is_shown_beside_its_field(as_user, worker, started):
    score = manual(started)
    response = as_user(worker).post(f"/assessments/{started.pk}/scores/{score.pk}/self/", {
        f"s{score.pk}-version": score.version, f"s{score.pk}-self_score": "99"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"本项最多{score.indicator.weight}分。" in body
    score.refresh_from_db()
    assert score.self_score is None


def test_a_fake_photo_is_refused_beside_the_file_field(as_user, worker, started):
    score = manual(started)
    response = as_user(worker).post(f"/assessments/{started.pk}/scores/{score.pk}/evidence/", {
        f"e{score.pk}-kind": "file",
        f"e{score.pk}-file": SimpleUploadedFile("photo.png", b"<script>", "image/png")})
    assert "文件内容不是 PDF、JPG、PNG 或 DOCX 文档。" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_a_reviewer_returns_an_item_with_a_note_on_the_page(as_user, worker, street_staff,
                                                            started):
    fill(worker, started)
    services.assessment_submit(actor=worker, assessment=started, expected_version=1)
    score = manual(started)
    client = as_user(street_staff)
    response = client.post(f"/assessments/{started.pk}/scores/{score.pk}/review/", {
        f"r{score.pk}-version": score.version, f"r{score.pk}-verdict": "returned"})
    assert "请说明社区需要补充或修改什么。" in response.content.decode()
    response = client.post(f"/assessments/{started.pk}/scores/{score.pk}/review/", {
        f"r{score.pk}-version": score.version, f"r{score.pk}-verdict": "returned",
        f"r{score.pk}-review_note": "缺少换届文件"})
    assert response.status_code == 302
    score.refresh_from_db()
    assert (score.review, score.review_note) == ("returned", "缺少换届文件")


def test_a_stale_version_on_the_page_shows_the_reload_link(as_user, worker, started):
    score = manual(started)
    response = as_user(worker).post(f"/assessments/{started.pk}/scores/{score.pk}/self/", {
        f"s{score.pk}-version": 5, f"s{score.pk}-self_score": "1"})
    assert response.status_code == 200 and "重新加载最新记录" in response.content.decode()
    score.refresh_from_db()
    assert score.self_score is None


def test_the_administrator_edits_the_tree_until_it_freezes(as_user, street_admin, worker,
                                                           cycle, records):
    client = as_user(street_admin)
    response = client.post(f"/assessments/cycles/{cycle.pk}/items/new/", {
        "tree_version": cycle.tree_version, "dimension": "support", "title": "经费列入预算",
        "weight": "2", "method": "manual", "position": "200"})
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.tree_version == 2 and cycle.indicators.count() == 14
    services.assessment_start(actor=worker, cycle=cycle)
    response = client.post(f"/assessments/cycles/{cycle.pk}/items/new/", {
        "tree_version": cycle.tree_version, "dimension": "support", "title": "再加一项",
        "weight": "2", "method": "manual", "position": "210"})
    assert "本周期的指标体系已冻结" in response.content.decode()
    assert cycle.indicators.count() == 14


def test_staff_cannot_edit_the_tree(as_user, street_staff, cycle):
    response = as_user(street_staff).post(f"/assessments/cycles/{cycle.pk}/items/new/", {
        "tree_version": cycle.tree_version, "dimension": "support", "title": "x",
        "weight": "2", "method": "manual", "position": "1"})
    assert response.status_code == 403
    assert cycle.indicators.count() == 13


def test_the_api_runs_the_whole_assessment(as_user, worker, street_staff, cycle, records):
    client = as_user(worker)
    response = client.post(f"{API}/", {"cycle_id": cycle.pk}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assessment = Assessment.objects.get(pk=body["id"])
    assert len(body["scores"]) == 13
    item = next(s for s in body["scores"] if s["method"] == "manual")
    response = client.post(f"{API}/{assessment.pk}/scores/{item['id']}/self", {
        "version": item["version"], "self_score": 99}, content_type="application/json")
    assert response.status_code == 422
    activity = Activity.objects.filter(community=assessment.community).first()
    response = client.post(f"{API}/{assessment.pk}/scores/{item['id']}/evidence", {
        "kind": "activity", "record_id": activity.pk}, content_type="application/json")
    assert response.status_code == 201 and response.json()["label"].startswith(activity.title)
    fill(worker, assessment)
    response = client.post(f"{API}/{assessment.pk}/submit", {"version": 1},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    staff = as_user(street_staff)
    for s in response.json()["scores"]:
        r = staff.post(f"{API}/{assessment.pk}/scores/{s['id']}/review", {
            "version": s["version"], "verdict": "accepted"}, content_type="application/json")
        assert r.status_code == 200
    version = staff.get(f"{API}/{assessment.pk}").json()["version"]
    response = staff.post(f"{API}/{assessment.pk}/conclude", {"version": version},
                          content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["score"], response.json()["decision"]) == ("100.0", "named")
    stale = staff.post(f"{API}/{assessment.pk}/conclude", {"version": version},
                       content_type="application/json")
    assert stale.status_code == 409


def test_the_api_list_is_scoped(as_user, worker, outsider, leader, started):
    assert [a["id"] for a in as_user(worker).get(f"{API}/").json()["items"]] == [started.pk]
    assert as_user(outsider).get(f"{API}/").json()["items"] == []
    assert [a["id"] for a in as_user(leader).get(f"{API}/").json()["items"]] == [started.pk]


def test_lists_cost_the_same_queries_for_more_rows(as_user, street_staff, street_admin,
                                                   subdistrict, frozen):
    cycles = [services.cycle_create(actor=street_admin, title=f"{y}年", first_year=y)
              for y in (2021, 2023, 2025)]

    def assessments(n: int) -> None:
        for _i in range(n):
            c = Region.objects.create(name=f"社区{Assessment.objects.count()}",
                                      level="community", parent=subdistrict,
                                      code=f"C{Assessment.objects.count():03d}")
            worker = make_user(f"w{c.pk}", Role.COMMUNITY_WORKER, c)
            for cycle in cycles:
                services.assessment_start(actor=worker, cycle=cycle)

    client = as_user(street_staff)
    assessments(1)
    counts = []
    for _round in range(2):
        for path in ("/assessments/", f"/assessments/cycles/{cycles[0].pk}/", f"{API}/"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(path).status_code == 200
            counts.append(len(ctx))
        assessments(3)
    assert counts[:3] == counts[3:]


def test_the_assessment_page_costs_the_same_queries_with_more_evidence(as_user, worker,
                                                                       started):
    client = as_user(worker)
    with CaptureQueriesContext(connection) as before:
        client.get(f"/assessments/{started.pk}/")
    fill(worker, started)
    with CaptureQueriesContext(connection) as after:
        client.get(f"/assessments/{started.pk}/")
    assert len(before) == len(after)


def test_a_community_without_a_self_assessment_is_not_started(as_user, outsider, south,
                                                             cycle):
    community_records(south)
    body = as_user(outsider).get(f"/assessments/cycles/{cycle.pk}/").content.decode()
    assert "开始本社区自评" in body and "未开始" in body
    assert Cycle.objects.get().frozen_at is None
