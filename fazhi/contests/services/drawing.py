"""A participant's paper: questions drawn from the contest's bank (the exams app's active
questions, each at its current version), options shuffled, the permutation kept. A process
keeps each bank's pools ``POOL_SECONDS`` so a burst of starts reads the bank once a minute."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Count

from fazhi.exams.models import Kind, Question

from ..models import Round

POOL_SECONDS = 60
KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)


@dataclass(frozen=True)
class Drawn:
    version_id: int
    permutation: list[int]


def pool_sizes(bank_id: int, law: str = "") -> dict[str, int]:
    questions = Question.objects.filter(bank_id=bank_id, active=True, kind__in=KINDS)
    if law:
        questions = questions.filter(law=law)
    return dict(questions.values("kind").annotate(n=Count("pk")).order_by()
                .values_list("kind", "n"))


def _pools(round_: Round, bank_id: int) -> dict[str, list[tuple[int, int]]]:
    """{kind: [(current version id, options)]} of the round's bank and law."""
    cache = caches["local"]
    key = f"contests:pools:{bank_id}:{round_.law}"
    pools = cache.get(key)
    if pools is None:
        questions = Question.objects.filter(bank_id=bank_id, active=True, kind__in=KINDS)
        if round_.law:
            questions = questions.filter(law=round_.law)
        pools = {kind: [] for kind in KINDS}
        for kind, version, options in (questions.order_by("pk")
                                       .values_list("kind", "current_id", "current__options")):
            pools[kind].append((version, len(options or ())))
        cache.set(key, pools, POOL_SECONDS)
    return pools


def draw(round_: Round, bank_id: int, rng: random.Random) -> list[Drawn]:
    """Single choice, then multiple choice, then true or false, as the round counts them."""
    pools = _pools(round_, bank_id)
    counts = {Kind.SINGLE: round_.single_count, Kind.MULTIPLE: round_.multiple_count,
              Kind.TRUE_FALSE: round_.true_false_count}
    drawn: list[Drawn] = []
    for kind in KINDS:
        if not counts[kind]:
            continue
        for version, options in rng.sample(pools[kind], counts[kind]):
            order = list(range(options)) if kind != Kind.TRUE_FALSE else [0, 1]
            if kind != Kind.TRUE_FALSE:
                rng.shuffle(order)
            drawn.append(Drawn(version, order))
    return drawn
