"""The valid request for each write of the JSON API that ``test_hostile_api`` attacks: built
from the hostile world (``hostile_world``) and the records of ``extras_for``; ``NOT_ATTACKED``
names the writes whose example is not sent, and why."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import time_machine

from fazhi.api import api
from fazhi.cases.tests import test_actions_both_ways as both_ways

from . import hostile_world as hw

DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
WRITES = sorted((method.upper(), path, op["operationId"])
                for path, ops in DOCUMENT["paths"].items()
                for method, op in ops.items() if method in {"post", "put", "patch", "delete"})

Example = tuple[dict[str, Any], dict[str, Any], dict[str, Any]]  # path params, query, body


def _version(obj: Any) -> int:
    obj.refresh_from_db()
    return obj.version


# A valid request for each write, built from the world: {operationId: (world, extras) -> example}.
EXAMPLES: dict[str, Callable[[hw.World, dict[str, Any]], Example]] = {
    "fazhi_cases_api_create": lambda w, x: ({}, {}, {
        "kind": "dispute", "channel": "station", "category": "neighbour", "title": "楼上漏水",
        "description": "楼上卫生间漏水，多次协商未果。", "community_id": w.case.community_id,
        "address": "江汉北路1号", "received_at": "2026-11-02T09:30:00+08:00",
        "parties": [{"role": "applicant", "name": "张三", "mobile": "13912345678",
                     "id_number": "11010519491231002X", "address": "江汉北路1号"}]}),
    "fazhi_workdays_api_calendar_override_add": lambda w, x: ({}, {}, {
        "date": "2026-10-09", "is_workday": False, "note": "调休"}),
    "fazhi_workdays_api_calendar_override_delete": lambda w, x: (
        {"day": x["override"].date.isoformat()}, {"version": x["override"].version}, {}),
    "fazhi_cases_api_extension_approve": lambda w, x: (
        {"request_id": x["extension"].pk}, {}, {"note": "同意", "version": x["extension"].version}),
    "fazhi_cases_api_extension_refuse": lambda w, x: (
        {"request_id": x["extension"].pk}, {}, {"note": "不同意", "version": x["extension"].version}),
    "fazhi_org_api_agreement_create": lambda w, x: ({}, {}, {
        "title": "共驻共建协议（二）", "region_id": w.agreement.region_id, "party_ids": [w.unit.pk],
        "signed_on": "2026-01-05", "starts_on": "2026-01-10", "ends_on": "2026-12-31",
        "note": "每季度一次"}),
    "fazhi_org_api_agreement_update": lambda w, x: ({"pk": w.agreement.pk}, {}, {
        "title": "共驻共建协议（修订）", "note": "修订", "ends_on": "2026-12-30",
        "version": _version(w.agreement)}),
    "fazhi_org_api_agreement_document": None,  # an upload: tests of item 11 own it
    "fazhi_org_api_person_create": lambda w, x: ({}, {}, {
        "name": "李娜", "kind": "law_savvy", "community_id": w.person.community_id,
        "mobile": "13787654321", "title": "调解员", "note": "周三值班", "certificate_no": "A1"}),
    "fazhi_org_api_person_update": lambda w, x: ({"pk": w.person.pk}, {}, {
        "note": "周四值班", "title": "调解员", "version": _version(w.person)}),
    "fazhi_org_api_person_unmask": lambda w, x: ({"pk": w.person.pk, "field": "mobile"}, {}, {}),
    "fazhi_org_api_unit_create": lambda w, x: ({}, {}, {
        "name": "江汉北路物业", "kind": "property_company", "region_id": w.unit.region_id,
        "address": "江汉北路2号", "contact_name": "王经理", "contact_phone": "13800138000"}),
    "fazhi_org_api_unit_update": lambda w, x: ({"pk": w.unit.pk}, {}, {
        "address": "江汉北路3号", "version": _version(w.unit)}),
    "fazhi_outreach_api_activity_create": lambda w, x: ({}, {}, {
        "kind": "lecture_hall", "title": "民法典讲座", "venue": "社区活动室",
        "community_id": w.activity.community_id, "starts_at": "2026-11-02T09:30:00+08:00",
        "ends_at": "2026-11-02T11:00:00+08:00", "speakers": "张律师", "laws": "民法典",
        "audience": "居民", "summary": "", "planned_attendance": 40}),
    "fazhi_outreach_api_signin_create": lambda w, x: ({"activity_id": w.activity.pk}, {}, {
        "name": "赵六", "mobile": "13698765432", "affiliation": "居民"}),
    "fazhi_outreach_api_list_return": lambda w, x: (
        {"pk": w.responsibility_list.pk}, {}, {
            "comment": "请补充", "version": _version(w.responsibility_list)}),
    "fazhi_outreach_api_list_approve": lambda w, x: (
        {"pk": w.responsibility_list.pk}, {}, {
            "comment": "同意", "version": _version(w.responsibility_list)}),
    "fazhi_outreach_api_list_submit": None,  # the world's list is submitted already
    "fazhi_voting_api_review_votes": lambda w, x: ({"campaign_id": x["held_vote"].campaign_id},
                                                   {}, {"decision": "accept",
                                                        "vote_ids": [x["held_vote"].pk]}),
    "fazhi_dutyreviews_api_weights": lambda w, x: ({"review_id": x["duty_review"].pk}, {}, {
        "weight_completion": 40, "weight_rating": 40, "weight_peer": 20, "public_share": 60,
        "version": _version(x["duty_review"])}),
    "fazhi_dutyreviews_api_panel_marks": lambda w, x: ({"review_id": x["duty_review"].pk}, {}, {
        "marks": [{"unit_id": x["duty_unit"].pk, "score": "85.5"}], "stamp": "0:-"}),
    "fazhi_dutyreviews_api_peer_marks": None,  # see NOT_ATTACKED
    "fazhi_inbox_api_notification_read": lambda w, x: ({"id": x["note"].pk}, {}, {}),
    "fazhi_inbox_api_notifications_read_all": lambda w, x: ({}, {}, {}),
    "fazhi_study_api_material_create": lambda w, x: ({}, {}, {
        "kind": "law", "title": "人民调解法（节选）", "summary": "节选",
        "body": "第一条 为了完善人民调解制度，制定本法。\n第四条 调解不收取任何费用。",
        "video_url": "", "credit_minutes": 30, "published": True}),
    "fazhi_study_api_material_update": lambda w, x: ({"material_id": x["material"].pk}, {}, {
        "kind": "article", "title": "学法读本（修订）", "summary": "", "body": "尊法学法守法用法。",
        "video_url": "", "credit_minutes": 60, "published": True,
        "version": _version(x["material"])}),
    "fazhi_study_api_visit_open": lambda w, x: ({"material_id": x["material"].pk}, {}, {}),
    "fazhi_study_api_visit_beat": lambda w, x: ({"token": x["visit"].token}, {}, {
        "seq": 1, "visible": False}),
    "fazhi_study_api_weekly_create": lambda w, x: ({}, {}, {
        "unit_id": w.unit.pk, "date": "2026-11-24", "topic": "学习人民调解法", "duration": 30,
        "laws": "人民调解法", "user_ids": []}),
    "fazhi_study_api_rule_set": lambda w, x: ({"year": 2026}, {}, {
        "credit_weight": 50, "target_minutes": 600, "daily_minutes": 120, "pass_score": 60,
        "excellent_score": 90, "version": None}),
    "fazhi_contests_api_contest_create": lambda w, x: ({}, {}, {
        "title": "宪法知识竞赛", "intro": "人人学宪法", "bank_id": x["contest"].bank_id,
        "is_published": True, "per_device": 3, "per_network": 30}),
    "fazhi_contests_api_round_create": lambda w, x: ({"contest_id": x["contest"].pk}, {}, {
        "name": "初赛", "opens_at": "2026-12-01T10:00:00+08:00",
        "closes_at": "2026-12-02T10:00:00+08:00", "seconds": 600, "single_count": 1,
        "multiple_count": 0, "true_false_count": 1, "law": "宪法", "points": 5}),
    "fazhi_exams_api_exam_create": lambda w, x: ({}, {}, {
        "title": "2027年度学法考试", "bank_id": w.exam.bank_id, "unit_ids": [w.unit.pk],
        "rules": [{"kind": "single", "law": "宪法", "difficulty": 0, "count": 1}],
        "points": {"single": 2, "multiple": 2, "true_false": 2, "fill": 2},
        "opens_at": "2026-12-01T08:00:00+08:00", "closes_at": "2026-12-20T18:00:00+08:00",
        "makeup_opens_at": "2026-12-21T08:00:00+08:00",
        "makeup_closes_at": "2026-12-25T18:00:00+08:00", "duration_minutes": 60,
        "max_attempts": 3, "pass_percent": 60, "excellent_percent": 90,
        "show_explanations": True, "training_hours": 6, "target_percent": 95}),
    "fazhi_exams_api_exam_publish": lambda w, x: ({"exam_id": x["draft_exam"].pk}, {}, {
        "version": _version(x["draft_exam"])}),
    "fazhi_exams_api_exam_start": lambda w, x: ({"exam_id": w.exam.pk}, {}, {}),
    "fazhi_exams_api_answer": lambda w, x: ({"paper_id": x["paper"].pk}, {}, {
        "position": x["fill_position"], "answer": "人民", "seq": 1,
        "paper_version": x["paper"].version}),
    "fazhi_exams_api_submit": lambda w, x: ({"paper_id": x["paper"].pk}, {}, {
        "version": x["paper"].version}),
    "fazhi_exams_api_question_create": lambda w, x: ({"bank_id": w.exam.bank_id}, {}, {
        "kind": "single", "stem": "人民行使国家权力的机关是什么？",
        "options": ["全国人民代表大会和地方各级人民代表大会", "国务院"], "answer": [0],
        "explanation": "宪法第二条。", "law": "宪法", "article": "第二条", "difficulty": 2,
        "tags": "宪法"}),
    **{f"fazhi_cases_api_action_{name}": lambda w, x, name=name: _case_action(name, x)
       for name in both_ways.SPECS},
    "fazhi_assessments_api_cycle_create": lambda w, x: ({}, {}, {
        "title": "2029—2030年度", "first_year": 2029}),
    "fazhi_assessments_api_indicator_add": lambda w, x: (
        {"cycle_id": _open_cycle().pk}, {}, {
            "tree_version": _open_cycle().tree_version, "dimension": "support",
            "title": "经费列入预算", "guidance": "预算文件", "weight": 2, "method": "manual",
            "position": 5}),
    "fazhi_assessments_api_indicator_update": lambda w, x: (
        {"indicator_id": _open_cycle().indicators.first().pk}, {}, {
            "tree_version": _open_cycle().tree_version, "dimension": "support",
            "title": "创建档案资料齐全（修订）", "guidance": "台账", "weight": 3,
            "method": "manual", "position": 5}),
    "fazhi_assessments_api_score_review": lambda w, x: _review_example(),
    "fazhi_assessments_api_assessment_send_back": lambda w, x: _whole_example("returned"),
    "fazhi_assessments_api_assessment_conclude": lambda w, x: _whole_example("accepted"),
    **{f"fazhi_assessments_api_{op}": None for op in (
        "assessment_start", "assessment_measure", "assessment_submit", "score_self",
        "evidence_link")},  # see NOT_ATTACKED
}


def _open_cycle() -> Any:
    from fazhi.assessments.models import Cycle

    return Cycle.objects.get(frozen_at=None)


def _review_example() -> Example:
    from fazhi.assessments.models import Score

    score = Score.objects.filter(assessment__status="submitted").order_by("pk").first()
    return ({"assessment_id": score.assessment_id, "score_id": score.pk}, {}, {
        "version": score.version, "verdict": "returned", "review_score": None,
        "review_note": "缺少公布照片"})


def _whole_example(review: str) -> Example:
    """The submitted assessment with every item reviewed: one returned (to send back) or
    every one accepted (to conclude)."""
    from fazhi.assessments.models import Assessment, Score

    assessment = Assessment.objects.get(status="submitted")
    scores = Score.objects.filter(assessment=assessment)
    scores.update(review="accepted", review_score=0)
    if review == "returned":
        scores.filter(pk=scores.order_by("pk").first().pk).update(review="returned",
                                                                  review_score=None)
    return {"assessment_id": assessment.pk}, {}, {"version": assessment.version}


def _case_action(name: str, extras: dict[str, Any]) -> Example:
    """An example for a case action of the registry: the case and the input of
    fazhi/cases/tests/test_actions_both_ways.py, its dates moved to today."""
    from django.utils import timezone

    from fazhi.cases.actions import ACTIONS
    from fazhi.core.formschemas import api_name

    world = both_ways.World(extras["staff"], extras["worker"], extras["mediator"],
                            extras["north"])
    state = both_ways.SPECS[name][0]
    # A case with a session (held at NOW) or an agreement (signed on TODAY) is registered on
    # TODAY, so that its session is not before it; its example's dates are then not moved.
    kept = state in {"with_session", "with_agreement"}
    with time_machine.travel(both_ways.NOW, tick=False) if kept else contextlib.nullcontext():
        case = both_ways._case(world, state)
    shift = dt.timedelta(0) if kept else timezone.localdate() - both_ways.TODAY
    # Ten minutes ago, but never before today's (Beijing) midnight: the case is registered
    # today, and a session held before its registration date is refused (00:00-00:10 there).
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))
    latest = max(timezone.now() - dt.timedelta(minutes=10), midnight)

    def today(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return min(value + shift, latest).isoformat()
        if isinstance(value, dt.date):
            return (value + shift).isoformat()
        return value

    fields = ACTIONS.get(name).form.base_fields  # type: ignore[union-attr]
    body = {api_name(k, fields[k]): today(v)
            for k, v in both_ways._input(world, name, case).items()}
    return {"pk": case.pk}, {}, body
# Operations whose example is not sent: (operationId: why).
NOT_ATTACKED = {
    "fazhi_org_api_agreement_document": "a file upload; issue 8 item 11's tests",
    # Multipart bodies (a file with a few fields): the uploads' tests and the both-ways test of
    # every action (fazhi/cases/tests/test_actions_both_ways.py) own them.
    "fazhi_cases_api_action_attachment": "a file upload",
    "fazhi_cases_api_action_authorisation": "a multipart body with an optional scan",
    "fazhi_cases_api_action_mode": "a multipart body with an optional scan",
    "fazhi_outreach_api_list_submit": "the world's list is submitted; the both-ways test owns it",
    "fazhi_dutyreviews_api_peer_marks": "a unit's writer only (the client is the administrator); "
                                        "fazhi/dutyreviews/tests/test_api.py attacks it",
    # A community worker's writes: this walk's client is the administrator's token, whom they
    # refuse (403) whatever the input; their bad input is refused in
    # fazhi/assessments/tests/test_views.py (a score over the item's points, another
    # community's record, a stale version).
    **{f"fazhi_assessments_api_{op}": "a community worker's write (the walk's client is the "
       "administrator)" for op in ("assessment_start", "assessment_measure",
                                   "assessment_submit", "score_self", "evidence_link")},
}


def _duty_review(admin: Any) -> tuple[Any, Any]:
    """A duty review of two member units whose panel is the administrator."""
    from django.utils import timezone

    from fazhi.dutyreviews.services.setup import review_create
    from fazhi.org.models import Region, Unit

    street = Region.objects.filter(parent__isnull=True).first()
    units = [Unit.objects.create(name=name, kind=Unit.Kind.MEMBER_DEPARTMENT, region=street,
                                 is_member_unit=True) for name in ("成员单位甲", "成员单位乙")]
    now = timezone.now()
    review = review_create(actor=admin, year=2026, title="履职评议", rating_opens_at=now,
                           rating_closes_at=now + dt.timedelta(days=5), panel=[admin.pk],
                           units=[u.pk for u in units])
    return review, units[0]


def _exam_paper(world: hw.World, street_admin: Any, north: Any) -> dict[str, Any]:
    """The API's candidate is the street administrator: enrolled in the world's exam (as a
    cadre of its unit) with an open paper; and the world's draft exam to publish."""
    from fazhi.exams.models import Enrolment, Exam
    from fazhi.exams.services.sitting import attempt_start

    Enrolment.objects.create(exam=world.exam, user=street_admin, unit=world.unit,
                             community=north)
    paper = attempt_start(actor=street_admin, exam=world.exam)
    fill = paper.items.get(question_version__question__kind="fill").position
    return {"paper": paper, "fill_position": fill,
            "draft_exam": Exam.objects.get(title="草稿考试")}


