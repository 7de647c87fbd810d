"""Reads of the contests app: the public contest and its rounds; for the organiser (access.py)
the leaderboard, participation by community and unit, and the suspicious log.

The leaderboard of a round: handed-in papers by score (highest first), then time taken
(shortest first), then who handed in first; one query over the index ``contests_board``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.exams.models import Kind

from .access import require_contest_reader
from .models import Answer, Contest, Participant, Round, Suspicion


def public_contests() -> QuerySet[Contest]:
    return Contest.objects.filter(is_published=True)


def contest_get_public(*, pk: int) -> Contest:
    contest = public_contests().filter(pk=pk).first()
    if contest is None:
        raise Http404
    return contest


def round_get_public(*, contest: Contest, pk: int) -> Round:
    round_ = Round.objects.filter(contest=contest, pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


def rounds_of(contest: Contest) -> list[Round]:
    return list(Round.objects.filter(contest=contest))


def contest_list_for(*, actor: Any) -> QuerySet[Contest]:
    require_contest_reader(actor)
    return Contest.objects.select_related("bank").annotate(
        taking_part=Count("participants"))


def contest_get_for(*, actor: Any, pk: int) -> Contest:
    contest = contest_list_for(actor=actor).filter(pk=pk).first()
    if contest is None:
        raise Http404
    return contest


def round_get_for(*, actor: Any, contest: Contest, pk: int) -> Round:
    require_contest_reader(actor)
    return round_get_public(contest=contest, pk=pk)


def leaderboard(round_: Round) -> QuerySet[Participant]:
    """The ranked handed-in papers of a round (slice it)."""
    return (Participant.objects.filter(round=round_, state=Participant.State.SUBMITTED)
            .select_related("community", "unit")
            .order_by("-score", "taken_ms", "submitted_at", "pk"))


def leaderboard_for(*, actor: Any, round_: Round) -> QuerySet[Participant]:
    require_contest_reader(actor)
    return leaderboard(round_)


@dataclass
class Participation:
    rows: list[dict[str, Any]]   # {"name", "started", "handed_in"}
    total: int
    handed_in: int


def participation_for(*, actor: Any, contest: Contest, by: str,
                      round_: Round | None = None) -> Participation:
    """Participants (and papers handed in) per community (``by="community"``) or unit, most
    first; those who named no unit count under "no unit". One grouped query."""
    require_contest_reader(actor)
    field = "community__name" if by == "community" else "unit__name"
    rows = Participant.objects.filter(contest=contest)
    if round_ is not None:
        rows = rows.filter(round=round_)
    grouped = list(rows.values(field).annotate(
        started=Count("pk"), handed_in=Count("pk", filter=Q(state=Participant.State.SUBMITTED)))
        .order_by("-started", field))
    result = [{"name": row[field] or "", "started": row["started"],
               "handed_in": row["handed_in"]} for row in grouped]
    return Participation(rows=result, total=sum(r["started"] for r in result),
                         handed_in=sum(r["handed_in"] for r in result))


def suspicions_for(*, actor: Any, contest: Contest) -> QuerySet[Suspicion]:
    require_contest_reader(actor)
    return (Suspicion.objects.filter(contest=contest)
            .select_related("participant", "participant__community", "round"))


@dataclass
class ShownAnswer:
    answer: Answer
    kind: str
    stem: str
    options: list[tuple[int, str]]
    chosen: list[int]


def paper_of(participant: Participant) -> list[ShownAnswer]:
    shown = []
    for answer in (Answer.objects.filter(participant=participant)
                   .select_related("question_version__question").order_by("position")):
        version = answer.question_version
        response = answer.response if isinstance(answer.response, list) else []
        shown.append(ShownAnswer(
            answer=answer, kind=version.question.kind, stem=version.stem,
            options=[(place, version.options[index])
                     for place, index in enumerate(answer.permutation)],
            chosen=[answer.permutation.index(i) for i in response if i in answer.permutation]))
    return shown


def participant_of(*, round_: Round, mobile_hash: str) -> Participant | None:
    return Participant.objects.filter(round=round_, mobile_hash=mobile_hash).first()


def participant_get_own(*, mobile_hash: str | None, pk: int) -> Participant:
    participant = (Participant.objects.filter(pk=pk, mobile_hash=mobile_hash or "-")
                   .select_related("round", "contest").first())
    if participant is None:
        raise Http404
    return participant


def rank_of(participant: Participant) -> int | None:
    """The participant's place on the round's leaderboard (1 = first), once handed in."""
    if participant.state != Participant.State.SUBMITTED:
        return None
    ahead = Participant.objects.filter(round_id=participant.round_id,
                                       state=Participant.State.SUBMITTED).filter(
        Q(score__gt=participant.score)
        | Q(score=participant.score, taken_ms__lt=participant.taken_ms)
        | Q(score=participant.score, taken_ms=participant.taken_ms,
            submitted_at__lt=participant.submitted_at)
        | Q(score=participant.score, taken_ms=participant.taken_ms,
            submitted_at=participant.submitted_at, pk__lt=participant.pk)).count()
    return ahead + 1


KIND_LABELS = dict(Kind.choices)
