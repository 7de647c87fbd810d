"""Sitting an exam: start (or resume) a paper, save each answer as it is given, submit, and the
server's own submit when time is up. Every time is the server's clock (``now``).

``answer_save`` is one conditional UPDATE of one row: it only changes the item when the paper
is the candidate's, open, before its deadline, at the paper version the page holds, and the save
is newer than the saved one. The service's transaction commits before the view answers, so an
acknowledged save is never lost."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.audit.services import audit_record
from fazhi.core.masking import mask_name

from ..errors import ExamClosed, NoAttemptsLeft, NotOnPaper, StaleAnswer, StalePaper, TimeUp
from ..models import Attempt, Certificate, Enrolment, Exam, Kind, PaperItem
from .drawing import Drawn, draw
from .marking import mark, save_marks

MAX_FILL = 200
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def window_open(exam: Exam, enrolment: Enrolment, now: dt.datetime) -> dt.datetime | None:
    """When the window a new attempt may start in closes, or None when none is open now."""
    if exam.status != Exam.Status.PUBLISHED:
        return None
    if exam.opens_at <= now < exam.closes_at:
        return exam.closes_at
    if (exam.makeup_opens_at and exam.makeup_closes_at and not enrolment.passed
            and exam.makeup_opens_at <= now < exam.makeup_closes_at):
        return exam.makeup_closes_at
    return None


def attempt_start(*, actor: Any, exam: Exam, now: dt.datetime | None = None,
                  rng: random.Random | None = None) -> Attempt:
    """The candidate's open paper (resumed, on any device), or a new one drawn now."""
    now = now or timezone.now()
    enrolment = Enrolment.objects.filter(exam=exam, user_id=actor.pk).first()
    if enrolment is None:
        raise Http404
    current = Attempt.objects.filter(enrolment=enrolment, state=Attempt.State.OPEN).first()
    if current is not None:
        if current.deadline > now:
            return current
        attempt_expire(attempt_id=current.pk, now=now)
        enrolment.refresh_from_db()
    try:
        return _start(exam, enrolment, now, rng or random.Random(secrets.randbits(64)))
    except IntegrityError:  # a second click started it in the same instant
        current = Attempt.objects.filter(enrolment=enrolment, state=Attempt.State.OPEN).first()
        if current is None:
            raise
        return current


@transaction.atomic
def _start(exam: Exam, enrolment: Enrolment, now: dt.datetime, rng: random.Random) -> Attempt:
    closes = window_open(exam, enrolment, now)
    if closes is None:
        raise ExamClosed
    if enrolment.attempts >= exam.max_attempts:
        raise NoAttemptsLeft
    paper = draw(exam, rng)
    attempt = Attempt.objects.create(
        enrolment=enrolment, exam=exam, user_id=enrolment.user_id, number=enrolment.attempts + 1,
        started_at=now, deadline=min(now + dt.timedelta(minutes=exam.duration_minutes), closes),
        max_score=sum(d.points for d in paper))
    _items_insert(attempt.pk, paper)
    Enrolment.objects.filter(pk=enrolment.pk).update(attempts=F("attempts") + 1)
    return attempt


_ITEM_SET = ("attempt", "position", "question_version", "points", "permutation", "awarded")
_ITEM_BLANK = ("response", "seq", "answered_at", "correct")


def _items_insert(attempt_id: int, paper: list[Drawn]) -> None:
    """The paper's rows, one prepared INSERT run for each (``executemany``). Each row as
    ``bulk_create`` would write it, less the ORM's preparing of 500 values, which was a third
    of a start (docs/exams.md, "Figures"); the JSON and decimal columns still go through their
    fields' own preparing, so every database gets the values it expects."""
    fields = {field.name: field for field in PaperItem._meta.concrete_fields}
    permutation = fields["permutation"]
    columns = ", ".join(connection.ops.quote_name(str(fields[name].column))
                        for name in _ITEM_SET + _ITEM_BLANK)
    zero = fields["awarded"].get_db_prep_save(Decimal(0), connection)
    table = connection.ops.quote_name(PaperItem._meta.db_table)
    # Only the model's own table and column names are put into the text.
    sql = (f"INSERT INTO {table} ({columns}) "  # noqa: S608
           "VALUES (%s, %s, %s, %s, %s, %s, NULL, 0, NULL, NULL)")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [
            (attempt_id, position, d.version_id, d.points,
             permutation.get_db_prep_save(d.permutation, connection), zero)
            for position, d in enumerate(paper, start=1)])


