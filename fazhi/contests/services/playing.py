"""Taking part in a round: start (or resume) a paper, save each answer as it is given, hand it
in, and the server's own hand-in when time is up. Every time is the server's clock (``now``).

A verified mobile has one paper a round: the unique constraint (round, mobile hash) makes a
double click, a second device or two servers racing one participant. ``answer_save`` checks,
under the paper's row lock, that the paper is this mobile's, open, before its deadline and at
the version the page holds, then writes the answer with one conditional UPDATE of its row (the
save newer than the saved one), as the exams app saves; the transaction commits before the view
answers, so an acknowledged save is never lost. Marking
happens once, at hand-in, under the participant's row lock."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.crypto import lookup_hash
from fazhi.core.http import network_of
from fazhi.exams.services.marking import is_correct
from fazhi.exams.services.sitting import answer_write
from fazhi.org.models import Unit
from fazhi.org.selectors import communities_for

from ..errors import AlreadyTaken, NotOnPaper, RoundClosed, StalePaper, TimeUp
from ..models import Answer, Contest, Participant, Round
from . import suspicion
from .drawing import draw

NAME_MAX = 20


def device_digest(token: str) -> str:
    return lookup_hash(f"contests-device:{token}")[:16] if token else ""


def _place(community_id: Any, unit_id: Any) -> tuple[int, int | None]:
    """The community and unit chosen from the lists: a community, and a unit of it (or none)."""
    errors: dict[str, str] = {}
    community = (communities_for().filter(pk=community_id).values_list("pk", flat=True).first()
                 if isinstance(community_id, int) else None)
    if community is None:
        errors["community"] = _("Choose your community from the list.")
    unit = None
    if unit_id not in (None, ""):
        unit = (Unit.objects.filter(pk=unit_id).values_list("pk", flat=True).first()
                if isinstance(unit_id, int) else None)
        if unit is None:
            errors["unit"] = _("Choose your unit from the list, or leave it empty.")
    if errors or community is None:
        raise ValidationError(errors)
    return community, unit


def round_start(*, contest: Contest, round_: Round, mobile_hash: str, mobile_masked: str,
                community_id: Any, unit_id: Any = None, name: str = "", ip: str = "",
                device: str = "", now: dt.datetime | None = None,
                rng: random.Random | None = None) -> Participant:
    """The mobile's open paper of the round (resumed, on any device), or a new one drawn now.
    AlreadyTaken once it was handed in; RoundClosed outside the window."""
    now = now or timezone.now()
    if round_.contest_id != contest.pk:
        raise Http404
    current = Participant.objects.filter(round=round_, mobile_hash=mobile_hash).first()
    if current is not None:
        if current.state == Participant.State.OPEN and current.deadline > now:
            return current
        participant_expire(participant_id=current.pk, now=now)
        raise AlreadyTaken
    if not (contest.is_published and round_.opens_at <= now < round_.closes_at):
        raise RoundClosed
    community, unit = _place(community_id, unit_id)
    name = (name or "").strip()
    if len(name) > NAME_MAX or "\x00" in name:
        raise ValidationError({"name": _("A name is at most %(n)d characters.") % {"n": NAME_MAX}})
    try:
        participant = _start(contest, round_, now, rng or random.Random(secrets.randbits(64)),
                             mobile_hash=mobile_hash, mobile_masked=mobile_masked[:20],
                             community_id=community, unit_id=unit, name=name,
                             network=network_of(ip), device=device)
    except IntegrityError:  # a second click (or server) started it in the same instant
        winner = Participant.objects.filter(round=round_, mobile_hash=mobile_hash).first()
        if winner is None:
            raise
        return winner
    suspicion.check_crowd(participant, contest, now)
    return participant


@transaction.atomic
def _start(contest: Contest, round_: Round, now: dt.datetime, rng: random.Random,
           **fields: Any) -> Participant:
    paper = draw(round_, contest.bank_id, rng)
    participant = Participant.objects.create(
        contest=contest, round=round_, started_at=now,
        deadline=min(now + dt.timedelta(seconds=round_.seconds), round_.closes_at),
        max_score=len(paper) * round_.points, **fields)
    Answer.objects.bulk_create([
        Answer(participant=participant, position=position, question_version_id=d.version_id,
               permutation=d.permutation) for position, d in enumerate(paper, start=1)])
    return participant


def answer_save(*, mobile_hash: str, participant_id: int, position: int, answer: Any, seq: int,
                paper_version: int, now: dt.datetime | None = None) -> Answer:
    """Save one answer; a refusal (TimeUp, NotOnPaper, StaleAnswer, StalePaper, 404 for a paper
    that is not this mobile's, ValidationError) changes nothing."""
    now = now or timezone.now()
    try:
        return _save(mobile_hash, participant_id, position, answer, seq, paper_version, now)
    except TimeUp:
        participant_expire(participant_id=participant_id, now=now)
        raise


@transaction.atomic
def _save(mobile_hash: str, participant_id: int, position: int, answer: Any, seq: int,
          paper_version: int, now: dt.datetime) -> Answer:
    # The paper's row is locked (FOR NO KEY UPDATE) while its answer is written: a hand-in
    # (FOR UPDATE) waits for saves in flight and a save after it sees the paper handed in. The
    # UPDATE's own condition is on the answer's row alone, which PostgreSQL re-checks when two
    # saves race; a condition reached through a join would be read from the statement's
    # snapshot and let both saves through (bench_contests measured that).
    participant = (Participant.objects.select_for_update(no_key=True)
                   .filter(pk=participant_id).first())
    if participant is None or participant.mobile_hash != mobile_hash:
        raise Http404(_("No paper of yours has this number."))
    if participant.state != Participant.State.OPEN or participant.deadline <= now:
        raise TimeUp
    if participant.version != paper_version:
        raise StalePaper
    item = (Answer.objects.select_related("question_version__question")
            .filter(participant_id=participant_id, position=position).first())
    if item is None:
        raise NotOnPaper
    return answer_write(item, answer=answer, seq=seq, now=now,
                        first_at=Coalesce(F("first_at"), now))


def participant_submit(*, mobile_hash: str, participant_id: int, expected_version: int,
                       now: dt.datetime | None = None) -> Participant:
    now = now or timezone.now()
    participant = Participant.objects.filter(pk=participant_id, mobile_hash=mobile_hash).first()
    if participant is None:
        raise Http404(_("No paper of yours has this number."))
    if participant.state == Participant.State.OPEN and participant.deadline <= now:
        participant_expire(participant_id=participant_id, now=now)
        raise TimeUp
    return _finish(participant_id, now, Participant.EndedBy.PARTICIPANT, expected_version)


def participant_expire(*, participant_id: int, now: dt.datetime | None = None
                       ) -> Participant | None:
    """The server's hand-in of a paper whose time is up (idempotent)."""
    now = now or timezone.now()
    try:
        return _finish(participant_id, now, Participant.EndedBy.TIMEOUT, None)
    except (StalePaper, TimeUp):
        return None


@transaction.atomic
def _finish(participant_id: int, now: dt.datetime, ended_by: str,
            expected_version: int | None) -> Participant:
    participant = (Participant.objects.select_for_update().select_related("round")
                   .get(pk=participant_id))
    if participant.state != Participant.State.OPEN:
        raise TimeUp
    if ended_by == Participant.EndedBy.TIMEOUT and participant.deadline > now:
        raise StalePaper  # not due yet
    if expected_version is not None and participant.version != expected_version:
        raise StalePaper
    answers = list(Answer.objects.filter(participant=participant)
                   .select_related("question_version__question"))
    right = 0
    for answer in answers:
        version = answer.question_version
        answer.correct = is_correct(version, version.question.kind, answer.response)
        right += answer.correct
    Answer.objects.bulk_update(answers, ["correct"], batch_size=200)
    ended = min(now, participant.deadline)
    participant.state, participant.ended_by = Participant.State.SUBMITTED, ended_by
    participant.submitted_at = ended
    participant.score = right * participant.round.points
    participant.taken_ms = int((ended - participant.started_at).total_seconds() * 1000)
    participant.version += 1
    participant.save()
    suspicion.check_speed(participant, answers, now)
    return participant


def participants_sweep(*, now: dt.datetime | None = None) -> int:
    """Hand in every open paper whose time is up (the contests_sweep job, every minute)."""
    now = now or timezone.now()
    due = list(Participant.objects.filter(state=Participant.State.OPEN, deadline__lte=now)
               .values_list("pk", flat=True)[:5000])
    return sum(1 for pk in due if participant_expire(participant_id=pk, now=now) is not None)
