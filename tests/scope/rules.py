"""Who may see what, written again from the product rules (docs and ARCHITECTURE's security
model) over the world's plain facts. Deliberately independent of ``fazhi.*.access`` and the
selectors: if the code's rule drifts, the two disagree and the matrix fails.

- Street-wide roles (sub-district admin, staff, leader) see every case, person and activity.
- Community roles (worker, mediator, lawyer) see their community's rows and the rows of no
  community; for cases also those they handle or act as agent in, wherever they are.
- A member unit's staff see their unit's activities and responsibility list (and street-level
  rows); nobody else but street-wide roles reads a responsibility list.
- Units and agreements: street-wide roles all; community roles the street level's and their
  own community's (with its grids).
- Activities of community correction: only the sub-district admin and the leader.
- Voting: the sub-district admin and staff review held votes; they and the leader read the
  results; nobody else (voters are anonymous; the public tally shows no held vote).
- Model-community assessments and their evidence: street-wide roles all; community roles
  their own community's.
- Study: each reader reads their own credit; street-wide roles every unit's rates and
  cadres (a unit's organiser their unit's: no persona is one).
- Administration roles (system, security, audit) and anonymous visitors see no records; the
  audit log is for the auditor alone, and the auditor sees all of it.
- Notifications: each person sees their own and nobody else's (the administration roles have
  no inbox).
"""

from __future__ import annotations

from .world import World

STREET_WIDE = {"street_admin", "street_staff", "leader"}
COMMUNITY_ROLES = {"worker", "outsider", "mediator", "lawyer", "unit_mediator"}
JUSTICE = {"street_admin", "leader"}


def _community(world: World, persona: str) -> str | None:
    return world.persona[persona][1]


def cases(world: World, persona: str) -> set[int]:
    if persona in STREET_WIDE:
        return set(world.cases)
    if persona not in COMMUNITY_ROLES:
        return set()
    own = _community(world, persona)
    return {pk for pk, f in world.cases.items()
            if f.community is None or f.community == own or f.handler == persona
            or persona in f.agents}


def people(world: World, persona: str) -> set[int]:
    if persona in STREET_WIDE:
        return set(world.people)
    if persona not in COMMUNITY_ROLES:
        return set()
    own = _community(world, persona)
    return {pk for pk, key in world.people.items() if key is None or key == own}


def activities(world: World, persona: str) -> set[int]:
    if persona not in STREET_WIDE | COMMUNITY_ROLES:
        return set()
    own, unit = _community(world, persona), world.persona[persona][2]
    seen = set()
    for pk, (key, activity_unit, restricted) in world.activities.items():
        if restricted and persona not in JUSTICE:
            continue
        if (persona in STREET_WIDE or key is None or key == own
                or (unit is not None and activity_unit == unit)):
            seen.add(pk)
    return seen


def _regions(world: World, persona: str) -> set[str]:
    """Region keys a persona reads organisation rows of: the street level, and their own
    community with its grids."""
    if persona in STREET_WIDE:
        return {"street", "north", "south", "east", "north-grid", "east-grid"}
    if persona not in COMMUNITY_ROLES:
        return set()
    own = _community(world, persona)
    return {"street"} | ({own, f"{own}-grid"} if own else set())


def units(world: World, persona: str) -> set[int]:
    allowed = _regions(world, persona)
    return {pk for pk, key in world.units.items() if key in allowed}


def agreements(world: World, persona: str) -> set[int]:
    allowed = _regions(world, persona)
    return {pk for pk, key in world.agreements.items() if key in allowed}


def responsibility_lists(world: World, persona: str) -> set[int]:
    """Street-wide roles read every unit's list; a member unit's staff their unit's."""
    if persona in STREET_WIDE:
        return set(world.lists)
    unit = world.persona[persona][2]
    if persona not in COMMUNITY_ROLES or unit is None:
        return set()
    return {pk for pk, key in world.lists.items() if key == unit}


def audit_entries(world: World, persona: str) -> set[int]:
    """Every entry written so far, for the auditor; nothing for anyone else."""
    from fazhi.audit.models import Entry

    return set(Entry.objects.values_list("pk", flat=True)) if persona == "auditor" else set()


def notifications(world: World, persona: str) -> set[int]:
    if persona not in STREET_WIDE | COMMUNITY_ROLES:
        return set()
    return {pk for pk, owner in world.notifications.items() if owner == persona}


def held_votes(world: World, persona: str) -> set[int]:
    return set(world.held_votes) if persona in {"street_admin", "street_staff"} else set()


def voting_results(world: World, persona: str) -> set[int]:
    return set(world.candidates) if persona in STREET_WIDE else set()


def contest_papers(world: World, persona: str) -> set[int]:
    """A contest's papers (leaderboard, export, participation): the sub-district and the
    leader; nobody else, whatever their community (participants are the public)."""
    return set(world.contest_papers) if persona in STREET_WIDE else set()


def contest_suspicions(world: World, persona: str) -> set[int]:
    return set(world.contest_suspicions) if persona in STREET_WIDE else set()


def exam_papers(world: World, persona: str) -> set[int]:
    """Exam papers: street-wide roles all; a community worker with a unit their unit's (no
    persona is one: tested in fazhi/exams/tests); everyone else their own."""
    if persona in STREET_WIDE:
        return set(world.exam_attempts)
    if persona not in COMMUNITY_ROLES:
        return set()
    return {pk for pk, owner in world.exam_attempts.items() if owner == persona}


def exam_enrolments(world: World, persona: str) -> set[int]:
    """The candidates an exam's rates count (as positions in a list, for their number)."""
    if persona in STREET_WIDE:
        return set(range(len(world.exam_enrolments)))
    if persona not in COMMUNITY_ROLES:
        return set()
    return {0} if persona in world.exam_enrolments else set()


def assessments(world: World, persona: str) -> set[int]:
    """Model-community assessments: street-wide roles all; community roles their own
    community's (an assessment always has one); nobody else."""
    if persona in STREET_WIDE:
        return set(world.assessments)
    if persona not in COMMUNITY_ROLES:
        return set()
    own = _community(world, persona)
    return {pk for pk, key in world.assessments.items() if key == own}


def assessment_evidence(world: World, persona: str) -> set[int]:
    if persona in STREET_WIDE:
        return set(world.evidence)
    if persona not in COMMUNITY_ROLES:
        return set()
    own = _community(world, persona)
    return {pk for pk, key in world.evidence.items() if key == own}


def duty_scores(world: World, persona: str) -> set[int]:
    """A duty review's unit scores: every unit for street-wide roles; a writer of a reviewed
    unit their own unit's; nobody else any."""
    if persona in STREET_WIDE:
        return set(world.duty_units)
    role, _community, unit = world.persona[persona]
    if persona in COMMUNITY_ROLES and unit is not None:
        return {pk for pk, key in world.duty_units.items() if key == unit}
    return set()


def study_own(world: World, persona: str) -> set[int]:
    """A person's own study credit: every reader reads their own, nobody else's."""
    if persona not in STREET_WIDE | COMMUNITY_ROLES:
        return set()
    return {world.study_own[persona]} if persona in world.study_own else set()


def study_cadres(world: World, persona: str) -> set[int]:
    """Cadres' credit and scores: street-wide roles every unit's; a unit's organiser (a
    community worker with a unit: no persona is one, fazhi/study/tests) their unit's."""
    return set(world.study_cadres) if persona in STREET_WIDE else set()


def study_units(world: World, persona: str) -> set[int]:
    """Unit study rates: street-wide roles every unit with cadres."""
    return set(world.study_units) if persona in STREET_WIDE else set()