def _held_vote() -> Any:
    """A vote of an open campaign held for review."""
    from django.utils import timezone

    from fazhi.voting.models import Campaign, Candidate, Category, Vote

    now = timezone.now()
    campaign = Campaign.objects.create(title="普法网红评选", opens_at=now - dt.timedelta(days=1),
                                       closes_at=now + dt.timedelta(days=7), is_published=True)
    category = Category.objects.create(campaign=campaign, name="个人", position=1)
    candidate = Candidate.objects.create(campaign=campaign, category=category, name="李律师")
    return Vote.objects.create(campaign=campaign, candidate=candidate, category=category,
                               voter="held-1", day=now.date(), cast_at=now, status="held",
                               reason="network_burst", pick=1)


def _contest() -> Any:
    """A contest on a bank of one single-choice and one true-or-false question."""
    from fazhi.contests.models import Contest
    from fazhi.exams.models import Bank
    from fazhi.exams.services.questions import QuestionData, question_add, question_check

    bank = Bank.objects.create(name="竞赛题库")
    for kind, options in (("single", ["甲", "乙"]), ("true_false", [])):
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind=kind, stem=f"{kind}：宪法规定的内容", options=options, answer=[0],
            explanation="", law="宪法", article="第一条", difficulty=1)))
    return Contest.objects.create(title="竞赛", bank=bank, is_published=True)


