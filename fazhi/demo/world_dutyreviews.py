"""Duty reviews in the demo world: the 2018 review of every member unit's responsibility list
(lists and activities from world_outreach), with residents' ratings, two panel members' marks
and the units' marks of each other, so each unit's score and grade can be read with the
figures behind it. Set up and the panel's marks entered through the services; ratings and peer
marks are written as rows (the demo sends no SMS and has no account per unit)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from fazhi.core.roles import Role
from fazhi.dutyreviews.models import PeerMark, PublicRating
from fazhi.dutyreviews.services import marks, setup
from fazhi.dutyreviews.services.ratings import voter_digest

from .world import World

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2018


def build(rng: random.Random, world: World) -> None:
    admin = next((u for u in world.users.values() if u.role == Role.STREET_ADMIN), None)
    staff = [u for u in world.users.values() if u.role == Role.STREET_STAFF]
    # The member units that kept a list in 2018 (a unit without one would complete 0%).
    listed = list(setup.member_units().filter(responsibility_lists__year=YEAR)
                  .values_list("pk", flat=True))
    if admin is None or len(listed) < 2:
        return
    opens = dt.datetime(YEAR, 12, 1, 9, 0, tzinfo=TZ)
    review = setup.review_create(
        actor=admin, year=YEAR, title=f"{YEAR}年度“谁执法谁普法”成员单位履职评议",
        rating_opens_at=opens, rating_closes_at=opens + dt.timedelta(days=20),
        is_published=True, panel=[admin.pk, *(u.pk for u in staff[:1])], units=listed)
    units = list(review.units.order_by("pk"))
    # Each unit has a standing with residents: most are liked, one or two less so.
    ratings = []
    for n, unit in enumerate(units):
        liking = rng.choice((0.9, 0.8, 0.7, 0.5))
        for v in range(rng.randrange(30, 80)):
            draw = rng.random()
            level = (PublicRating.Level.SATISFIED if draw < liking else
                     PublicRating.Level.BASIC if draw < liking + (1 - liking) * 0.7 else
                     PublicRating.Level.UNSATISFIED)
            ratings.append(PublicRating(
                review=review, unit=unit, voter=voter_digest(review, f"1398{n:02d}{v:05d}"),
                level=level, comment="宣传资料发到了小区，讲座很实用。" if v % 17 == 0 else "",
                network=f"10.{rng.randrange(1, 250)}.{v}.0/24",
                created_at=opens + dt.timedelta(hours=rng.randrange(0, 20 * 24))))
    PublicRating.objects.bulk_create(ratings)
    for member in review.panel.all():
        marks.panel_marks_save(actor=member, review=review,
                               marks={u.pk: rng.randrange(70, 98) for u in units})
    PeerMark.objects.bulk_create([
        PeerMark(review=review, unit=unit, by_unit=by, entered_by=admin,
                 score=Decimal(rng.randrange(75, 99)))
        for unit in units for by in units if by.pk != unit.pk])
