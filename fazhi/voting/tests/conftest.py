"""A campaign open now with two categories and three candidates; an SMS recorder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.voting.models import Campaign, Candidate, Category
from tests.outbox import outbox_fixture

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)  # 18:00 in Beijing
MOBILE = "13912345678"


outbox = outbox_fixture()


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def campaign(db) -> Campaign:
    return Campaign.objects.create(
        title="第五届“普法网红”评选", intro="投出你心中的普法网红。",
        opens_at=NOW - dt.timedelta(days=3), closes_at=NOW + dt.timedelta(days=7),
        is_published=True, picks_per_category=2)


@pytest.fixture
def categories(campaign) -> dict[str, Category]:
    return {"person": Category.objects.create(campaign=campaign, name="个人", position=1),
            "team": Category.objects.create(campaign=campaign, name="团队", position=2)}


@pytest.fixture
def candidates(campaign, categories) -> dict[str, Candidate]:
    made = {}
    for key, category, name in (("li", "person", "李律师"), ("wang", "person", "王调解员"),
                                ("zhao", "person", "赵网格员"), ("team", "team", "法治宣讲团")):
        made[key] = Candidate.objects.create(campaign=campaign, category=categories[category],
                                             name=name, affiliation="西马街道", intro="简介")
    return made


@pytest.fixture
def other_campaign(db) -> Campaign:
    other = Campaign.objects.create(title="另一评选", opens_at=NOW - dt.timedelta(days=1),
                                    closes_at=NOW + dt.timedelta(days=1), is_published=True)
    category = Category.objects.create(campaign=other, name="个人")
    Candidate.objects.create(campaign=other, category=category, name="别人")
    return other


def now() -> dt.datetime:
    return timezone.now()
