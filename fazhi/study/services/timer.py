"""The study timer: credit accrues only for time the material's page was open and visible.

The page opens a visit, then beats every ``BEAT_SECONDS`` while it is visible, and once more
when it is hidden (a pause). A beat credits the time since the previous one, on the server's
clock, when that gap is plausible; caps per material (a year) and per day (the year's rule)
cut it. Only the newest visit of a person is live, so two windows, two devices or a script
opening visits in parallel earn the time once; a beat's sequence number must rise, so a
replayed beat earns nothing. docs/study.md has the rules with numbers.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.conflicts import Conflict
from fazhi.core.roles import require_reader

from ..models import Credit, Material, Visit
from ..selectors import rule_for

BEAT_SECONDS = 30    # the page beats this often while visible
EARLIEST_SECONDS = 20  # a visible beat sooner than this after the last is refused
LATEST_SECONDS = 90  # a gap longer than this earns nothing: the page was hidden or offline


class BeatRefused(Conflict):
    code = "beat_refused"


class Superseded(BeatRefused):
    """A newer visit of the same person is live: this page earns nothing more."""

    code = "superseded"


@dataclass
class Beat:
    credited: int          # seconds this beat earned
    material_seconds: int  # the person's credit on this material this year
    day_seconds: int       # the person's credit today
    capped: str            # "", "material" or "day": which cap stopped the credit


@transaction.atomic
def visit_open(*, actor: Any, material: Material) -> Visit:
    """Open a visit; any other live visit of the person stops earning."""
    require_reader(actor)
    now = timezone.now()
    for _attempt in range(2):  # a parallel open commits first: close it too, once
        Visit.objects.filter(user_id=actor.pk, live=True).update(live=False)
        try:
            with transaction.atomic():
                return Visit.objects.create(user_id=actor.pk, material=material,
                                            token=secrets.token_hex(16), opened_at=now,
                                            last_at=now)
        except IntegrityError:
            continue
    raise BeatRefused(_("Another study page was opened at the same moment; reload this one."))


def _year_of(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


@transaction.atomic
def visit_beat(*, actor: Any, token: str, seq: int, visible: bool) -> Beat:
    require_reader(actor)
    visit = (Visit.objects.select_for_update().select_related("material")
             .filter(token=str(token)[:32], user_id=actor.pk).first())
    if visit is None:
        raise Http404
    if not visit.live:
        raise Superseded(_("This material is open in another window or device; study credit "
                            "goes to the newest one only."))
    if seq <= visit.seq:
        raise BeatRefused(_("This report was already counted."))
    now = timezone.now()
    gap = (now - visit.last_at).total_seconds()
    if visible and not visit.paused and gap < EARLIEST_SECONDS:
        raise BeatRefused(_("Too soon: the page reports once every %(n)s seconds.")
                          % {"n": BEAT_SECONDS})
    earned = int(gap) if not visit.paused and 0 <= gap <= LATEST_SECONDS else 0
    day = timezone.localdate(now)
    rule = rule_for(day.year)
    mine = Credit.objects.filter(user_id=actor.pk)
    day_used = mine.filter(day=day).aggregate(s=Sum("seconds"))["s"] or 0
    material_used = mine.filter(material=visit.material, day__range=_year_of(day)).aggregate(
        s=Sum("seconds"))["s"] or 0
    day_left = max(0, rule.daily_minutes * 60 - day_used)
    material_left = max(0, visit.material.credit_minutes * 60 - material_used)
    credited = min(earned, day_left, material_left)
    capped = "material" if material_left <= earned and material_left <= day_left else (
        "day" if day_left <= earned else "")
    if credited:
        rows = Credit.objects.filter(user_id=actor.pk, material=visit.material, day=day)
        if not rows.update(seconds=F("seconds") + credited):
            Credit.objects.create(user_id=actor.pk, material=visit.material, day=day,
                                  seconds=credited)
    Visit.objects.filter(pk=visit.pk).update(seq=seq, last_at=now, paused=not visible,
                                             seconds=F("seconds") + credited)
    return Beat(credited, material_used + credited, day_used + credited, capped)
