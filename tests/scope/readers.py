"""Every way a persona reads records, declared once. The matrix (test_matrix.py) runs each
reader for each persona and compares what came back with the rule in ``rules.py``.

A new app joins by appending its readers to ``READERS``: a name, the rule that says which
rows the persona may see (a function of the world and the persona, from ``rules``), and
``read``: given a logged-in client (or an anonymous one) and the world, the ids the response
shows (a set), or for an aggregate the figure it reports (an int, compared with the size of
the expected set). A refused read (401, 403, or a log-in redirect) shows nothing: return an
empty set or 0. Any other unexpected status fails the test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from . import rules
from .fetch import Read, api_list, each, get, links, plain_api_list
from .reads_participation import (
    contest_api,
    contest_export,
    contest_page,
    contest_taking_part,
    duty_api,
    duty_page,
    duty_units,
    exam_enrolled,
    public_tally_held,
    study_me,
    study_rates,
    study_unit_cadres,
    voting_api,
    voting_export,
    voting_page,
)
from .world import World


@dataclass(frozen=True)
class Reader:
    name: str
    rule: Callable[[World, str], set[int]]
    read: Read


def _case_csv(client: Client, world: World) -> set[int]:
    response = get(client, "/cases/export/")
    if response.status_code != 200:
        return set()
    from fazhi.cases.models import Case

    numbers = [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
    by_number = dict(Case.objects.values_list("number", "pk"))
    return {by_number[n] for n in numbers}


def _people_csv(client: Client, world: World) -> set[int]:
    response = get(client, "/org/people/export/", format="csv")
    if response.status_code != 200:
        return set()
    from fazhi.org.models import Person

    names = [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
    by_name = dict(Person.objects.values_list("name", "pk"))
    return {by_name[n] for n in names}


def _case_search(client: Client, world: World) -> set[int]:
    return links("/cases/?q=漏水&per_page=100")(client, world)


def _case_search_rule(world: World, persona: str) -> set[int]:
    return {pk for pk in rules.cases(world, persona) if "漏水" in world.cases[pk].title}


def _case_stats(client: Client, world: World) -> int:
    from django.utils import timezone

    today = timezone.localdate()  # the world's cases were received a moment ago
    response = get(client, "/cases/statistics/", since=today - dt.timedelta(days=1),
                    until=today)
    return response.context["s"]["received"] if response.status_code == 200 else 0


def _case_queue_all_count(client: Client, world: World) -> int:
    response = get(client, "/cases/")
    if response.status_code != 200:
        return 0
    return response.context["page"].count


def _reach_sessions(client: Client, world: World) -> int:
    response = get(client, "/outreach/reach/", year=2026)
    return response.context["r"].sessions if response.status_code == 200 else 0


def _dashboard(figure: str, since: dt.date | None = None, until: dt.date | None = None) -> Read:
    """A figure of the leader's dashboard (fazhi/reports), an aggregate reader."""
    def read(client: Client, world: World) -> int:
        from django.utils import timezone

        today = timezone.localdate()
        response = get(client, "/dashboard/", since=since or today - dt.timedelta(days=1),
                        until=until or today)
        if response.status_code != 200:
            return 0
        return {r["figure"].key: r["value"] for rows in response.context["groups"].values()
                for r in rows}[figure]
    return read


def _audit_page(client: Client, world: World) -> set[int]:
    response = get(client, "/audit/", per_page=200)
    if response.status_code != 200:
        return set()
    return {entry.pk for entry in response.context["page"]}


def _attachments(world: World) -> dict[int, Any]:
    return {pk: f.attachment for pk, f in world.cases.items()}


