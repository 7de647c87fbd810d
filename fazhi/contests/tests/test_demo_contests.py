"""The demo world's contest: in progress, papers handed in, the suspicious log filled, and the
public and organiser pages show it."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import client_for
from fazhi.contests.models import Contest, Participant, Suspicion
from tests.demo import demo_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(monkeypatch, time_machine):
    time_machine.move_to("2026-11-26 12:00:00+08:00", tick=False)
    demo_build(monkeypatch, "exams", "contests")


def test_the_demo_contest_is_in_progress_with_results_and_a_suspicious_log(demo_world):
    contest = Contest.objects.get()
    first, second = contest.rounds.order_by("opens_at")
    handed_in = Participant.objects.filter(state="submitted")
    # fazhi/demo/world_contests.py: 48 in round one; 30 at a reading pace, 3 too fast and 4
    # from one phone in round two, and 3 still answering
    assert handed_in.filter(round=first).count() == 48
    assert handed_in.filter(round=second).count() == 30 + 3 + 4
    assert Participant.objects.filter(state="open").count() == 3
    assert Suspicion.objects.filter(kind="too_fast").count() == 3
    assert Suspicion.objects.filter(kind="shared_device").count() == 2  # the 3rd and 4th
    public = Client().get(f"/contests/{contest.pk}/rounds/{second.pk}/board/")
    assert public.content.decode().count('data-participant-rank="') == 37
    from django.contrib.auth import get_user_model
    staff = get_user_model().objects.get(username="staff")
    page = client_for(staff).get(f"/contests/staff/{contest.pk}/suspicious/").content.decode()
    assert page.count("data-suspicion=") == 5
