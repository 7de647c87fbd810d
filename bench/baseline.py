"""The minimal ORM + template view the staff home is measured against.

Same middleware, session, user and database. It fetches what the home shows, written the
plainest way: for each section one count and at most five rows with direct ORM calls (the
actor's open cases by due date with an overdue count, unread notifications, agreements ending
within 60 days, responsibility lists waiting), rendered by a bare template without the site
chrome. What the home costs beyond this is its chrome, its scoping and its abstractions.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.utils import timezone

from fazhi.cases.models import Case
from fazhi.cases.models.case import OPEN_STATES
from fazhi.inbox.models import Notification
from fazhi.org.models import Agreement
from fazhi.outreach.models import ResponsibilityList

BARE = Template(
    "<!DOCTYPE html><html lang=\"zh-hans\"><head><meta charset=\"utf-8\"><title>{{ user }}</title>"
    "</head><body>{% for s in sections %}<h2>{{ s.count }}</h2><ul>{% for r in s.rows %}"
    "<li><a href=\"/x/{{ r.pk }}/\">{{ r.title }}</a> {{ r.meta }}</li>"
    "{% endfor %}</ul>{% endfor %}<p>{{ unread }}</p></body></html>"
)


@login_required
def baseline_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    cases = Case.objects.filter(state__in=OPEN_STATES)
    if user.community_id:  # type: ignore[union-attr]
        cases = cases.filter(community_id=user.community_id)  # type: ignore[union-attr]
    case_counts = cases.aggregate(n=Count("pk"), late=Count("pk", filter=Q(due_at__lt=now)))
    case_rows = list(cases.order_by("due_at", "-id").values("pk", "number", "due_at")[:5])
    agreements = Agreement.objects.filter(ends_on__gte=now.date(),
                                          ends_on__lte=now.date() + dt.timedelta(days=60))
    agreement_rows = list(agreements.order_by("ends_on").values("pk", "title", "ends_on")[:5])
    lists = ResponsibilityList.objects.filter(status=ResponsibilityList.Status.SUBMITTED)
    list_rows = list(lists.values("pk", "year", "unit__name")[:5])
    sections = [
        {"count": case_counts["n"], "rows": [
            {"pk": r["pk"], "title": r["number"], "meta": r["due_at"]} for r in case_rows]},
        {"count": agreements.count(), "rows": [
            {"pk": r["pk"], "title": r["title"], "meta": r["ends_on"]} for r in agreement_rows]},
        {"count": lists.count(), "rows": [
            {"pk": r["pk"], "title": r["unit__name"], "meta": r["year"]} for r in list_rows]},
    ]
    unread = Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()  # type: ignore[misc]
    return HttpResponse(BARE.render(Context({"user": user, "sections": sections,
                                             "unread": unread})))


def insert_one(request: HttpRequest, activity: int) -> HttpResponse:
    """The baseline of a small write: one row inserted, same middleware, session and user."""
    from fazhi.outreach.models import WalkIn

    WalkIn.objects.create(activity_id=activity, count=1)
    return HttpResponse("ok")
