"""Drawing a paper: the questions of a fixed paper, or a draw per candidate from the exam's
blueprint, with each choice question's options shuffled and the permutation kept.

A blueprint is ``exam.rules``: a list of ``{"kind", "law", "difficulty", "count"}`` ("" or 0
means any law or difficulty), and ``exam.points``: points per kind. Rules are drawn in order;
a question drawn by one rule is not drawn again by a later one. ``blueprint_shortfalls`` is
checked when an exam is published, with a margin that makes every later draw succeed: each
rule's pool must hold its own count plus the counts of every earlier rule whose pool overlaps
it. A contest round draws with the same code."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.utils.translation import gettext as _

from ..models import Exam, ExamItem, Kind, Question

KIND_ORDER = [Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.FILL]
DEFAULT_POINTS = 2
POOL_SECONDS = 60  # a process keeps an exam's pools this long (5,000 starts in a minute)
MAX_RULES = 40
MAX_COUNT = 500


@dataclass(frozen=True)
class Drawn:
    """One question of a paper as drawn: its version, points and option permutation."""

    version_id: int
    kind: str
    points: int
    permutation: list[int]


def rule_filter(rule: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": rule["kind"]}
    if rule.get("law"):
        found["law"] = rule["law"]
    if rule.get("difficulty"):
        found["difficulty"] = int(rule["difficulty"])
    return found


def rules_check(rules: Any, points: Any) -> list[str]:
    """Problems with the shape of a blueprint (before any pool is read)."""
    problems: list[str] = []
    if not isinstance(rules, list) or not rules or len(rules) > MAX_RULES:
        return [_("A blueprint has 1 to %(max)d rules.") % {"max": MAX_RULES}]
    for number, rule in enumerate(rules, start=1):
        ok = (isinstance(rule, dict) and rule.get("kind") in Kind.values
              and isinstance(rule.get("count"), int) and 1 <= rule["count"] <= MAX_COUNT
              and isinstance(rule.get("law", ""), str) and len(rule.get("law", "")) <= 80
              and rule.get("difficulty", 0) in (0, "", None, 1, 2, 3))
        if not ok:
            problems.append(_("Rule %(n)d needs a type, a count from 1 to %(max)d, and at most a "
                              "law and a difficulty.") % {"n": number, "max": MAX_COUNT})
    if not isinstance(points, dict) or any(
            k not in Kind.values or not isinstance(v, int) or not 0 < v <= 100
            for k, v in points.items()):
        problems.append(_("Points are given per question type, from 1 to 100."))
    return problems


def _pools(exam: Exam) -> list[list[tuple[int, int, int]]]:
    """For each rule, (question id, current version id, options) of the questions it may draw.
    Kept for POOL_SECONDS in this process's memory, keyed by the exam's version."""
    cache = caches["local"]
    key = f"exams:pools:{exam.pk}:{exam.version}"
    pools = cache.get(key)
    if pools is None:
        pools = [[(pk, version, len(options or ())) for pk, version, options in
                  Question.objects.filter(bank_id=exam.bank_id, active=True, **rule_filter(rule))
                  .order_by("pk").values_list("pk", "current_id", "current__options")]
                 for rule in exam.rules]
        cache.set(key, pools, POOL_SECONDS)
    return pools


def blueprint_shortfalls(exam: Exam) -> list[str]:
    """Why the bank cannot satisfy the blueprint (empty when every draw will succeed)."""
    problems = rules_check(exam.rules, exam.points)
    if problems:
        return problems
    pools = [{entry[0] for entry in pool} for pool in _pools(exam)]
    for i, rule in enumerate(exam.rules):
        needed = rule["count"] + sum(exam.rules[j]["count"] for j in range(i)
                                     if pools[j] & pools[i])
        if len(pools[i]) < needed:
            problems.append(_("Rule %(n)d (%(kind)s %(law)s) needs %(needed)d questions and the "
                              "bank has %(have)d.") % {
                "n": i + 1, "kind": Kind(rule["kind"]).label, "law": rule.get("law") or "",
                "needed": needed, "have": len(pools[i])})
    return problems


def _permutation(kind: str, options: int, rng: random.Random) -> list[int]:
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        order = list(range(options))
        rng.shuffle(order)
        return order
    if kind == Kind.TRUE_FALSE:
        return [0, 1]  # 正确 before 错误, as every paper prints them
    return []


def draw(exam: Exam, rng: random.Random) -> list[Drawn]:
    """One candidate's paper (no query for a drawn paper once the pools are cached)."""
    points = {**dict.fromkeys(Kind.values, DEFAULT_POINTS), **(exam.points or {})}
    if exam.mode == Exam.Mode.FIXED:
        items = ExamItem.objects.filter(exam=exam).select_related(
            "question_version__question").order_by("position")
        return [Drawn(item.question_version_id, item.question_version.question.kind,
                      item.points, _permutation(item.question_version.question.kind,
                                                len(item.question_version.options), rng))
                for item in items]
    taken: set[int] = set()
    drawn: list[Drawn] = []
    for rule, pool in zip(exam.rules, _pools(exam), strict=True):
        free = [entry for entry in pool if entry[0] not in taken] if taken else pool
        if len(free) < rule["count"]:
            raise ValueError(f"exam {exam.pk}: rule {rule} cannot be drawn")
        for pk, version, options in rng.sample(free, rule["count"]):
            taken.add(pk)
            drawn.append(Drawn(version, rule["kind"], points[rule["kind"]],
                               _permutation(rule["kind"], options, rng)))
    drawn.sort(key=lambda d: KIND_ORDER.index(Kind(d.kind)))  # stable: the draw's order within
    return drawn
