"""The demo's study world: laws article by article, 2016-2018 weekly records of the
sub-district's units with a few weeks missed, and cadres whose years 2016-2018 rate 优秀 with
an exam of 80 points (counted with plain queries, not the selectors under test)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum

from fazhi.org.models import Unit
from fazhi.outreach.models import StudySession
from fazhi.study.models import Credit, LawArticle, Material
from fazhi.study.selectors import score_of
from tests.demo import demo_build

from .conftest import exam_result


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.mark.django_db
def test_the_demo_builds_the_study_world(monkeypatch):
    demo_build(monkeypatch, "exams", "study")
    law = Material.objects.get(title="中华人民共和国人民调解法")
    assert LawArticle.objects.get(material=law, number=4).text == "人民调解委员会调解民间纠纷，不收取任何费用。"
    assert law.articles.count() == 16
    members = Unit.objects.filter(is_member_unit=True)
    assert members.count() == 11
    for unit in members:
        held = StudySession.objects.filter(unit=unit, kind="half_hour", week__year__in=(
            2016, 2017, 2018)).count()
        assert 140 <= held < 157, unit.name  # 157 weeks, a few missed
    cadres = get_user_model().objects.filter(unit__isnull=False, is_active=True)
    assert cadres.count() >= 2
    for user in cadres:
        for year in (2016, 2017, 2018):
            seconds = Credit.objects.filter(user=user, day__year=year).aggregate(
                s=Sum("seconds"))["s"]
            assert seconds >= 600 * 60, (user.username, year)
    cadre = get_user_model().objects.get(username="cadre1")
    from fazhi.exams.models import Attempt

    # The demo's own 2017 cadre exam when cadre1 sat it (world_exams), else a paper of 80%.
    papers = [float(a.score * 100 / a.max_score) for a in Attempt.objects.filter(
        user=cadre, exam__opens_at__year=2017, state=Attempt.State.SUBMITTED)]
    if not papers:
        exam_result(cadre, cadre.unit, 2017, 80)
        papers = [80.0]
    total = round(100.0 * 0.5 + round(max(papers), 1) * 0.5, 1)
    score = score_of(actor=cadre, year=2017)
    assert (score.credit_points, score.total) == (100.0, total)
    assert score.grade == ("excellent" if total >= 90 else "pass" if total >= 60 else "fail")