def stored_response(kind: str, permutation: list[int], given: Any) -> Any:
    """The answer as the page gave it (shown option places, or text) in stored form: stored
    option indices, sorted; None for no answer. ValidationError when it does not fit."""
    if given in (None, "", []):
        return None
    if kind == Kind.FILL:
        if not isinstance(given, str) or len(given) > MAX_FILL or "\x00" in given:
            raise ValidationError({"answer": _("A written answer is at most %(max)d characters.")
                                   % {"max": MAX_FILL}})
        return given.strip() or None
    places = given if isinstance(given, list) else [given]
    if (not all(isinstance(p, int) and not isinstance(p, bool) for p in places)
            or len(set(places)) != len(places)
            or any(not 0 <= p < len(permutation) for p in places)
            or (kind != Kind.MULTIPLE and len(places) != 1)):
        raise ValidationError({"answer": _("That answer does not fit the question.")})
    return sorted(permutation[p] for p in places)


def answer_save(*, actor: Any, attempt_id: int, position: int, answer: Any, seq: int,
                paper_version: int, now: dt.datetime | None = None) -> PaperItem:
    """Save one answer; a refusal (TimeUp, NotOnPaper, StaleAnswer, StalePaper, 404 for a paper
    that is not the actor's, ValidationError) changes nothing."""
    now = now or timezone.now()
    try:
        return _save(actor, attempt_id, position, answer, seq, paper_version, now)
    except TimeUp:
        attempt_expire(attempt_id=attempt_id, now=now)  # submitted now, in its own transaction
        raise


@transaction.atomic
def _save(actor: Any, attempt_id: int, position: int, answer: Any, seq: int,
          paper_version: int, now: dt.datetime) -> PaperItem:
    # The item and its paper, the paper's row locked: a save waits for a submit (or another
    # save of this paper) in flight and then sees what it left, so the UPDATE below conditions
    # only its own row. (Conditions reached through a join are read from the statement's
    # snapshot on PostgreSQL: two racing saves of one answer were both acknowledged.)
    # Only the columns the checks and the write read (not the question's texts).
    item = (PaperItem.objects.select_related("attempt", "question_version__question")
            .only("position", "seq", "permutation", "attempt__user_id", "attempt__state",
                  "attempt__deadline", "attempt__version", "question_version__question__kind")
            .select_for_update(of=("attempt",))
            .filter(attempt_id=attempt_id, position=position).first())
    attempt = item.attempt if item else Attempt.objects.filter(pk=attempt_id).first()
    if attempt is None or attempt.user_id != actor.pk:
        raise Http404(_("No paper of yours has this number."))
    if attempt.state != Attempt.State.OPEN or attempt.deadline <= now:
        raise TimeUp
    if attempt.version != paper_version:
        raise StalePaper
    if item is None:
        raise NotOnPaper
    return answer_write(item, answer=answer, seq=seq, now=now)


def answer_write(item: Any, *, answer: Any, seq: int, now: dt.datetime, **more: Any) -> Any:
    """Write one answer of a paper (an exam's ``PaperItem``, a contest's ``Answer``) whose paper
    row the caller holds locked: only a save newer than the saved one (``seq``), by one
    conditional UPDATE of the answer's own row; ``more`` are further columns to set."""
    if not isinstance(seq, int) or isinstance(seq, bool) or seq <= item.seq:
        raise StaleAnswer(item.seq)
    response = stored_response(item.question_version.question.kind, item.permutation, answer)
    changed = type(item)._default_manager.filter(pk=item.pk, seq__lt=seq).update(
        response=response, seq=seq, answered_at=now, **more)
    if not changed:  # another save of the same answer won the race
        raise StaleAnswer(seq)
    item.response, item.seq, item.answered_at = response, seq, now
    return item


