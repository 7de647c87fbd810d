"""The cadre exams' figures on the dashboard: exams closed in the period and their candidates,
counted independently from the enrolments made here; shown to street-wide roles only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.exams.models import Bank, Enrolment
from fazhi.org.models import Unit
from fazhi.reports.selectors import figures_for

pytestmark = pytest.mark.django_db

KEYS = ("cadre_exams", "exam_enrolled", "exam_sat_rate", "exam_pass_rate",
        "exam_excellent_rate")


def _exam(admin, units, title, publish=True):
    from fazhi.exams.services.exams import exam_create, exam_publish
    from fazhi.exams.services.questions import QuestionData, question_add, question_check

    bank, _made = Bank.objects.get_or_create(name="题库")
    for i in range(2):
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind="true_false", stem=f"{title}判断题{i}", answer=[0], law="宪法")))
    now = timezone.now()
    exam = exam_create(actor=admin, bank=bank, title=title, unit_ids=[u.pk for u in units],
                       opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=2),
                       rules=[{"kind": "true_false", "law": "", "difficulty": 0, "count": 2}],
                       points={"true_false": 50})
    if publish:
        exam_publish(actor=admin, exam=exam, expected_version=exam.version)
    exam.refresh_from_db()
    return exam


def test_the_exam_figures_count_the_enrolments_of_the_exams_closed_in_the_period(
        street_admin, leader, worker, subdistrict, north):
    from fazhi.exams.services.sitting import attempt_start, attempt_submit

    police = Unit.objects.create(name="派出所", kind=Unit.Kind.POLICE_STATION, region=subdistrict)
    court = Unit.objects.create(name="法庭", kind=Unit.Kind.COURT_TRIBUNAL, region=subdistrict)
    cadres = [make_user(f"cadre{i}", Role.LAWYER, north if i < 2 else None,
                        unit_id=(police if i % 2 else court).pk) for i in range(4)]
    exam = _exam(street_admin, [police, court], "宪法考试")
    for cadre in cadres[:3]:  # three sit it, one does not
        attempt = attempt_start(actor=cadre, exam=exam)
        attempt_submit(actor=cadre, attempt_id=attempt.pk, expected_version=attempt.version)
    rows = list(Enrolment.objects.values_list("sat", "passed", "excellent", "community_id"))
    today = timezone.localdate()
    closes = timezone.localtime(exam.closes_at).date()

    def rate(flag: int, of: list) -> float | None:
        return round(100 * sum(1 for r in of if r[flag]) / len(of), 1) if of else None

    values = figures_for(actor=leader, since=today, until=closes).values
    assert {k: values[k] for k in KEYS} == {
        "cadre_exams": 1, "exam_enrolled": len(rows), "exam_sat_rate": rate(0, rows),
        "exam_pass_rate": rate(1, rows), "exam_excellent_rate": rate(2, rows)}
    assert values["exam_enrolled"] == 4 and values["exam_sat_rate"] == 75.0
    in_north = [r for r in rows if r[3] == north.pk]
    north_values = figures_for(actor=leader, since=today, until=closes, community=north.pk).values
    assert (north_values["exam_enrolled"], north_values["exam_sat_rate"]) == (
        len(in_north), rate(0, in_north))
    before = figures_for(actor=leader, since=today - dt.timedelta(days=30),
                         until=closes - dt.timedelta(days=1)).values
    assert (before["cadre_exams"], before["exam_enrolled"], before["exam_sat_rate"]) == (0, 0, None)
    assert not set(KEYS) & set(figures_for(actor=worker, since=today, until=closes).values)
    after = figures_for(actor=leader, since=closes + dt.timedelta(days=1),
                        until=closes + dt.timedelta(days=30)).values
    assert (after["cadre_exams"], after["exam_enrolled"]) == (0, 0)


def test_a_draft_exam_closing_in_the_period_is_not_counted(street_admin, leader, subdistrict):
    police = Unit.objects.create(name="派出所", kind=Unit.Kind.POLICE_STATION, region=subdistrict)
    draft = _exam(street_admin, [police], "草稿考试", publish=False)
    closes = timezone.localtime(draft.closes_at).date()
    values = figures_for(actor=leader, since=timezone.localdate(), until=closes).values
    assert (values["cadre_exams"], values["exam_enrolled"]) == (0, 0)


def test_the_pass_and_excellent_rates_count_the_candidates_who_reached_them(
        street_admin, leader, subdistrict):
    """One of three candidates answers every question right, one sits and answers nothing,
    one does not sit: two in three sat, one in three passed and was excellent (33.3%, one
    decimal, as docs/reports.md defines the rates)."""
    from fazhi.exams.models import PaperItem
    from fazhi.exams.services.sitting import answer_save, attempt_start, attempt_submit

    police = Unit.objects.create(name="派出所", kind=Unit.Kind.POLICE_STATION, region=subdistrict)
    cadres = [make_user(f"cadre{i}", Role.LAWYER, None, unit_id=police.pk) for i in range(3)]
    exam = _exam(street_admin, [police], "民法典考试")
    best = attempt_start(actor=cadres[0], exam=exam)
    for seq, row in enumerate(PaperItem.objects.filter(attempt=best)
                              .select_related("question_version"), 1):
        answer_save(actor=cadres[0], attempt_id=best.pk, position=row.position,
                    answer=row.permutation.index(row.question_version.answer[0]), seq=seq,
                    paper_version=best.version)
    attempt_submit(actor=cadres[0], attempt_id=best.pk, expected_version=best.version)
    blank = attempt_start(actor=cadres[1], exam=exam)
    attempt_submit(actor=cadres[1], attempt_id=blank.pk, expected_version=blank.version)
    assert sorted(Enrolment.objects.values_list("sat", "passed", "excellent")) == [
        (False, False, False), (True, False, False), (True, True, True)]
    closes = timezone.localtime(exam.closes_at).date()
    values = figures_for(actor=leader, since=timezone.localdate(), until=closes).values
    assert {k: values[k] for k in KEYS} == {
        "cadre_exams": 1, "exam_enrolled": 3, "exam_sat_rate": 66.7, "exam_pass_rate": 33.3,
        "exam_excellent_rate": 33.3}
