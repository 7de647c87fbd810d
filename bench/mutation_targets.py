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
WORKDAYS = "fazhi/workdays/tests"  # the calendar's staff page and its official arrangement
SCOPE = "tests/scope"  # the scope matrix: every persona through every reader

# Narrower lists where a directory would cost minutes per mutant. mutmut runs every test that
# calls a mutated function: every case's creation computes its deadlines, so the whole casework
# suite covers the workday engine; two reports tests build the demo world (21 s and 49 s of set-up).
# These lists keep the tests written about the module (pausing and resuming the clock are
# tested through routing); the full suite still runs in `make test`.
DEADLINE_CASES = tuple(f"{CASES}/{name}" for name in (
    "test_deadline_outcomes.py", "test_deadlines_beyond_the_calendar.py",
    "test_deadlines_on_reopening.py", "test_extensions.py", "test_extension_reads.py",
    "test_countdown_reads.py", "test_expectation_reads.py", "test_reminders.py",
    "test_reminders_commit.py", "test_services.py", "test_state_machine_table.py",
    "test_views_public.py", "test_routing.py", "test_actions_both_ways.py",
    "test_deadline_rules_choice.py"))
WORKDAY_CORE = tuple(f"{CORE}/{name}" for name in (
    "test_workdays.py", "test_workdays_overrides.py", "test_workdays_petitions.py",
    "test_workdays_properties.py", "test_workdays_edges.py"))
REPORTS_QUICK = tuple(f"{REPORTS}/{name}" for name in (
    "test_comparison_varied.py", "test_sources_varied.py", "test_figures_varied.py",
    "test_figure_alone.py", "test_exam_figures.py", "test_reports.py", "test_duty_report.py",
    "test_seed.py", "test_demo_model_communities.py"))


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
    # the dashboard's drill-down filters (cases._drill_down) are tested from the figures' side
    Target("fazhi/cases/selectors/", "selectors", SELECTORS,
           (CASES, WORKBENCH, SCOPE, f"{REPORTS}/test_figures_varied.py"),
           skip=("fazhi/cases/selectors/stats.py",)),
    Target("fazhi/cases/selectors/stats.py", "statistics", LATER, (CASES, WORKBENCH)),
    Target("fazhi/outreach/selectors/", "selectors", SELECTORS, (OUTREACH, WORKBENCH, SCOPE),
           skip=("fazhi/outreach/selectors/progress.py", "fazhi/outreach/selectors/reach.py",
                 "fazhi/outreach/selectors/study.py")),
    Target("fazhi/outreach/selectors/progress.py", "statistics", LATER, (OUTREACH, WORKBENCH)),
    Target("fazhi/outreach/selectors/reach.py", "statistics", LATER, (OUTREACH, WORKBENCH)),
    Target("fazhi/outreach/selectors/study.py", "statistics", LATER, (OUTREACH, WORKBENCH)),
    Target("fazhi/core/workdays/", "deadlines", LATER, (*WORKDAY_CORE, WORKDAYS, *DEADLINE_CASES)),
    Target("fazhi/cases/services/deadlines.py", "deadlines", LATER,
           (*DEADLINE_CASES, *WORKDAY_CORE)),
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
    Target("fazhi/reports/selectors.py", "selectors", SELECTORS, (*REPORTS_QUICK, SCOPE)),
    Target("fazhi/reports/sources.py", "statistics", LATER, (*REPORTS_QUICK, SCOPE)),
    Target("fazhi/reports/figures.py", "statistics", LATER, (*REPORTS_QUICK, SCOPE)),
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
