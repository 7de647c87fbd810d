"""The list of records behind each figure, as a URL of the existing lists with the filters
that select exactly the records the figure counts (docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from fazhi.org.models import Agreement, Unit


def records_url(name: str, *, since: dt.date, until: dt.date,
                community: int | None = None) -> str:
    if not name:
        return ""
    received = {"since": since.isoformat(), "until": until.isoformat()}
    concluded = {"concluded_since": since.isoformat(), "concluded_until": until.isoformat()}
    where = {"community": community} if community else {}
    cases = {
        "cases_received": received,
        "concluded": concluded,
        "disputes_concluded": {**concluded, "kind": "dispute"},
        "mediated": {**concluded, "mediated": "on"},
        "backlog_resolved": {**concluded, "kind": "petition", "backlog": "on"},
        "sandai_claim": {**received, "mode": "claim"},
        "sandai_wishes": {**received, "mode": "wishes"},
        "sandai_affairs": {**received, "mode": "affairs"},
    }
    if name in cases:
        return f"{reverse('cases:list')}?{urlencode({**cases[name], **where})}"
    activities = {"activities": {}, "lectures": {"kind": "lecture_hall"},
                  "correction": {"kind": "correction"}}
    if name in activities:
        return f"{reverse('outreach:activities')}?{urlencode({**received, **activities[name], **where})}"
    if name == "six_places":
        return f"{reverse('outreach:reach')}?{urlencode(received)}"
    if name == "model_communities":
        return f"{reverse('assessments:index')}?" + urlencode({
            "model": "on", "decided_since": since.isoformat(),
            "decided_until": until.isoformat(), **where})
    if name == "exams":
        return reverse("exams:index")
    region = {"region": community} if community else {}
    if name == "workrooms":
        return f"{reverse('org:units')}?{urlencode({'kind': Unit.Kind.COMMUNITY_WORKROOM, **region})}"
    if name == "agreements":
        return f"{reverse('org:agreements')}?" + urlencode({
            "kind": Agreement.Kind.CO_BUILDING, "in_force_since": since.isoformat(),
            "in_force_until": until.isoformat(), **region})
    raise KeyError(name)
