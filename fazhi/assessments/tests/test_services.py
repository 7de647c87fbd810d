"""The assessment's writes: the tree frozen once a self-assessment starts, the automatic items
read from records, the community's scores and evidence, the review item by item, the result."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.assessments import services
from fazhi.assessments.models import Assessment, Evidence, Indicator, Score
from fazhi.audit.models import Entry
from fazhi.core.conflicts import Conflict, StaleVersion


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def scores_of(assessment: Assessment) -> dict[str, Score]:
    return {s.indicator.title: s for s in assessment.scores.select_related("indicator")}


def fill(worker, assessment: Assessment, points: Decimal | None = None) -> None:
    """Score every manual item (full points unless given) with one photo each."""
    for score in assessment.scores.select_related("indicator").filter(
            indicator__method=Indicator.Method.MANUAL):
        services.score_self(actor=worker, score=score, expected_version=score.version,
                            self_score=score.indicator.weight if points is None else points,
                            self_note="见附件")
        services.evidence_add(actor=worker, score=score, kind=Evidence.Kind.FILE,
                              file=SimpleUploadedFile("photo.png", PNG, "image/png"))


def test_a_cycle_starts_with_the_default_tree_of_a_hundred_points(cycle):
    items = list(cycle.indicators.all())
    assert len(items) == 13
    assert sum(i.weight for i in items) == Decimal(100)
    assert {i.dimension for i in items} == {"organisation", "democracy", "rule_of_law",
                                            "harmony", "support"}
    assert Entry.objects.filter(object_type="assessments.cycle", action="create").count() == 1


def test_a_later_cycle_copies_the_tree_of_the_one_before(cycle, street_admin):
    services.indicator_save(actor=street_admin, cycle=cycle, expected_tree_version=1,
                            dimension="support", title="经费列入预算", weight=Decimal(2),
                            method="manual")
    later = services.cycle_create(actor=street_admin, title="2027—2028年度", first_year=2027)
    assert later.indicators.count() == 14
    assert later.indicators.filter(title="经费列入预算").exists()


def test_only_the_administrator_edits_the_tree(cycle, street_staff, worker):
    for actor in (street_staff, worker):
        with pytest.raises(PermissionDenied):
            services.indicator_save(actor=actor, cycle=cycle, expected_tree_version=1,
                                    dimension="support", title="x", weight=Decimal(1),
                                    method="manual")
    assert cycle.indicators.count() == 13


def test_an_automatic_item_needs_its_rule_and_target(cycle, street_admin):
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(actor=street_admin, cycle=cycle, expected_tree_version=1,
                                dimension="support", title="x", weight=Decimal(1),
                                method="auto")
    assert set(exc.value.message_dict) == {"rule", "target"}


def test_a_stale_tree_version_is_refused(cycle, street_admin):
    with pytest.raises(StaleVersion):
        services.indicator_save(actor=street_admin, cycle=cycle, expected_tree_version=7,
                                dimension="support", title="x", weight=Decimal(1),
                                method="manual")


def test_the_tree_freezes_when_a_self_assessment_starts(cycle, street_admin, worker, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.frozen and assessment.tree_version == cycle.tree_version
    item = cycle.indicators.first()
    with pytest.raises(Conflict):
        services.indicator_save(actor=street_admin, cycle=cycle, indicator=item,
                                expected_tree_version=cycle.tree_version,
                                dimension=item.dimension, title="改名", weight=item.weight,
                                method=item.method, rule=item.rule, target=item.target)
    with pytest.raises(Conflict):
        services.indicator_delete(actor=street_admin, indicator=item,
                                  expected_tree_version=cycle.tree_version)
    assert cycle.indicators.filter(title="改名").count() == 0


def test_starting_twice_gives_one_assessment(cycle, worker, records):
    first = services.assessment_start(actor=worker, cycle=cycle)
    second = services.assessment_start(actor=worker, cycle=cycle)
    assert first.pk == second.pk and Assessment.objects.count() == 1


def test_only_the_communitys_worker_starts_its_self_assessment(cycle, street_staff, mediator,
                                                                leader):
    for actor in (street_staff, mediator, leader):
        with pytest.raises(PermissionDenied):
            services.assessment_start(actor=actor, cycle=cycle)
    assert Assessment.objects.count() == 0


def test_automatic_items_are_read_from_the_records(cycle, worker, records):
    scores = scores_of(services.assessment_start(actor=worker, cycle=cycle))
    mediators = scores["人民调解委员会健全，调解员不少于3人"]
    assert (mediators.measured, mediators.self_score) == (Decimal(4), Decimal(6))
    success = scores["矛盾纠纷调解成功率不低于95%"]
    assert (success.measured, success.self_score) == (Decimal("95.0"), Decimal(10))
    assert success.measure_note == "当年办结纠纷20件，调解成功19件（95.0%）。"
    assert scores["全年开展法治宣传活动不少于12场"].measured == Decimal(12)
    assert scores["驻社区律师在岗，法律顾问协议在有效期内"].measured == Decimal(1)
    assert scores["与辖区单位签订共驻共建协议"].measured == Decimal(1)
    assert scores["法律明白人不少于3名"].measured == Decimal(3)
    assert scores["设立社区综治工作室"].measured == Decimal(1)


def test_an_item_short_of_its_target_earns_its_share(cycle, outsider, south):
    from fazhi.assessments.tests.conftest import community_records

    community_records(south, activities=9, disputes=10, mediated=9)
    scores = scores_of(services.assessment_start(actor=outsider, cycle=cycle))
    assert scores["全年开展法治宣传活动不少于12场"].self_score == Decimal("7.5")  # 10 × 9/12
    assert scores["矛盾纠纷调解成功率不低于95%"].self_score == Decimal("9.5")  # 10 × 90/95


def test_a_community_without_records_scores_nothing_automatically(cycle, outsider):
    scores = scores_of(services.assessment_start(actor=outsider, cycle=cycle))
    auto = [s for s in scores.values() if s.indicator.method == "auto"]
    assert all(s.self_score == 0 for s in auto)
    assert scores["矛盾纠纷调解成功率不低于95%"].measured is None


def test_submitting_needs_every_manual_item_scored_with_evidence(cycle, worker, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    with pytest.raises(ValidationError, match="请先为每一项打分"):
        services.assessment_submit(actor=worker, assessment=assessment, expected_version=1)
    for score in assessment.scores.filter(indicator__method="manual"):
        services.score_self(actor=worker, score=score, expected_version=score.version,
                            self_score=Decimal(1))
    with pytest.raises(ValidationError):
        services.assessment_submit(actor=worker, assessment=assessment, expected_version=1)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_a_score_above_the_items_points_is_refused(cycle, worker, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    score = assessment.scores.filter(indicator__method="manual").first()
    with pytest.raises(ValidationError) as exc:
        services.score_self(actor=worker, score=score, expected_version=score.version,
                            self_score=score.indicator.weight + 1)
    assert "self_score" in exc.value.message_dict


def test_an_outsider_cannot_score_or_add_evidence(cycle, worker, outsider, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    score = assessment.scores.filter(indicator__method="manual").first()
    with pytest.raises(PermissionDenied):
        services.score_self(actor=outsider, score=score, expected_version=score.version,
                            self_score=Decimal(1))
    with pytest.raises(PermissionDenied):
        services.evidence_add(actor=outsider, score=score, kind="file",
                              file=SimpleUploadedFile("p.png", PNG, "image/png"))
    score.refresh_from_db()
    assert score.self_score is None and score.evidence.count() == 0


def test_evidence_is_checked_by_content_and_scope(cycle, worker, records, south):
    from fazhi.outreach.models import Activity

    assessment = services.assessment_start(actor=worker, cycle=cycle)
    score = assessment.scores.filter(indicator__method="manual").first()
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=worker, score=score, kind="file",
                              file=SimpleUploadedFile("fake.png", b"<html>", "image/png"))
    assert "file" in exc.value.message_dict
    theirs = Activity.objects.create(kind="lecture_hall", title="南边", community=south,
                                     starts_at=assessment.started_at - dt.timedelta(hours=2),
                                     ends_at=assessment.started_at - dt.timedelta(hours=1),
                                     code="SOUTH0000001")
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=worker, score=score, kind="activity", record_id=theirs.pk)
    assert "record_id" in exc.value.message_dict
    ours = Activity.objects.filter(community=assessment.community).first()
    evidence = services.evidence_add(actor=worker, score=score, kind="activity",
                                     record_id=ours.pk)
    assert evidence.label.startswith(ours.title)
    assert score.evidence.count() == 1


def test_the_review_returns_an_item_and_the_community_fixes_only_it(cycle, worker,
                                                                    street_staff, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    fill(worker, assessment)
    services.assessment_submit(actor=worker, assessment=assessment, expected_version=1)
    scores = scores_of(assessment)
    returned = scores["居民公约、自治章程依法制定并公布"]
    with pytest.raises(ValidationError) as exc:
        services.score_review(actor=street_staff, score=returned,
                              expected_version=returned.version, verdict="returned")
    assert "review_note" in exc.value.message_dict
    services.score_review(actor=street_staff, score=returned, expected_version=returned.version,
                          verdict="returned", review_note="缺少公布照片")
    for title, score in scores.items():
        if title != returned.indicator.title:
            services.score_review(actor=street_staff, score=score,
                                  expected_version=score.version, verdict="accepted")
    assessment.refresh_from_db()
    with pytest.raises(Conflict):
        services.assessment_conclude(actor=street_staff, assessment=assessment,
                                     expected_version=assessment.version)
    services.assessment_send_back(actor=street_staff, assessment=assessment,
                                  expected_version=assessment.version)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RETURNED
    accepted = scores["创建档案资料齐全"]
    accepted.refresh_from_db()
    with pytest.raises(Conflict):
        services.score_self(actor=worker, score=accepted, expected_version=accepted.version,
                            self_score=Decimal(1))
    returned.refresh_from_db()
    services.score_self(actor=worker, score=returned, expected_version=returned.version,
                        self_score=Decimal(8), self_note="已补充照片")
    services.assessment_submit(actor=worker, assessment=assessment,
                               expected_version=assessment.version)
    returned.refresh_from_db()
    assert returned.review == Score.Review.PENDING
    services.score_review(actor=street_staff, score=returned, expected_version=returned.version,
                          verdict="accepted")
    assessment.refresh_from_db()
    done = services.assessment_conclude(actor=street_staff, assessment=assessment,
                                        expected_version=assessment.version)
    assert done.score == Decimal(98)  # 100 less the two points the community gave up
    assert (done.grade, done.decision) == ("excellent", "named")
    assert done.decided_on.isoformat() == "2026-11-30"


def test_a_reviewer_who_changes_a_score_says_why(cycle, worker, street_admin, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    fill(worker, assessment)
    services.assessment_submit(actor=worker, assessment=assessment, expected_version=1)
    score = assessment.scores.filter(indicator__method="manual").first()
    with pytest.raises(ValidationError) as exc:
        services.score_review(actor=street_admin, score=score, expected_version=score.version,
                              verdict="accepted", review_score=Decimal(1))
    assert "review_note" in exc.value.message_dict
    done = services.score_review(actor=street_admin, score=score, expected_version=score.version,
                                 verdict="accepted", review_score=Decimal(1),
                                 review_note="材料不全")
    assert done.review_score == Decimal(1)


def test_the_community_cannot_review_and_the_reviewer_cannot_self_assess(cycle, worker,
                                                                         street_staff, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    score = assessment.scores.filter(indicator__method="manual").first()
    with pytest.raises(PermissionDenied):
        services.score_self(actor=street_staff, score=score, expected_version=score.version,
                            self_score=Decimal(1))
    fill(worker, assessment)
    services.assessment_submit(actor=worker, assessment=assessment, expected_version=1)
    score.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.score_review(actor=worker, score=score, expected_version=score.version,
                              verdict="accepted")
    with pytest.raises(Conflict):  # submitted: the community's turn is over
        services.evidence_add(actor=worker, score=score, kind="file",
                              file=SimpleUploadedFile("p.png", PNG, "image/png"))


@pytest.mark.parametrize(("kind", "total", "grade", "decision"), [
    ("application", Decimal(90), "excellent", "named"),
    ("application", Decimal(80), "pass", "named"),
    ("application", Decimal("79.9"), "fail", "not_named"),
    ("recheck", Decimal(80), "pass", "kept"),
    ("recheck", Decimal(70), "fail", "warned"),
    ("recheck", Decimal("69.9"), "fail", "revoked"),
])
def test_the_marks_decide_grade_and_decision(cycle, kind, total, grade, decision):
    assessment = Assessment(cycle=cycle, kind=kind)
    assert services.decision_for(assessment, total) == (grade, decision)


def test_a_stale_submit_is_refused(cycle, worker, records):
    assessment = services.assessment_start(actor=worker, cycle=cycle)
    fill(worker, assessment)
    with pytest.raises(StaleVersion):
        services.assessment_submit(actor=worker, assessment=assessment, expected_version=9)
