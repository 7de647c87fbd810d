"""The study reads of materials and of the weeks due (fazhi/study/selectors.py), against
figures written out here, never by a selector (the scores, rates and weekly study are in
test_study_reads.py). The clock is frozen at 2026-11-30 (a Monday), 10:00 Beijing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from fazhi.study.models import LawArticle, Material
from fazhi.study.selectors import articles_of, material_get_for, material_list_for, weeks_of

# --- materials --------------------------------------------------------------------------------------

@pytest.fixture
def library(clock, street_staff):
    """Materials found by "调解" in one place each, and one with articles that do not say it."""
    made = {}
    for key, kind, title, summary, body, published in (
            ("by_title", "article", "调解工作手册", "", "", True),
            ("by_summary", "article", "读本一", "关于调解的说明", "", True),
            ("by_body", "article", "读本二", "", "社区调解案例", True),
            ("by_article", "law", "某法", "", "", True),
            ("other_law", "law", "合同法", "合同", "", True),
            ("draft", "article", "调解草稿", "", "", False)):
        made[key] = Material.objects.create(kind=kind, title=title, summary=summary, body=body,
                                            published=published, credit_minutes=30)
    LawArticle.objects.create(material=made["by_article"], number=1, label="第一条",
                              text="人民调解委员会依法设立。")
    LawArticle.objects.create(material=made["by_article"], number=2, label="第二条",
                              text="本法所称纠纷。")
    LawArticle.objects.create(material=made["other_law"], number=1, label="第一条",
                              text="合同依法成立。")
    # created at: by_body newest; by_title and by_summary at the same moment (then newest key
    # first); by_article, other_law and draft older, in that order
    moments = {"by_body": 10, "by_title": 5, "by_summary": 5, "by_article": 3, "other_law": 2,
               "draft": 1}
    for key, days in moments.items():
        Material.objects.filter(pk=made[key].pk).update(
            created_at=timezone.now() - dt.timedelta(days=30 - days))
    return made


def _titles(rows):
    return [m.title for m in rows]


def test_materials_found_by_title_summary_text_or_an_article_newest_first(library, cadre,
                                                                         street_staff):
    found = ["读本二", "读本一", "调解工作手册", "某法"]
    assert _titles(material_list_for(actor=cadre, q="调解")) == found
    assert _titles(material_list_for(actor=cadre, q="调解", manage=True)) == found
    assert _titles(material_list_for(actor=street_staff, q="调解")) == found
    assert _titles(material_list_for(actor=street_staff, q="调解", manage=True)) == [
        *found, "调解草稿"]
    assert _titles(material_list_for(actor=cadre)) == [*found, "合同法"]


def test_a_draft_is_read_only_by_an_organiser_managing(library, cadre, street_staff):
    draft = library["draft"].pk
    assert material_get_for(actor=street_staff, pk=draft, manage=True).title == "调解草稿"
    with pytest.raises(Http404):  # not managing unless asked
        material_get_for(actor=street_staff, pk=draft)
    for actor, manage in ((street_staff, False), (cadre, False), (cadre, True)):
        with pytest.raises(Http404):
            material_get_for(actor=actor, pk=draft, manage=manage)
    assert material_get_for(actor=cadre, pk=library["by_body"].pk).title == "读本二"


def test_a_laws_articles_found_by_text_or_heading(library):
    law = library["by_article"]
    assert [a.label for a in articles_of(law)] == ["第一条", "第二条"]
    assert [a.label for a in articles_of(law, "第二条")] == ["第二条"]
    assert [a.label for a in articles_of(law, "调解")] == ["第一条"]
    assert [a.label for a in articles_of(law, "第三条")] == []


# --- the weeks due ------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "today"), [
    (2026, dt.date(2026, 11, 30)),  # 1 January a Thursday; today a Monday
    (2026, dt.date(2026, 11, 29)),
    (2024, dt.date(2024, 3, 1)),  # 1 January a Monday
    (2025, dt.date(2026, 6, 1)),  # a year gone by: every Monday
    (2026, dt.date(2026, 1, 4)),  # before the year's first Monday
    (2027, dt.date(2027, 12, 31)),
])
def test_the_weeks_due_are_the_years_mondays_up_to_today(year, today):
    mondays = [d for d in (dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366))
               if d.year == year and d.weekday() == 0 and d <= today]
    assert weeks_of(year, today) == mondays


def test_the_weeks_due_written_out():
    assert len(weeks_of(2026, dt.date(2026, 11, 30))) == 48
    assert weeks_of(2024, dt.date(2024, 1, 15)) == [dt.date(2024, 1, 1), dt.date(2024, 1, 8),
                                                    dt.date(2024, 1, 15)]
    assert weeks_of(2026, dt.date(2026, 1, 12)) == [dt.date(2026, 1, 5), dt.date(2026, 1, 12)]
