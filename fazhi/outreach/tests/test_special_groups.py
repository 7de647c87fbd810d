"""Study records of people under community correction: justice-office roles only (PIPL)."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from fazhi.outreach.models import Activity
from fazhi.outreach.services.checkin import signin_create

from .conftest import at, make_activity


@pytest.fixture
def correction(north, street_admin):
    activity = make_activity(kind=Activity.Kind.CORRECTION, title="社区矫正集中学习",
                             community=north)
    signin_create(activity=activity, name="矫正对象甲", mobile="13700000001", actor=street_admin,
                  source="staff")
    return activity


@pytest.mark.parametrize("persona", ["worker", "outsider", "street_staff", "lawyer", "mediator"])
def test_non_justice_roles_never_see_correction_study(request, as_user, correction, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(reverse("outreach:activity_detail", args=[correction.pk])).status_code == 404
    for name in ("qr_png", "poster", "signins_export", "attendance"):
        assert client.get(reverse(f"outreach:{name}", args=[correction.pk])).status_code == 404
    index = client.get(reverse("outreach:activities")).content.decode()
    assert "社区矫正集中学习" not in index
    with time_machine.travel(at(2026, 3, 1), tick=False):
        calendar = client.get(reverse("outreach:calendar")).content.decode()
    assert "社区矫正集中学习" not in calendar
    assert correction.get_kind_display() not in index


def test_the_public_never_sees_correction_study(client, correction):
    assert client.get(reverse("outreach:checkin", args=[correction.code])).status_code == 404
    assert "社区矫正集中学习" not in client.get("/", follow=True).content.decode()


@pytest.mark.parametrize("persona", ["street_admin", "leader"])
def test_justice_roles_see_the_study_record(request, as_user, correction, persona):
    page = as_user(request.getfixturevalue(persona)).get(
        reverse("outreach:activity_detail", args=[correction.pk]))
    assert page.status_code == 200
    assert [s.name_masked for s in page.context["signins"]] == ["矫****"]
    assert f"/outreach/{correction.pk}/qr.svg" not in page.content.decode()


def test_migrants_study_is_an_ordinary_activity(as_user, worker, north):
    activity = make_activity(kind=Activity.Kind.MIGRANTS, community=north)
    assert as_user(worker).get(
        reverse("outreach:activity_detail", args=[activity.pk])).status_code == 200