def attempt_submit(*, actor: Any, attempt_id: int, expected_version: int,
                   now: dt.datetime | None = None) -> Attempt:
    now = now or timezone.now()
    attempt = Attempt.objects.filter(pk=attempt_id, user_id=actor.pk).first()
    if attempt is None:
        raise Http404(_("No paper of yours has this number."))
    if attempt.state == Attempt.State.OPEN and attempt.deadline <= now:
        attempt_expire(attempt_id=attempt_id, now=now)
        raise TimeUp
    return _finish(attempt_id, now, Attempt.EndedBy.CANDIDATE, expected_version, actor)


def attempt_expire(*, attempt_id: int, now: dt.datetime | None = None) -> Attempt | None:
    """The server's submit of a paper whose time is up (idempotent: a second call does nothing)."""
    now = now or timezone.now()
    try:
        return _finish(attempt_id, now, Attempt.EndedBy.TIMEOUT, None, None)
    except (StalePaper, TimeUp):
        return None


@transaction.atomic
def _finish(attempt_id: int, now: dt.datetime, ended_by: str, expected_version: int | None,
            actor: Any) -> Attempt:
    attempt = Attempt.objects.select_for_update().select_related("exam").get(pk=attempt_id)
    if attempt.state != Attempt.State.OPEN:
        raise TimeUp
    if ended_by == Attempt.EndedBy.TIMEOUT and attempt.deadline > now:
        raise StalePaper  # not due yet
    if expected_version is not None and attempt.version != expected_version:
        raise StalePaper
    save_marks(mark(attempt, attempt.exam))
    attempt.state, attempt.ended_by = Attempt.State.SUBMITTED, ended_by
    attempt.submitted_at = min(now, attempt.deadline)
    attempt.version += 1
    attempt.save()
    _best(attempt)
    if attempt.passed:
        _certificate(attempt, now)
    audit_record(actor=actor, action="submit", obj=attempt,
                 changes={"score": str(attempt.score), "ended_by": ended_by})
    return attempt


def _best(attempt: Attempt) -> None:
    best = Attempt.objects.filter(enrolment_id=attempt.enrolment_id,
                                  state=Attempt.State.SUBMITTED).aggregate(m=Max("score"))["m"]
    enrolment = Enrolment.objects.select_for_update().get(pk=attempt.enrolment_id)
    enrolment.sat = True
    enrolment.passed = enrolment.passed or attempt.passed
    enrolment.excellent = enrolment.excellent or attempt.excellent
    enrolment.best_score = best
    enrolment.save(update_fields=["sat", "passed", "excellent", "best_score"])


def _certificate(attempt: Attempt, now: dt.datetime) -> Certificate:
    user = attempt.user
    return Certificate.objects.create(
        attempt=attempt, code="".join(secrets.choice(CODE_ALPHABET) for _i in range(12)),
        name_masked=mask_name(user.display_name or user.username)[:40],
        exam_title=attempt.exam.title, score=attempt.score or 0, excellent=attempt.excellent,
        hours=attempt.exam.training_hours, issued_at=now)


def attempts_sweep(*, now: dt.datetime | None = None) -> int:
    """Submit every open paper whose time is up (the exams_sweep job, every minute)."""
    now = now or timezone.now()
    due = list(Attempt.objects.filter(state=Attempt.State.OPEN, deadline__lte=now)
               .values_list("pk", flat=True)[:5000])
    return sum(1 for pk in due if attempt_expire(attempt_id=pk, now=now) is not None)
