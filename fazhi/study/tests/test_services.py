"""The study services: materials and laws, the timer's credit rules, the year's rule and score,
the weekly half-hour record. Each refusal leaves nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from fazhi.audit.models import Entry
from fazhi.core.conflicts import StaleVersion
from fazhi.outreach.models import StudySession
from fazhi.study.models import Credit, LawArticle, Material, Visit, YearRule
from fazhi.study.selectors import score_of, scores_for
from fazhi.study.services import materials, rules, timer, weekly
from fazhi.study.services.materials import chinese_number, law_articles

from .conftest import MEDIATION_LAW, exam_result


def test_chinese_article_numbers_are_read():
    assert [chinese_number(t) for t in ("一", "十", "十八", "二十", "一百", "一百零三",
                                        "一百二十三", "一千零一", "两百", "35")] == [
        1, 10, 18, 20, 100, 103, 123, 1001, 200, 35]


def test_a_law_is_split_into_its_articles_with_chapters():
    articles = law_articles(MEDIATION_LAW)
    assert [(a.number, a.label, a.chapter) for a in articles] == [
        (1, "第一条", "第一章 总则"), (2, "第二条", "第一章 总则"), (4, "第四条", "第一章 总则"),
        (8, "第八条", "第二章 人民调解委员会")]
    assert articles[3].text.endswith("应当有人数较少民族的成员。")
    assert "\n" in articles[3].text


def test_a_law_without_articles_or_with_a_number_twice_is_refused_naming_each():
    with pytest.raises(ValidationError) as no_articles:
        law_articles("没有条文的文字")
    assert "No article found" in str(no_articles.value.message_dict["body"])
    with pytest.raises(ValidationError) as twice:
        law_articles("第一条 甲\n第一条 乙\n第二条 \n")
    problems = twice.value.message_dict["body"]
    assert problems == ["第一条 appears twice or has no valid number.",
                        "第二条 is empty or longer than 5000 characters."]


def test_the_sub_district_adds_a_law_article_by_article_and_it_is_audited(law):
    assert list(law.articles.values_list("number", flat=True)) == [1, 2, 4, 8]
    entry = Entry.objects.get(action="create", object_type="study.material")
    assert entry.changes == {"kind": "law", "articles": 4}


def test_a_unit_organiser_or_a_cadre_adds_no_material(unit_staff, cadre, leader):
    for actor in (unit_staff, cadre, leader):
        with pytest.raises(PermissionDenied):
            materials.material_create(actor=actor, kind="article", title="x", body="y")
    assert Material.objects.count() == 0


def test_a_second_material_of_the_same_title_is_refused_beside_the_title(law, street_admin):
    with pytest.raises(ValidationError) as refused:
        materials.material_create(actor=street_admin, kind="article", title="人民调解法",
                                  body="正文")
    assert refused.value.message_dict == {"title": ["A material with this title exists already."]}
    assert Material.objects.count() == 1


def test_a_video_needs_an_https_link_and_a_cap_stays_in_range(street_staff):
    with pytest.raises(ValidationError) as http:
        materials.material_create(actor=street_staff, kind="video", title="v",
                                  video_url="http://example.com/v")
    assert "video_url" in http.value.message_dict
    for cap in (0, 601, 10**9):
        with pytest.raises(ValidationError) as huge:
            materials.material_create(actor=street_staff, kind="article", title="a", body="b",
                                      credit_minutes=cap)
        assert "credit_minutes" in huge.value.message_dict
    assert Material.objects.count() == 0


def test_editing_a_law_replaces_its_articles_and_a_stale_edit_is_refused(law, street_staff):
    saved = materials.material_update(actor=street_staff, material=law,
                                      expected_version=law.version, body="第三条 新条文")
    assert list(saved.articles.values_list("label", flat=True)) == ["第三条"]
    with pytest.raises(StaleVersion):
        materials.material_update(actor=street_staff, material=law,
                                  expected_version=law.version, body="第九条 旧版")
    assert list(LawArticle.objects.values_list("label", flat=True)) == ["第三条"]


# --- the timer ----------------------------------------------------------------------------

def test_time_on_a_visible_page_is_credited_on_the_servers_clock(clock, cadre, law):
    visit = timer.visit_open(actor=cadre, material=law)
    clock.shift(30)
    beat = timer.visit_beat(actor=cadre, token=visit.token, seq=1, visible=True)
    clock.shift(31)
    beat = timer.visit_beat(actor=cadre, token=visit.token, seq=2, visible=True)
    assert (beat.credited, beat.material_seconds, beat.day_seconds, beat.capped) == (
        31, 61, 61, "")
    assert Credit.objects.get().seconds == 61
    assert Credit.objects.get().day == dt.date(2026, 11, 30)


def test_beats_faster_than_a_person_reads_are_refused_and_earn_nothing(clock, cadre, law):
    visit = timer.visit_open(actor=cadre, material=law)
    clock.shift(5)
    with pytest.raises(timer.BeatRefused, match="Too soon"):
        timer.visit_beat(actor=cadre, token=visit.token, seq=1, visible=True)
    assert Credit.objects.count() == 0
    clock.shift(25)  # the refused beat did not move the clock: 30 s since the visit opened
    assert timer.visit_beat(actor=cadre, token=visit.token, seq=2, visible=True).credited == 30


def test_a_replayed_beat_earns_nothing(clock, cadre, law):
    visit = timer.visit_open(actor=cadre, material=law)
    clock.shift(30)
    timer.visit_beat(actor=cadre, token=visit.token, seq=7, visible=True)
    clock.shift(30)
    for seq in (7, 3):
        with pytest.raises(timer.BeatRefused, match="already counted"):
            timer.visit_beat(actor=cadre, token=visit.token, seq=seq, visible=True)
    assert Credit.objects.get().seconds == 30


def test_a_parallel_visit_stops_the_older_one_earning(clock, cadre, law, article):
    first = timer.visit_open(actor=cadre, material=law)
    second = timer.visit_open(actor=cadre, material=article)
    clock.shift(30)
    with pytest.raises(timer.Superseded):
        timer.visit_beat(actor=cadre, token=first.token, seq=1, visible=True)
    assert timer.visit_beat(actor=cadre, token=second.token, seq=1, visible=True).credited == 30
    assert Visit.objects.filter(live=True).count() == 1
    assert list(Credit.objects.values_list("material_id", "seconds")) == [(article.pk, 30)]


def test_hidden_or_offline_time_is_not_credited(clock, cadre, law):
    visit = timer.visit_open(actor=cadre, material=law)
    clock.shift(30)
    timer.visit_beat(actor=cadre, token=visit.token, seq=1, visible=True)
    clock.shift(10)
    assert timer.visit_beat(actor=cadre, token=visit.token, seq=2, visible=False).credited == 10
    clock.shift(600)  # hidden ten minutes, then shown again
    assert timer.visit_beat(actor=cadre, token=visit.token, seq=3, visible=True).credited == 0
    clock.shift(30)
    assert timer.visit_beat(actor=cadre, token=visit.token, seq=4, visible=True).credited == 30
    clock.shift(300)  # no beat for five minutes: the page slept or went offline
    assert timer.visit_beat(actor=cadre, token=visit.token, seq=5, visible=True).credited == 0
    assert Credit.objects.get().seconds == 70


def test_credit_stops_at_the_materials_cap(clock, cadre, law):
    Credit.objects.create(user=cadre, material=law, day=dt.date(2026, 11, 29), seconds=30 * 60 - 10)
    visit = timer.visit_open(actor=cadre, material=law)
    clock.shift(30)
    beat = timer.visit_beat(actor=cadre, token=visit.token, seq=1, visible=True)
    assert (beat.credited, beat.capped, beat.material_seconds) == (10, "material", 1800)
    clock.shift(30)
    assert timer.visit_beat(actor=cadre, token=visit.token, seq=2, visible=True).credited == 0


def test_credit_stops_at_the_days_cap_of_the_years_rule(clock, cadre, law, article, street_staff):
    rules.year_rule_set(actor=street_staff, year=2026, expected_version=None, daily_minutes=1)
    Credit.objects.create(user=cadre, material=law, day=dt.date(2026, 11, 30), seconds=50)
    visit = timer.visit_open(actor=cadre, material=article)
    clock.shift(30)
    beat = timer.visit_beat(actor=cadre, token=visit.token, seq=1, visible=True)
    assert (beat.credited, beat.capped, beat.day_seconds) == (10, "day", 60)


def test_a_beat_on_another_persons_visit_is_not_found(clock, cadre, cadre2, law):
    visit = timer.visit_open(actor=cadre, material=law)
    clock.shift(30)
    with pytest.raises(Http404):
        timer.visit_beat(actor=cadre2, token=visit.token, seq=1, visible=True)
    assert Credit.objects.count() == 0


def test_administration_roles_open_no_visit(auditor, law):
    with pytest.raises(PermissionDenied):
        timer.visit_open(actor=auditor, material=law)


# --- the year's rule and score ----------------------------------------------------------------

def test_the_default_year_is_half_study_credit_half_exam(clock, cadre, unit, article):
    Credit.objects.create(user=cadre, material=article, day=dt.date(2026, 3, 1), seconds=600 * 60)
    exam_result(cadre, unit, 2026, 80)
    score = score_of(actor=cadre, year=2026)
    assert (score.credit_minutes, score.credit_points, score.exam_percent, score.total,
            score.grade) == (600, 100.0, 80.0, 90.0, "excellent")


def test_weights_set_for_a_year_change_its_score_and_are_audited(clock, cadre, unit, article,
                                                                 street_admin):
    Credit.objects.create(user=cadre, material=article, day=dt.date(2016, 3, 1), seconds=300 * 60)
    exam_result(cadre, unit, 2016, 45, max_score=50)  # 90 %
    rule = rules.year_rule_set(actor=street_admin, year=2016, expected_version=None,
                               credit_weight=30, target_minutes=300)
    assert score_of(actor=cadre, year=2016).total == 93.0  # 100 × 30% + 90 × 70%
    assert Entry.objects.filter(action="update", object_type="study.yearrule").count() == 1
    with pytest.raises(StaleVersion):
        rules.year_rule_set(actor=street_admin, year=2016, expected_version=None,
                            credit_weight=90)
    assert YearRule.objects.get(year=2016).version == rule.version == 1


def test_a_rule_out_of_range_or_with_excellent_below_pass_is_refused(street_admin, worker):
    for bad in ({"credit_weight": 101}, {"target_minutes": 0}, {"daily_minutes": 10**6},
                {"pass_score": 95, "excellent_score": 90}):
        with pytest.raises(ValidationError):
            rules.year_rule_set(actor=street_admin, year=2017, expected_version=None, **bad)
    with pytest.raises(PermissionDenied):
        rules.year_rule_set(actor=worker, year=2017, expected_version=None, credit_weight=40)
    assert YearRule.objects.count() == 0


def test_no_exam_counts_as_zero_and_credit_of_another_year_does_not_count(clock, cadre, article):
    Credit.objects.create(user=cadre, material=article, day=dt.date(2025, 12, 31), seconds=6000)
    Credit.objects.create(user=cadre, material=article, day=dt.date(2026, 1, 1), seconds=60 * 60)
    score = score_of(actor=cadre, year=2026)
    assert (score.credit_minutes, score.credit_points, score.exam_percent, score.total,
            score.grade) == (60, 10.0, None, 5.0, "fail")


def test_a_cadre_reads_only_their_own_score_and_a_unit_organiser_their_units(
        cadre, cadre2, unit_staff, stranger, street_staff, other_staff):
    def names(actor):
        return sorted(s.name for s in scores_for(actor=actor, year=2026))
    assert names(cadre) == ["周文静"]
    assert names(unit_staff) == ["unitstaff", "周文静", "陈志强"]
    assert names(other_staff) == ["otherstaff", "stranger"]
    assert len(names(street_staff)) >= 6


# --- the weekly half-hour ---------------------------------------------------------------------

def test_a_unit_records_its_weekly_half_hour_once_a_week(clock, unit, unit_staff, cadre):
    session = weekly.weekly_record(actor=unit_staff, unit=unit, date=dt.date(2026, 11, 26),
                                   topic="学习人民调解法", duration=30, user_ids=[cadre.pk])
    assert (session.kind, session.week, session.duration) == (
        "half_hour", dt.date(2026, 11, 23), 30)
    assert list(session.users.all()) == [cadre]
    with pytest.raises(ValidationError) as twice:
        weekly.weekly_record(actor=unit_staff, unit=unit, date=dt.date(2026, 11, 27),
                             topic="另一个题目", duration=30)
    assert twice.value.message_dict == {"date": [
        "This unit already recorded its half-hour study for the week of 2026-11-23."]}
    assert StudySession.objects.count() == 1
    weekly.weekly_record(actor=unit_staff, unit=unit, date=dt.date(2026, 11, 30),
                         topic="学习人民调解法", duration=30)
    assert StudySession.objects.count() == 2


@pytest.mark.parametrize("bad", [{"duration": 0}, {"duration": -5}, {"duration": 10**6},
                                 {"duration": None}, {"date": dt.date(1900, 1, 1)},
                                 {"date": dt.date(9999, 12, 31)}, {"topic": "题" * 161}])
def test_hostile_weekly_input_is_refused_and_nothing_is_saved(clock, unit, unit_staff, bad):
    data = {"date": dt.date(2026, 11, 26), "topic": "学法", "duration": 30, **bad}
    with pytest.raises(ValidationError) as refused:
        weekly.weekly_record(actor=unit_staff, unit=unit, **data)
    assert set(refused.value.message_dict) == set(bad)
    assert StudySession.objects.count() == 0


def test_another_units_staff_or_attendees_are_refused(clock, unit, other_staff, unit_staff,
                                                      stranger):
    with pytest.raises(PermissionDenied):
        weekly.weekly_record(actor=other_staff, unit=unit, date=dt.date(2026, 11, 26),
                             topic="学法", duration=30)
    with pytest.raises(ValidationError) as strangers:
        weekly.weekly_record(actor=unit_staff, unit=unit, date=dt.date(2026, 11, 26),
                             topic="学法", duration=30, user_ids=[stranger.pk])
    assert "users" in strangers.value.message_dict
    with pytest.raises(ValidationError):
        weekly.weekly_record(actor=unit_staff, unit=unit, date=dt.date(2026, 11, 26),
                             topic="学法", duration=30, user_ids=[10**9])
    assert StudySession.objects.count() == 0
