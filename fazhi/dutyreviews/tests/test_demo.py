"""The demo world's 2018 duty review: every member unit, scored from its list and marks."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import client_for
from fazhi.core.roles import Role
from fazhi.dutyreviews.models import PanelMark, PeerMark, PublicRating, Review
from fazhi.dutyreviews.selectors import scores_for
from fazhi.outreach.models import Activity, ListItem
from tests.demo import demo_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(monkeypatch, time_machine):
    time_machine.move_to("2026-11-26 12:00:00+08:00", tick=False)
    demo_build(monkeypatch, "outreach", "dutyreviews")


def _completion(unit) -> Decimal:
    """Credited / planned of the unit's approved 2018 list, counted from the rows."""
    planned = credited = 0
    for item in ListItem.objects.filter(responsibility_list__unit=unit,
                                        responsibility_list__year=2018,
                                        responsibility_list__status="approved"):
        held = Activity.objects.filter(items=item, starts_at__year=2018).count()
        planned += item.planned_count
        credited += min(held, item.planned_count)
    if not planned:  # no approved list: 0
        return Decimal("0.0")
    return (Decimal(100 * credited) / planned).quantize(Decimal("0.1"), ROUND_HALF_UP)


def test_the_2018_review_scores_every_member_unit(demo_world):
    from django.contrib.auth import get_user_model

    review = Review.objects.get()
    assert review.year == 2018 and review.is_published
    units = list(review.units.all())
    assert len(units) >= 2
    assert PanelMark.objects.count() == review.panel.count() * len(units)
    assert PeerMark.objects.count() == len(units) * (len(units) - 1)
    for unit in units:
        assert 30 <= PublicRating.objects.filter(unit=unit).count() < 80
    leader = get_user_model().objects.filter(role=Role.LEADER).first()
    scores = scores_for(actor=leader, review=review)
    assert {s.unit.pk: s.completion for s in scores} == {u.pk: _completion(u) for u in units}
    assert all(s.total is not None and s.grade for s in scores)
    page = client_for(leader).get(f"/duty/{review.pk}/").content.decode()
    assert all(f'data-unit="{u.pk}"' in page for u in units)
