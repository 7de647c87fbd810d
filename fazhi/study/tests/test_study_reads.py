"""The study reads (fazhi/study/selectors.py) on a varied fixture, against figures computed here
from the fixture's own description, never by a selector.

Four units (two member units, one outside the sub-district's members, one with no cadres but
weekly studies held), cadres of every grade — on the pass and excellent lines, with credit of
the year before and papers of the year before, a second paper, a paper worth no points — an
inactive cadre, an account without a unit; materials found by title, summary, text or an
article only, created in another order than they sort; weekly studies of other kinds, weeks
and years. The clock is frozen at 2026-11-30 (a Monday), 10:00 Beijing, so 48 weeks of 2026 are
due (5 January to 30 November).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.exams.models import Attempt, Bank, Enrolment, Exam
from fazhi.org.models import Person, Unit
from fazhi.outreach.models import StudySession
from fazhi.study.models import Credit, Material
from fazhi.study.selectors import (
    credit_of,
    exam_percents,
    rate_of_unit,
    score_of,
    scores_for,
    unit_rates,
    week_for,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
# Units: key, name, member unit, active.
UNITS = (("u1", "甲单位", True, True), ("u2", "乙单位", False, True), ("u3", "丙单位", True, True),
         ("u4", "丁单位", False, True), ("u5", "戊单位", True, False), ("u6", "己单位", True, True))
# People: username, display name, role, unit, active, seconds credited in 2026 (and in 2025),
# papers (year, score, points of the paper).
PEOPLE = (
    ("u1staff", "甲组织员", Role.COMMUNITY_WORKER, "u1", True, 0, 0, [(YEAR, 0, 0)]),
    ("a_full", "Ada", Role.MEDIATOR, "u1", True, 36090, 9999,
     [(YEAR, 90, 100), (YEAR, 95, 100), (YEAR - 1, 100, 100)]),
    ("a_half", "阿半", Role.MEDIATOR, "u1", True, 18000, 0, [(YEAR, 70, 100)]),
    ("a_few", "阿少", Role.MEDIATOR, "u1", True, 450, 0, [(YEAR, 2, 3)]),
    ("a_gone", "阿走", Role.MEDIATOR, "u1", False, 36000, 0, [(YEAR, 100, 100)]),
    ("b_top", "乙甲", Role.LAWYER, "u2", True, 36000, 0, [(YEAR, 80, 100)]),
    ("b_over", "乙乙", Role.LAWYER, "u2", True, 39600, 0, [(YEAR, 40, 100)]),
    ("b_pass", "乙丙", Role.LAWYER, "u2", True, 36000, 0, [(YEAR, 20, 100)]),
    ("b_zero", "乙丁", Role.LAWYER, "u2", True, 0, 0, []),
    ("f_one", "己一", Role.MEDIATOR, "u6", True, 0, 0, []),
    ("loner", "独行", Role.MEDIATOR, None, True, 36000, 0, [(YEAR, 100, 100)]),
    # two people of the same name, the later username created first
    ("wang2", "王伟", Role.MEDIATOR, None, True, 0, 0, []),
    ("wang1", "王伟", Role.MEDIATOR, None, True, 0, 0, [(YEAR, 1, 1)]),  # a paper of one point
)
# By hand from the default rule (credit 50% + exam 50%; 600 minutes full credit; pass from 60,
# excellent from 90): username -> (minutes, credit points, exam %, total, grade)
SCORES = {
    "u1staff": (0, 0.0, None, 0.0, "fail"),  # a paper worth no points is no paper
    "a_full": (601, 100.0, 95.0, 97.5, "excellent"),  # the best paper of the year
    "a_half": (300, 50.0, 70.0, 60.0, "pass"),  # on the pass line
    "a_few": (7, 1.2, 66.7, 34.0, "fail"),  # 7/600 = 1.17 -> 1.2; (1.2 + 66.7) / 2 = 33.95
    "b_top": (600, 100.0, 80.0, 90.0, "excellent"),  # on the excellent line
    "b_over": (660, 100.0, 40.0, 70.0, "pass"),  # credit beyond the target counts 100
    "b_pass": (600, 100.0, 20.0, 60.0, "pass"),
    "b_zero": (0, 0.0, None, 0.0, "fail"),
    "f_one": (0, 0.0, None, 0.0, "fail"),
    "loner": (600, 100.0, 100.0, 100.0, "excellent"),
    "wang2": (0, 0.0, None, 0.0, "fail"),
    "wang1": (0, 0.0, 100.0, 50.0, "fail"),
}
# Weekly studies: unit, kind, date, users attending (usernames), people attending.
SESSIONS = (
    ("u1", "half_hour", dt.date(2026, 11, 24), ["a_full", "a_half"], 3),
    ("u1", "half_hour", dt.date(2026, 3, 4), [], 0),
    ("u2", "half_hour", dt.date(2026, 11, 27), ["b_top"], 0),
    ("u3", "centre_group", dt.date(2026, 11, 25), [], 2),  # not the weekly study
    ("u3", "half_hour", dt.date(2026, 11, 17), [], 1),  # the week before
    ("u3", "half_hour", dt.date(2026, 1, 5), [], 0),
    ("u3", "half_hour", dt.date(2025, 12, 29), [], 0),  # a week of 2025 (week of 29 Dec)
    ("u4", "other", dt.date(2026, 11, 23), [], 1),
)


def _monday(day):
    return day - dt.timedelta(days=day.weekday())


@pytest.fixture
def world(clock, north, street_staff):
    units = {key: Unit.objects.create(name=name, kind=Unit.Kind.COMMUNITY_WORKROOM, region=north,
                                      is_member_unit=member, active=active)
             for key, name, member, active in UNITS}
    bank = Bank.objects.create(name="题库")
    exams = {}
    # titles in the reverse order of creation: a tie on credit goes by title, not by key
    materials = [Material.objects.create(title=f"学分材料{1 - i}", credit_minutes=600,
                                         published=True) for i in range(2)]
    people = {}
    for username, display, role, unit, active, seconds, before, papers in PEOPLE:
        user = make_user(username, role, north, display_name=display,
                         unit_id=units[unit].pk if unit else None)
        if not active:
            type(user).objects.filter(pk=user.pk).update(is_active=False)
        people[username] = user
        # credit split over two materials and the year's first and last days
        for material, day, part in ((materials[0], dt.date(YEAR, 1, 1), seconds // 2),
                                    (materials[1], dt.date(YEAR, 12, 31), seconds - seconds // 2),
                                    (materials[0], dt.date(YEAR - 1, 12, 31), before)):
            if part:
                Credit.objects.create(user=user, material=material, day=day, seconds=part)
        for number, (year, score, points) in enumerate(papers, start=1):
            key = (year, points == 0)
            if key not in exams:
                opens = timezone.make_aware(dt.datetime(year, 10, 1, 9))
                exams[key] = Exam.objects.create(
                    title=f"{year}年度学法考试{'（空卷）' if points == 0 else ''}", bank=bank,
                    opens_at=opens, closes_at=opens + dt.timedelta(days=20))
            exam = exams[key]
            enrolment = Enrolment.objects.get_or_create(exam=exam, user=user, defaults={
                # the loner sat under 丁 and has left it since
                "unit_id": user.unit_id or units["u4"].pk, "sat": True, "attempts": 1})[0]
            Attempt.objects.create(enrolment=enrolment, exam=exam, user=user, number=number,
                                   started_at=exam.opens_at, deadline=exam.closes_at,
                                   state=Attempt.State.SUBMITTED, score=Decimal(score),
                                   max_score=Decimal(points), submitted_at=exam.opens_at)
    attendees = [Person.objects.create(name=f"群众{i}", kind=Person.Kind.LAW_SAVVY, community=north)
                 for i in range(3)]
    sessions = {}
    for n, (unit, kind, day, users, count) in enumerate(SESSIONS):
        session = StudySession.objects.create(
            unit=units[unit], kind=kind, date=day, topic=f"学习{n}",
            week=_monday(day) if kind == "half_hour" else None)
        session.users.set([people[u] for u in users])
        session.people.set(attendees[:count])
        sessions[n] = session
    return SimpleNamespace(units=units, people=people, materials=materials, sessions=sessions)


def _unit_of(username):
    return next(p[3] for p in PEOPLE if p[0] == username)


# --- the year's scores -----------------------------------------------------------------------------

def test_everyones_score_of_the_year_by_name(world, leader):
    got = {s.user_id: (s.name, s.credit_minutes, s.credit_points, s.exam_percent, s.total,
                       s.grade, s.unit_id) for s in scores_for(actor=leader, year=YEAR)}
    people = world.people
    for username, expected in SCORES.items():
        user = people[username]
        display = next(p[1] for p in PEOPLE if p[0] == username)
        assert got.pop(user.pk) == (display, *expected, user.unit_id), username
    others = type(leader).objects.filter(is_active=True).exclude(username__in=list(SCORES))
    assert set(got) == set(others.values_list("pk", flat=True))  # the leader and the staff
    names = [s.name for s in scores_for(actor=leader, year=YEAR)]
    assert names == sorted(names)


def test_a_units_organiser_reads_their_units_scores_and_a_cadre_their_own(world):
    staff = world.people["u1staff"]
    got = [s.user_id for s in scores_for(actor=staff, year=YEAR)]
    expected = sorted((p for p in PEOPLE if p[3] == "u1" and p[4]), key=lambda p: (p[1], p[0]))
    assert got == [world.people[p[0]].pk for p in expected]
    cadre = world.people["b_over"]
    assert [s.user_id for s in scores_for(actor=cadre, year=YEAR)] == [cadre.pk]


def test_ones_own_score_is_ones_own_whoever_sorts_first(world, leader, street_staff):
    for actor in (leader, street_staff, world.people["u1staff"], world.people["b_top"]):
        mine = score_of(actor=actor, year=YEAR)
        assert mine.user_id == actor.pk
    assert score_of(actor=world.people["a_half"], year=YEAR).total == 60.0


def test_a_persons_best_paper_of_the_year_in_percent(world):
    p = world.people
    ids = [p["a_full"].pk, p["a_half"].pk, p["a_few"].pk, p["u1staff"].pk, p["b_zero"].pk,
           p["wang1"].pk]
    assert exam_percents(ids, YEAR) == {p["a_full"].pk: 95.0, p["a_half"].pk: 70.0,
                                        p["a_few"].pk: 66.7, p["wang1"].pk: 100.0}
    assert exam_percents(ids, YEAR - 1) == {p["a_full"].pk: 100.0}
    assert exam_percents([], YEAR) == {}


def test_ones_own_credit_of_the_year_by_material(world):
    user = world.people["a_full"]
    Credit.objects.create(user=user, material=Material.objects.create(
        title="短材料", credit_minutes=5, published=True), day=dt.date(YEAR, 6, 1), seconds=119)
    got = [(r["title"], r["minutes"], r["cap"]) for r in credit_of(actor=user, year=YEAR)]
    # 18045 s on each of the two (a tie: by title), 119 s on the third; 2025's credit left out
    assert got == [("学分材料0", 300, 600), ("学分材料1", 300, 600), ("短材料", 1, 5)]
    other = world.people["b_over"]
    assert [(r["title"], r["minutes"]) for r in credit_of(actor=other, year=YEAR)] == [
        ("学分材料0", 330), ("学分材料1", 330)]
    assert credit_of(actor=user, year=YEAR - 1) == [
        {"material_id": world.materials[0].pk, "title": "学分材料1", "minutes": 166, "cap": 600}]


def test_credit_is_listed_most_first(world):
    user = world.people["a_half"]
    big = Material.objects.create(title="一大材料", credit_minutes=600, published=True)
    Credit.objects.create(user=user, material=big, day=dt.date(YEAR, 5, 5), seconds=20000)
    got = [r["title"] for r in credit_of(actor=user, year=YEAR)]
    assert got == ["一大材料", "学分材料0", "学分材料1"]
    small = Material.objects.create(title="丁小材料", credit_minutes=600, published=True)
    Credit.objects.create(user=user, material=small, day=dt.date(YEAR, 5, 5), seconds=60)
    assert [r["title"] for r in credit_of(actor=user, year=YEAR)][-1] == "丁小材料"  # 丁 < 学


# --- unit rates -------------------------------------------------------------------------------

def _expected_rates(units_seen):
    weeks_due = 48
    rows = {}
    for key, name, _member, _active in UNITS:
        if key not in units_seen:
            continue
        cadres = [p for p in PEOPLE if p[3] == key and p[4]]
        held = {_monday(day) for unit, kind, day, _u, _n in SESSIONS
                if unit == key and kind == "half_hour" and _monday(day).year == YEAR}
        if not cadres and not held:
            continue
        ordered = sorted(cadres, key=lambda p: (p[1], p[0]))
        totals = 0.0
        for p in ordered:
            totals += SCORES[p[0]][3]
        n = len(cadres)
        rows[key] = {
            "name": name, "cadres": n,
            "credited": sum(1 for p in cadres if SCORES[p[0]][1] >= 100),
            "passed": sum(1 for p in cadres if SCORES[p[0]][4] != "fail"),
            "excellent": sum(1 for p in cadres if SCORES[p[0]][4] == "excellent"),
            "average": round(totals / n, 1) if n else 0.0,
            "weeks_held": len(held), "weeks_due": weeks_due,
        }
    def rate(part, whole):
        return round(100 * part / whole, 1) if whole else 0.0
    order = sorted(rows, key=lambda k: (-rate(rows[k]["excellent"], rows[k]["cadres"]),
                                        -rate(rows[k]["passed"], rows[k]["cadres"]),
                                        rows[k]["name"]))
    return [(k, rank, rows[k]) for rank, k in enumerate(order, start=1)]


def _rates(world, actor):
    names = {u.pk: k for k, u in world.units.items()}
    return [(names[r.pk], r.rank, {"name": r.name, "cadres": r.cadres, "credited": r.credited,
                                   "passed": r.passed, "excellent": r.excellent,
                                   "average": r.average, "weeks_held": r.weeks_held,
                                   "weeks_due": r.weeks_due})
            for r in unit_rates(actor=actor, year=YEAR)]


def test_unit_rates_for_the_sub_district(world, street_staff, leader):
    expected = _expected_rates({k for k, *_ in UNITS})
    # 乙 and 甲 both have one excellent cadre in four; 乙 passed three, 甲 two
    # 丙 (no cadres) and 己 (one, failed) both 0%: by name
    assert [(k, rank) for k, rank, _r in expected] == [("u2", 1), ("u1", 2), ("u3", 3), ("u6", 4)]
    assert expected[3][2]["weeks_held"] == 0
    assert expected[1][2]["credited"] == 1 and expected[0][2]["credited"] == 3
    # 丙: the weeks of 5 January and 16 November; its centre-group study and its week of 2025 no
    assert expected[2][2]["weeks_held"] == 2
    for actor in (street_staff, leader):
        assert _rates(world, actor) == expected
    twins = [n for n in _names(world, scores_for(actor=leader, year=YEAR)) if n.startswith("wang")]
    assert twins == ["wang1", "wang2"]  # the same name: by username


def _names(world, scores):
    by_pk = {u.pk: name for name, u in world.people.items()}
    return [by_pk[s.user_id] for s in scores if s.user_id in by_pk]


def test_the_default_rule_is_the_years(world, street_admin):
    from fazhi.study.models import YearRule
    from fazhi.study.selectors import rule_for

    YearRule.objects.create(year=2031, credit_weight=70, target_minutes=300)
    assert (rule_for(2030).year, rule_for(2030).credit_weight, rule_for(2030).pk) == (2030, 50, None)
    assert (rule_for(2031).year, rule_for(2031).credit_weight) == (2031, 70)


def test_unit_rates_for_a_units_organiser_and_no_one_else(world, worker):
    assert _rates(world, world.people["u1staff"]) == [
        (k, 1, row) for k, _rank, row in _expected_rates({"u1"})]
    for actor in (world.people["a_full"], world.people["loner"], worker):
        with pytest.raises(PermissionDenied):
            unit_rates(actor=actor, year=YEAR)


def test_one_units_rate_and_its_cadres(world, street_staff):
    rate = rate_of_unit(actor=street_staff, year=YEAR, pk=world.units["u2"].pk)
    cadres = sorted((p for p in PEOPLE if p[3] == "u2"), key=lambda p: (p[1], p[0]))
    assert [s.user_id for s in rate.scores] == [world.people[p[0]].pk for p in cadres]
    assert (rate.credit_rate, rate.pass_rate, rate.excellent_rate) == (75.0, 75.0, 25.0)
    with pytest.raises(Http404):
        rate_of_unit(actor=street_staff, year=YEAR, pk=world.units["u4"].pk)
    with pytest.raises(Http404):
        rate_of_unit(actor=world.people["u1staff"], year=YEAR, pk=world.units["u2"].pk)


# --- the weekly study -----------------------------------------------------------------------------

def _week_rows(world, actor, day):
    names = {u.pk: k for k, u in world.units.items()}
    return [(names[r.unit.pk], r.session.topic if r.session else None,
             r.session.attendees if r.session else None) for r in week_for(actor=actor, week=day)]


def _expected_week(world, day, units_seen):
    monday = _monday(day)
    rows = []
    for key, name, member, active in UNITS:
        if key not in units_seen or not active:
            continue
        held = [(n, s) for n, s in enumerate(SESSIONS)
                if s[0] == key and s[1] == "half_hour" and _monday(s[2]) == monday]
        if not member and not held:
            continue
        if held:
            n, s = held[0]
            rows.append((True, name, key, f"学习{n}", len(s[3]) + s[4]))
        else:
            rows.append((False, name, key, None, None))
    return [(key, topic, count) for _h, _n, key, topic, count in sorted(rows)]


@pytest.mark.parametrize("day", [dt.date(2026, 11, 25), dt.date(2026, 11, 23),
                                 dt.date(2026, 11, 29), dt.date(2026, 11, 17)])
def test_the_week_lists_who_missed_first_then_who_held_it_with_attendance(world, street_staff,
                                                                         day):
    expected = _expected_week(world, day, {k for k, *_ in UNITS})
    assert _week_rows(world, street_staff, day) == expected


def test_the_week_of_25_november_written_out(world, street_staff):
    assert _week_rows(world, street_staff, dt.date(2026, 11, 25)) == [
        ("u3", None, None),  # a centre-group study and last week's half hour are not this week's
        ("u6", None, None),
        ("u2", "学习2", 1),  # not a member unit, listed because it held it
        ("u1", "学习0", 5),  # two staff and three people
    ]


def test_a_units_organiser_sees_only_their_units_week(world):
    assert _week_rows(world, world.people["u1staff"], dt.date(2026, 11, 25)) == [
        ("u1", "学习0", 5)]
