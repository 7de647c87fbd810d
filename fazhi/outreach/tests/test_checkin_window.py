"""The sign-in window is one rule: the page shown before anyone types says what a sign-in
would be told."""

import time_machine
from django.urls import reverse

from .conftest import at, make_activity


def test_the_sign_in_page_before_the_window_says_when_it_opens_as_the_service_would(
        client, north):
    lecture = make_activity(community=north)  # 09:00, opening 30 minutes before by default
    with time_machine.travel(at(2026, 3, 10, 7), tick=False):
        early = client.get(reverse("outreach:checkin", args=[lecture.code]))
    with time_machine.travel(at(2026, 3, 11, 7), tick=False):
        late = client.get(reverse("outreach:checkin", args=[lecture.code]))
    opens = lecture.checkin_opens.astimezone(at(2026, 3, 10).tzinfo)
    assert f"签到将于 {opens:%Y-%m-%d %H:%M} 开放" in early.content.decode()
    assert "签到已于 2026-03-10 " in late.content.decode()
