"""The demo world's "普法网红" campaign: in progress, with candidates, photos, votes and a jury."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.voting.models import Campaign, Candidate, JuryMark, Vote
from tests.demo import demo_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(monkeypatch, settings, tmp_path, time_machine):
    time_machine.move_to("2026-11-26 12:00:00+08:00", tick=False)
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)}}}
    demo_build(monkeypatch, "voting")


def test_the_demo_campaign_is_in_progress_with_candidates_votes_and_a_jury(demo_world):
    campaign = Campaign.objects.get()
    assert campaign.title == "第五届“普法网红”评选" and campaign.is_published
    assert campaign.categories.count() == 3
    assert Candidate.objects.count() == 12
    assert all(c.photo for c in Candidate.objects.all())
    assert Vote.objects.filter(status="counted").count() > 200
    assert Vote.objects.filter(status="held").count() == 6
    assert campaign.jurors.count() == 2 and JuryMark.objects.count() == 12
    # The rules hold in the demo's rows too: at most 2 picks a category a day.
    assert max(Vote.objects.values_list("pick", flat=True)) <= 2
    page = Client().get(f"/vote/{campaign.pk}/")
    assert page.status_code == 200
    assert "投票中" in page.content.decode()
    photo = Client().get(f"/vote/{campaign.pk}/candidates/{Candidate.objects.first().pk}/photo.jpg")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
