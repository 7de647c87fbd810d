"""The demo world's law popularisation: the 2016-2018 history a Xima-like report claims."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.outreach.models import Activity, ResponsibilityList, SignIn


def check_the_demo_world_reproduces_the_reported_reach(client, as_user) -> None:
    """Run on the demo world dated 2026-03-10 (fazhi/reports/tests/test_demo_history.py builds
    it once for the three tests of its 2016-2018 history)."""
    history = Activity.objects.filter(starts_at__year__in=(2016, 2017, 2018))
    kinds = dict(history.values_list("kind").annotate(n=Count("pk")))
    assert kinds["lecture_hall"] >= 200 and kinds["correction"] >= 100
    assert kinds["lawyer_talk"] and kinds["theme_day"] and kinds["youth"]
    unique = (SignIn.objects.filter(activity__in=history).exclude(activity__kind="correction")
              .values("mobile_hash").distinct().count())
    assert 4900 <= unique <= 5100
    # the reach page shows the three years as one figure, the same as the count above
    viewer = make_user("reach_viewer", Role.STREET_STAFF)
    page = as_user(viewer).get(reverse("outreach:reach"), {"year": 2016, "year_to": 2018})
    assert page.status_code == 200 and page.context["r"].unique_people == unique
    assert f'data-testid="unique">{unique}<' in page.content.decode()
    assert ResponsibilityList.objects.filter(year=2017, status="approved").count() >= 5
    today = Activity.objects.get(starts_at__date="2026-03-10")
    assert Activity.objects.filter(starts_at__date__gt="2026-03-10").count() >= 5
    import time_machine

    from .conftest import at

    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        response = client.post(reverse("outreach:checkin", args=[today.code]),
                                {"name": "访客", "mobile": "13511112222"})
    assert response.status_code == 201
