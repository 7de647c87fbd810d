"""What the organiser is shown as suspicious, each logged once per participant and kind:

- **too fast**: an answer given sooner after the one before it (or after the start, for the
  first) than a person can read its question. The least time is the stem's length at
  ``READ_CHARS_PER_SECOND`` characters a second, at least ``MIN_SECONDS``; fast readers of
  Chinese manage about 500 characters a minute, so 15 a second (900 a minute) is beyond a
  careful reader, not merely quick. A participant is logged when at least ``FAST_ANSWERS``
  answers (or all of them, on a shorter paper) were that fast. Checked at hand-in.
- **shared device / network**: the round's participants from the participant's device (its
  cookie) or network (IPv4 /24, IPv6 /64) reach the contest's ``per_device`` or
  ``per_network``. Checked at the start. Nothing is refused: a family shares a phone, a unit
  its network; the organiser decides.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import Contest, Participant, Suspicion

READ_CHARS_PER_SECOND = 15
MIN_SECONDS = 1.0
FAST_ANSWERS = 3


def reading_seconds(stem: str) -> float:
    """The least time a person needs to read a question of this stem."""
    return max(MIN_SECONDS, len(stem) / READ_CHARS_PER_SECOND)


def _log(participant: Participant, kind: str, detail: str, now: dt.datetime) -> None:
    try:
        with transaction.atomic():
            Suspicion.objects.create(contest_id=participant.contest_id,
                                     round_id=participant.round_id, participant=participant,
                                     kind=kind, detail=detail[:200], created_at=now)
    except IntegrityError:  # already logged
        pass


def fast_answers(participant: Participant, answers: list[Any]) -> list[tuple[float, int]]:
    """(seconds taken, stem length) of each answer given faster than its stem can be read."""
    given = sorted((a for a in answers if a.first_at is not None), key=lambda a: a.first_at)
    fast = []
    previous = participant.started_at
    for answer in given:
        seconds = (answer.first_at - previous).total_seconds()
        stem = answer.question_version.stem
        if seconds < reading_seconds(stem):
            fast.append((seconds, len(stem)))
        previous = answer.first_at
    return fast


def check_speed(participant: Participant, answers: list[Any], now: dt.datetime) -> None:
    fast = fast_answers(participant, answers)
    answered = sum(1 for a in answers if a.first_at is not None)
    if not fast or len(fast) < min(FAST_ANSWERS, answered):
        return
    seconds, chars = min(fast)
    _log(participant, Suspicion.Kind.TOO_FAST,
         _("%(n)d of %(m)d answers came faster than the question can be read (the fastest "
           "%(s).1f s for %(c)d characters).") % {"n": len(fast), "m": answered, "s": seconds,
                                                  "c": chars}, now)


def check_crowd(participant: Participant, contest: Contest, now: dt.datetime) -> None:
    others = Participant.objects.filter(round_id=participant.round_id)
    if participant.device:
        count = others.filter(device=participant.device).count()
        if count >= contest.per_device:
            _log(participant, Suspicion.Kind.SHARED_DEVICE,
                 _("%(n)d participants of this round from this device.") % {"n": count}, now)
    if participant.network:
        count = others.filter(network=participant.network).count()
        if count >= contest.per_network:
            _log(participant, Suspicion.Kind.SHARED_NETWORK,
                 _("%(n)d participants of this round from the network %(net)s.")
                 % {"n": count, "net": participant.network}, now)
