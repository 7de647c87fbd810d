"""Scoped reads of activities, sign-ins and the month calendar."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fazhi.core.periods import day_bounds, on_days
from fazhi.org.models import Region

from ..access import activity_scope, require_reader
from ..models import Activity, ActivityPhoto, KeyDate, SignIn, WalkIn


def with_attendance(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate ``signin_count`` and ``walkin_count`` (subqueries: no row multiplication)."""
    signins = (SignIn.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
               .annotate(n=Count("pk")).values("n"))
    walkins = (WalkIn.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
               .annotate(n=Sum("count")).values("n"))
    return activities.annotate(
        signin_count=Coalesce(Subquery(signins, output_field=IntegerField()), 0),
        walkin_count=Coalesce(Subquery(walkins, output_field=IntegerField()), 0))


def activity_list_for(*, actor: Any, kind: str = "", community_id: int | None = None,
                      since: dt.date | None = None, until: dt.date | None = None,
                      q: str = "", today: dt.date | None = None,
                      held: bool = False) -> QuerySet[Activity]:
    """The actor's activities, today's first (marked ``today``: under way on the day in
    Beijing time), then the newest. ``held``: only those that have started (what the reach
    figures count)."""
    today = today or timezone.localdate()
    start, end = day_bounds(today, today)
    activities = with_attendance(Activity.objects.filter(activity_scope(actor)).select_related(
        "community", "unit", "key_date")).annotate(today=ExpressionWrapper(
            Q(starts_at__lt=end, ends_at__gte=start), output_field=BooleanField())
    ).order_by("-today", "-starts_at", "-pk")
    if kind:
        activities = activities.filter(kind=kind)
    if community_id:
        activities = activities.filter(community_id=community_id)
    if since or until:
        activities = activities.filter(on_days("starts_at", since, until))
    if q:
        activities = activities.filter(title__icontains=q)
    if held:
        activities = activities.filter(starts_at__lte=timezone.now())
    return activities


def activity_get_for(*, actor: Any, pk: int) -> Activity:
    return get_object_or_404(
        with_attendance(Activity.objects.filter(activity_scope(actor)).select_related(
            "community", "unit", "key_date", "created_by")), pk=pk)


# What the public sign-in page and the sign-in itself read: nothing else is loaded. In the
# model's field order (Model.from_db takes the values so); planned_attendance sizes the page's
# rate limit (Activity.signins_per_address).
CHECKIN_FIELDS = ("id", "kind", "title", "starts_at", "ends_at", "venue", "planned_attendance",
                  "opens_before", "closes_after")


CHECKIN_CACHE_SECONDS = 10


def _checkin_key(code: str) -> str:
    return f"outreach:checkin:{code}"


def activity_for_checkin(*, code: str) -> Activity:
    """The public sign-in page's activity. Restricted kinds have no public page at all.

    It runs for every phone of a lecture hall's burst, so the few columns the page needs are
    kept in this process's memory (the ``local`` cache) for ``CHECKIN_CACHE_SECONDS``: an
    edit reaches the public page of this process at once (``forget_checkin_activity``) and of
    other app servers within ten seconds. A miss is one plain cursor query, far cheaper than
    the ORM's (docs/measurements.md)."""
    local = caches["local"]
    values = local.get(_checkin_key(code))
    if values is None:
        table = connection.ops.quote_name(Activity._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f) for f in CHECKIN_FIELDS)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table} WHERE code = %s",  # noqa: S608
                           [code])
            row = cursor.fetchone()
        if row is None:
            raise Http404
        # The one conversion the ORM would add: SQLite's naive datetimes made aware.
        values = [timezone.make_aware(v, connection.timezone) if isinstance(v, dt.datetime)
                  and timezone.is_naive(v) else v for v in row]
        local.set(_checkin_key(code), values, CHECKIN_CACHE_SECONDS)
    activity = Activity.from_db(connection.alias, list(CHECKIN_FIELDS), values)
    if activity.restricted:
        raise Http404
    return activity


def forget_checkin_activity(code: str) -> None:
    caches["local"].delete(_checkin_key(code))


def attendance_of(activity: Activity) -> dict[str, int]:
    signins = SignIn.objects.filter(activity=activity).count()
    walkins = WalkIn.objects.filter(activity=activity).aggregate(n=Sum("count"))["n"] or 0
    return {"signins": signins, "walkins": walkins, "total": signins + walkins}


def signins_of(*, actor: Any, activity: Activity) -> QuerySet[SignIn]:
    require_reader(actor)
    return SignIn.objects.filter(activity=activity).select_related("community").order_by(
        "created_at", "pk")


def photo_get_for(*, actor: Any, pk: int) -> ActivityPhoto:
    return get_object_or_404(ActivityPhoto.objects.filter(
        activity__in=Activity.objects.filter(activity_scope(actor))), pk=pk)


def month_calendar(*, actor: Any, year: int, month: int,
                   community_id: int | None = None) -> list[list[dict[str, Any]]]:
    """Weeks (Monday first) of days, each with its activities and key dates."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    activities = activity_list_for(actor=actor, since=first, until=last,
                                   community_id=community_id).order_by("starts_at", "pk")
    by_day: dict[dt.date, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_day[timezone.localtime(activity.starts_at).date()].append(activity)
    keys: dict[int, list[KeyDate]] = defaultdict(list)
    for key_date in KeyDate.objects.filter(active=True, month=month):
        keys[key_date.day].append(key_date)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        weeks.append([{"date": day, "in_month": day.month == month,
                       "activities": by_day.get(day, []),
                       "key_dates": keys.get(day.day, []) if day.month == month else []}
                      for day in week])
    return weeks


def feed_activities(*, community: Region, now: dt.datetime | None = None) -> QuerySet[Activity]:
    """What a community's public calendar feed carries: its own and the street-wide activities
    from 90 days ago on, never the restricted kinds."""
    now = now or timezone.now()
    return (Activity.objects.filter(starts_at__gte=now - dt.timedelta(days=90))
            .filter(Q(community=community) | Q(community__isnull=True))
            .exclude(kind__in=Activity.RESTRICTED_KINDS)
            .select_related("community", "unit").order_by("starts_at", "pk"))