def extras_for(world: hw.World, worker: Any, street_admin: Any, mediator: Any,
               north: Any) -> dict[str, Any]:
    """The records the examples act on, beyond the world (the ``extras`` fixture)."""
    from fazhi.cases.services import case_accept, extension_request
    from fazhi.cases.tests.factories import make_case
    from fazhi.core.models import CalendarOverride
    from fazhi.inbox.models import Notification
    from fazhi.inbox.services import notify
    from fazhi.outreach.models import ResponsibilityList
    from fazhi.study.services.materials import material_create
    from fazhi.study.services.timer import visit_open

    other = make_case(worker, world.case.community)
    case_accept(actor=street_admin, case=other, expected_version=other.version)
    other.refresh_from_db()
    pending = make_case(worker, world.case.community)
    case_accept(actor=street_admin, case=pending, expected_version=pending.version)
    extension = extension_request(actor=worker, case=pending, days=10, reason="需要现场勘查")
    override = CalendarOverride.objects.get(date=dt.date(2026, 10, 10))  # the world's
    ResponsibilityList.objects.filter(pk=world.responsibility_list.pk).update(status="submitted")
    notify(user=street_admin, topic="case", subject_id=other.pk, key="hostile", text="提醒")
    duty_review, duty_unit = _duty_review(street_admin)
    material = material_create(actor=street_admin, kind="article", title="学法读本",
                               body="尊法学法守法用法。", published=True)
    exams = _exam_paper(world, street_admin, north)
    return {**exams, "note": Notification.objects.get(user=street_admin, key="hostile"),
            "duty_review": duty_review, "duty_unit": duty_unit,
            "material": material, "visit": visit_open(actor=street_admin, material=material),
            "held_vote": _held_vote(), "contest": _contest(), "other_case": other, "extension": extension, "override": override,
            "staff": street_admin, "worker": worker, "mediator": mediator, "north": north}