READERS: list[Reader] = [
    # cases
    Reader("case list page", rules.cases, links("/cases/?per_page=100")),
    Reader("case queue count", rules.cases, _case_queue_all_count),
    Reader("case detail page", rules.cases, each("/cases/{pk}/", lambda w: w.cases)),
    Reader("case search", _case_search_rule, _case_search),
    Reader("case export", rules.cases, _case_csv),
    Reader("case statistics", rules.cases, _case_stats),
    Reader("case API list", rules.cases, api_list("/api/v1/cases/")),
    Reader("case API detail", rules.cases, each("/api/v1/cases/{pk}", lambda w: w.cases)),
    Reader("case attachments", rules.cases,
           each("/cases/{pk}/files/{facts}/", _attachments)),
    # organisation: people
    Reader("people list page", rules.people, links("/org/people/?per_page=100")),
    Reader("people export", rules.people, _people_csv),
    Reader("people detail page", rules.people, each("/org/people/{pk}/", lambda w: w.people)),
    Reader("people API list", rules.people, api_list("/api/v1/org/people")),
    Reader("people API detail", rules.people,
           each("/api/v1/org/people/{pk}", lambda w: w.people)),
    # outreach: activities, sign-ins, reach
    Reader("activity list page", rules.activities, links("/outreach/?per_page=100")),
    Reader("activity detail page", rules.activities,
           each("/outreach/{pk}/", lambda w: w.activities)),
    Reader("activity API list", rules.activities, api_list("/api/v1/outreach/activities")),
    Reader("activity API detail", rules.activities,
           each("/api/v1/outreach/activities/{pk}", lambda w: w.activities)),
    Reader("sign-in records", rules.activities,
           each("/api/v1/outreach/activities/{pk}/signins", lambda w: w.activities)),
    Reader("reach statistics", rules.activities, _reach_sessions),
    Reader("dashboard: cases received", rules.cases, _dashboard("received")),
    Reader("dashboard: activities held", rules.activities,
           _dashboard("activities", dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    # organisation: units and agreements (with their scanned documents)
    Reader("unit list page", rules.units, links("/org/units/")),
    Reader("unit API list", rules.units, api_list("/api/v1/org/units")),
    Reader("unit API detail", rules.units, each("/api/v1/org/units/{pk}", lambda w: w.units)),
    Reader("agreement list page", rules.agreements, links("/org/agreements/")),
    Reader("agreement API list", rules.agreements, api_list("/api/v1/org/agreements")),
    Reader("agreement API detail", rules.agreements,
           each("/api/v1/org/agreements/{pk}", lambda w: w.agreements)),
    Reader("agreement documents", rules.agreements,
           each("/org/agreements/{pk}/document/", lambda w: w.agreements)),
    # outreach: responsibility lists
    Reader("responsibility list page", rules.responsibility_lists, links("/outreach/lists/")),
    Reader("responsibility list API", rules.responsibility_lists,
           plain_api_list("/api/v1/outreach/lists")),
    Reader("responsibility list detail", rules.responsibility_lists,
           each("/outreach/lists/{pk}/", lambda w: w.lists)),
    Reader("responsibility list API detail", rules.responsibility_lists,
           each("/api/v1/outreach/lists/{pk}", lambda w: w.lists)),
    Reader("responsibility list export", rules.responsibility_lists,
           each("/outreach/lists/{pk}/export.xlsx", lambda w: w.lists)),
    # exams: papers (results) and the rates' candidates
    Reader("exam paper results", rules.exam_papers,
           each("/exams/papers/{pk}/result/", lambda w: w.exam_attempts)),
    Reader("exam paper API", rules.exam_papers,
           each("/api/v1/exams/papers/{pk}", lambda w: w.exam_attempts)),
    Reader("exam rates API (candidates counted)", rules.exam_enrolments, exam_enrolled),
    # model-community assessments and their evidence files
    Reader("assessment list page", rules.assessments, links("/assessments/?per_page=100")),
    Reader("assessment detail page", rules.assessments,
           each("/assessments/{pk}/", lambda w: w.assessments)),
    Reader("assessment API list", rules.assessments, api_list("/api/v1/assessments/")),
    Reader("assessment API detail", rules.assessments,
           each("/api/v1/assessments/{pk}", lambda w: w.assessments)),
    Reader("assessment evidence files", rules.assessment_evidence,
           each("/assessments/evidence/{pk}/", lambda w: w.evidence)),
    Reader("dashboard: model communities", rules.assessments, _dashboard("model_communities")),
    # study: one's own credit, the units' cadres and rates
    Reader("study: my credit API", rules.study_own, study_me),
    Reader("study: a unit's cadres page", rules.study_cadres, study_unit_cadres),
    Reader("study: unit rates API", rules.study_units, study_rates),
    # audit log
    Reader("inbox page", rules.notifications, links("/notifications/?per_page=100")),
    Reader("inbox API list", rules.notifications, api_list("/api/v1/inbox/notifications")),
    Reader("audit log page", rules.audit_entries, _audit_page),
    Reader("audit API list", rules.audit_entries, api_list("/api/v1/audit/entries")),
    # voting: held votes and results
    Reader("held votes review page", rules.held_votes,
           voting_page("/vote/staff/{pk}/review/", r'name="votes" value="(\d+)"')),
    Reader("held votes API", rules.held_votes,
           voting_api("/api/v1/voting/campaigns/{pk}/held", "id")),
    Reader("voting results page", rules.voting_results,
           voting_page("/vote/staff/{pk}/results/", r'data-candidate="(\d+)"')),
    Reader("voting results API", rules.voting_results,
           voting_api("/api/v1/voting/campaigns/{pk}/results", "candidate_id")),
    Reader("voting results export", rules.voting_results, voting_export),
    Reader("public tally shows no held vote", lambda w, p: set(), public_tally_held),
    # contests: the leaderboard, the suspicious log, participation, the export
    Reader("contest leaderboard page", rules.contest_papers,
           contest_page("/contests/staff/{pk}/results/?round={round}",
                         r'data-participant="(\d+)"')),
    Reader("contest results API", rules.contest_papers,
           contest_api("/api/v1/contests/{pk}/rounds/{round}/results")),
    Reader("contest results export", rules.contest_papers, contest_export),
    Reader("contest participation API (papers counted)", rules.contest_papers,
           contest_taking_part),
    Reader("contest suspicious log page", rules.contest_suspicions,
           contest_page("/contests/staff/{pk}/suspicious/", r'data-suspicion="(\d+)"')),
    Reader("contest suspicious log API", rules.contest_suspicions,
           contest_api("/api/v1/contests/{pk}/suspicions")),
    # duty reviews: each unit's score
    Reader("duty review scores page", rules.duty_scores, duty_page),
    Reader("duty review scores API", rules.duty_scores, duty_api),
    Reader("duty review unit page", rules.duty_scores, duty_units),
]
