"""Reads for the public pages: every one returns published pages only, in a fixed number of
queries whatever the page size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from fazhi.cases.models import MEDIATED_OUTCOMES, Case, Kind
from fazhi.core.counting import count_at_once
from fazhi.core.periods import on_days
from fazhi.outreach.models import Activity, SignIn, WalkIn

from .models import ArticlePage, ChannelPage, HomePage

HOME_NOTICES = 8
HOME_PER_CHANNEL = 5
LIST_PER_PAGE = 20
LIST_MAX_PER_PAGE = 50
LIST_MAX_PAGE = 1000


def articles_of(channel: ChannelPage) -> QuerySet[ArticlePage]:
    return (ArticlePage.objects.live().public().child_of(channel)
            .order_by("-published_at", "-id"))


def nav_channels() -> list[ChannelPage]:
    """The channels of the navigation bar, in the editor's order."""
    return list(ChannelPage.objects.live().public().filter(depth=3).order_by("path")
                .only("title", "url_path", "path", "depth"))


def home_channels(*, home: HomePage) -> list[ChannelPage]:
    return list(ChannelPage.objects.live().public().child_of(home).order_by("path"))


def live_figures(*, year: int | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """This year's disputes mediated, public activities held and people reached, from records."""
    now = now or timezone.now()
    year = year or timezone.localtime(now).year
    since, until = dt.date(year, 1, 1), dt.date(year, 12, 31)
    held = (Activity.objects.filter(on_days("starts_at", since, until), starts_at__lte=now)
            .exclude(kind__in=Activity.RESTRICTED_KINDS))
    figures = count_at_once({
        "mediated": Case.objects.filter(on_days("concluded_at", since, until), kind=Kind.DISPUTE,
                                        outcome__in=MEDIATED_OUTCOMES),
        "activities": held,
        "signins": SignIn.objects.filter(activity__in=held.values("pk")),
    })
    walkins = WalkIn.objects.filter(activity__in=held.values("pk")).aggregate(n=Sum("count"))["n"]
    return {"year": year, "mediated": figures["mediated"], "activities": figures["activities"],
            "reached": figures["signins"] + (walkins or 0)}


@dataclass(frozen=True)
class ComingActivity:
    activity: Activity
    today: bool
    signin_open: bool


def upcoming_activities(*, now: dt.datetime | None = None,
                        limit: int = 5) -> list[ComingActivity]:
    """The public calendar's activities of today (Beijing time, all of them, even ended: their
    sign-in may still be open) and the next ones, never the restricted kinds; today's first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = (Activity.objects.filter(on_days("ends_at", today))
            .exclude(kind__in=Activity.RESTRICTED_KINDS)
            .select_related("community").order_by("starts_at", "pk")[:limit])
    return [ComingActivity(activity=a, today=timezone.localdate(a.starts_at) <= today,
                           signin_open=a.checkin_opens <= now <= a.checkin_closes)
            for a in rows]


def signin_entrance(activities: list[ComingActivity]) -> Activity | None:
    """The one activity whose sign-in is open now, which the home's entrance opens directly."""
    open_now = [c.activity for c in activities if c.signin_open]
    return open_now[0] if len(open_now) == 1 else None


def home_context(*, home: HomePage) -> dict[str, Any]:
    columns: list[dict[str, Any]] = []
    for channel in home_channels(home=home):
        size = HOME_NOTICES if channel.kind == ChannelPage.Kind.NOTICES else HOME_PER_CHANNEL
        columns.append({"channel": channel,
                        "articles": list(articles_of(channel).only(
                            "title", "url_path", "published_at", "path", "depth")[:size])})
    notices = next((c for c in columns if c["channel"].kind == ChannelPage.Kind.NOTICES), None)
    activities = upcoming_activities()
    return {"notices": notices, "columns": [c for c in columns if c is not notices],
            "figures": live_figures(), "activities": activities,
            "signin_entrance": signin_entrance(activities)}


@dataclass(frozen=True)
class ListPage:
    articles: list[ArticlePage]
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def channel_page(*, channel: ChannelPage, number: int = 1,
                 per_page: int = LIST_PER_PAGE) -> ListPage:
    """One page of a channel, newest first. No COUNT: one row more says whether a next exists."""
    number = min(max(number, 1), LIST_MAX_PAGE)
    per_page = min(max(per_page, 1), LIST_MAX_PER_PAGE)
    start = (number - 1) * per_page
    rows = list(articles_of(channel).only("title", "url_path", "published_at", "path", "depth")
                [start:start + per_page + 1])
    return ListPage(articles=rows[:per_page], number=number, per_page=per_page,
                    has_next=len(rows) > per_page)


def article_neighbours(*, article: ArticlePage) -> dict[str, ArticlePage | None]:
    """The previous (older) and next (newer) published article of the same channel."""
    siblings = ArticlePage.objects.live().public().sibling_of(article, inclusive=False).only(
        "title", "url_path", "path", "depth")
    at, pk = article.published_at, article.pk
    older = Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk)
    newer = Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk)
    return {"previous": siblings.filter(older).order_by("-published_at", "-id").first(),
            "next": siblings.filter(newer).order_by("published_at", "id").first()}


def channel_feed_items(*, channel: ChannelPage, limit: int = 30) -> list[ArticlePage]:
    return list(articles_of(channel)[:limit])
