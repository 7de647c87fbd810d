"""The mutation targets (files or directories, their kind, goal and guarding tests) and how a
``--module`` argument picks them; ``bench.mutation`` runs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = "fazhi/cases/tests"
CORE = "fazhi/core/tests"
ORG = "fazhi/org/tests"
OUTREACH = "fazhi/outreach/tests"
WORKBENCH = "fazhi/workbench/tests"
ACCOUNTS = "fazhi/accounts/tests"
ASSESSMENTS = "fazhi/assessments/tests"
CONTESTS = "fazhi/contests/tests"
EXAMS = "fazhi/exams/tests"
REPORTS = "fazhi/reports/tests"
STUDY = "fazhi/study/tests"
VOTING = "fazhi/voting/tests"
SCOPE = "tests/scope"  # the scope matrix: every persona through every reader


@dataclass(frozen=True)
class Target:
    path: str  # a file, or a directory whose .py files are all mutated
    kind: str  # access, selectors, statistics, state machine, deadlines
    goal: float
    tests: tuple[str, ...]
    skip: tuple[str, ...] = ()  # files under a directory target that another target covers


ACCESS, SELECTORS, LATER = 0.90, 0.90, 0.80
TARGETS = (
    Target("fazhi/cases/access.py", "access", ACCESS, (CASES, WORKBENCH, ACCOUNTS, SCOPE)),
    Target("fazhi/org/access.py", "access", ACCESS, (ORG, SCOPE)),
    Target("fazhi/outreach/access.py", "access", ACCESS, (OUTREACH, WORKBENCH, SCOPE)),
    Target("fazhi/core/roles.py", "access", ACCESS, (ACCOUNTS, CASES, ORG, OUTREACH, WORKBENCH)),
    Target("fazhi/cases/services/machine.py", "state machine", LATER, (CASES,)),
    Target("fazhi/org/selectors.py", "selectors", SELECTORS, (ORG, SCOPE)),
    Target("fazhi/cases/selectors/", "selectors", SELECTORS, (CASES, WORKBENCH, SCOPE),
           skip=("fazhi/cases/selectors/stats.py",)),
    Target("fazhi/cases/selectors/stats.py", "statistics", LATER, (CASES, WORKBENCH)),
    Target("fazhi/outreach/selectors/", "selectors", SELECTORS, (OUTREACH, WORKBENCH, SCOPE),
           skip=("fazhi/outreach/selectors/progress.py", "fazhi/outreach/selectors/reach.py",
                 "fazhi/outreach/selectors/study.py")),
    Target("fazhi/outreach/selectors/progress.py", "statistics", LATER, (OUTREACH, WORKBENCH)),
    Target("fazhi/outreach/selectors/reach.py", "statistics", LATER, (OUTREACH, WORKBENCH)),
    Target("fazhi/outreach/selectors/study.py", "statistics", LATER, (OUTREACH, WORKBENCH)),
    Target("fazhi/core/workdays/", "deadlines", LATER, (CORE, CASES)),
    Target("fazhi/cases/services/deadlines.py", "deadlines", LATER, (CASES, CORE)),
    # the newer apps: each access rule and selector module with its app's tests and the matrix
    Target("fazhi/exams/access.py", "access", ACCESS, (EXAMS, SCOPE)),
    Target("fazhi/exams/selectors.py", "selectors", SELECTORS, (EXAMS, SCOPE)),
    Target("fazhi/voting/access.py", "access", ACCESS, (VOTING, SCOPE)),
    Target("fazhi/voting/selectors.py", "selectors", SELECTORS, (VOTING, WORKBENCH, SCOPE)),
    Target("fazhi/study/access.py", "access", ACCESS, (STUDY, SCOPE)),
    Target("fazhi/study/selectors.py", "selectors", SELECTORS, (STUDY, SCOPE)),
    Target("fazhi/contests/access.py", "access", ACCESS, (CONTESTS, SCOPE)),
    Target("fazhi/contests/selectors.py", "selectors", SELECTORS, (CONTESTS, SCOPE)),
    Target("fazhi/assessments/access.py", "access", ACCESS, (ASSESSMENTS, SCOPE)),
    Target("fazhi/assessments/selectors.py", "selectors", SELECTORS, (ASSESSMENTS, SCOPE)),
    Target("fazhi/reports/selectors.py", "selectors", SELECTORS, (REPORTS, SCOPE)),
    Target("fazhi/reports/sources.py", "statistics", LATER, (REPORTS, SCOPE)),
    Target("fazhi/reports/figures.py", "statistics", LATER, (REPORTS, SCOPE)),
)


def pick(module: str | None) -> list[Target]:
    if not module:
        return list(TARGETS)
    if "," in module:
        return [together(module.split(","))]
    wanted = module.rstrip("/")
    for target in TARGETS:
        if target.path.rstrip("/") == wanted:
            return [target]
    for target in TARGETS:  # a file inside a directory target: that target's tests, one file
        if target.path.endswith("/") and wanted.startswith(target.path) and wanted not in target.skip:
            return [Target(wanted, target.kind, target.goal, target.tests)]
    known = "\n  ".join(t.path for t in TARGETS)
    raise SystemExit(f"{module} is not a mutation target; the targets are:\n  {known}")


def together(modules: list[str]) -> Target:
    """Several files of one directory, guarded by the same tests, mutated in one run: mutmut's
    first passes over the tests (most of a small file's run) are then made once, not per file."""
    picked = [pick(m.strip())[0] for m in modules if m.strip()]
    first = picked[0]
    folder = first.path.rsplit("/", 1)[0] + "/"
    if any(t.path.endswith("/") or not t.path.startswith(folder) or "/" in t.path[len(folder):]
           or (t.kind, t.goal, t.tests) != (first.kind, first.goal, first.tests) for t in picked):
        raise SystemExit("files mutated together must be files of one directory with the same "
                         "kind, goal and tests")
    wanted = {t.path for t in picked}
    others = tuple(str(p.relative_to(ROOT)) for p in sorted((ROOT / folder).glob("*.py"))
                   if str(p.relative_to(ROOT)) not in wanted)
    return Target(folder, first.kind, first.goal, first.tests, skip=others)


def files_of(target: Target) -> list[str]:
    if not target.path.endswith("/"):
        return [target.path]
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / target.path).glob("*.py")
                  if str(p.relative_to(ROOT)) not in target.skip and p.name != "__init__.py")
