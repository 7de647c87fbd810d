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
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from . import rules
from .world import World

REFUSED = {302, 401, 403}
Read = Callable[[Client, World], "set[int] | int"]


@dataclass(frozen=True)
class Reader:
    name: str
    rule: Callable[[World, str], set[int]]
    read: Read


def _get(client: Client, url: str, **params: Any):
    response = client.get(url, params)
    assert response.status_code in REFUSED | {200}, (url, response.status_code)
    return response


def _links(pattern: str) -> Read:
    """Ids in the links of an HTML list page."""
    def read(client: Client, world: World) -> set[int]:
        url, _sep, query = pattern.partition("?")
        response = _get(client, url + "?" + query if query else url)
        if response.status_code != 200:
            return set()
        body = response.content.decode()
        return {int(pk) for pk in re.findall(LINKS[url], body)}
    return read


LINKS = {"/cases/": r'href="/cases/(\d+)/"', "/org/people/": r'href="/org/people/(\d+)/"',
         "/outreach/": r'href="/outreach/(\d+)/"', "/org/units/": r'href="/org/units/(\d+)/"',
         "/org/agreements/": r'href="/org/agreements/(\d+)/"',
         "/outreach/lists/": r'href="/outreach/lists/(\d+)/"',
         "/assessments/": r'href="/assessments/(\d+)/"',
         "/notifications/": r'data-testid="notification-(\d+)"'}


def _api_list(url: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = _get(client, url, limit=200)
        if response.status_code != 200:
            return set()
        return {row["id"] for row in response.json()["items"]}
    return read


def _each(url: str, ids: Callable[[World], dict[int, Any]]) -> Read:
    """Ids whose detail URL (``url`` formatted with the row's id and, for files, the
    attachment) answers 200; 404 (or a refusal) means not visible."""
    def read(client: Client, world: World) -> set[int]:
        seen = set()
        for pk, facts in ids(world).items():
            response = client.get(url.format(pk=pk, facts=facts))
            assert response.status_code in REFUSED | {200, 404}, (url, pk, response.status_code)
            if response.status_code == 200:
                seen.add(pk)
        return seen
    return read


def _plain_api_list(url: str) -> Read:
    """An API list answered as a bare JSON array."""
    def read(client: Client, world: World) -> set[int]:
        response = _get(client, url, limit=100)
        return {row["id"] for row in response.json()} if response.status_code == 200 else set()
    return read


def _case_csv(client: Client, world: World) -> set[int]:
    response = _get(client, "/cases/export/")
    if response.status_code != 200:
        return set()
    from fazhi.cases.models import Case

    numbers = [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
    by_number = dict(Case.objects.values_list("number", "pk"))
    return {by_number[n] for n in numbers}


def _people_csv(client: Client, world: World) -> set[int]:
    response = _get(client, "/org/people/export/", format="csv")
    if response.status_code != 200:
        return set()
    from fazhi.org.models import Person

    names = [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
    by_name = dict(Person.objects.values_list("name", "pk"))
    return {by_name[n] for n in names}


def _case_search(client: Client, world: World) -> set[int]:
    return _links("/cases/?q=漏水&per_page=100")(client, world)


def _case_search_rule(world: World, persona: str) -> set[int]:
    return {pk for pk in rules.cases(world, persona) if "漏水" in world.cases[pk].title}


def _case_stats(client: Client, world: World) -> int:
    from django.utils import timezone

    today = timezone.localdate()  # the world's cases were received a moment ago
    response = _get(client, "/cases/statistics/", since=today - dt.timedelta(days=1),
                    until=today)
    return response.context["s"]["received"] if response.status_code == 200 else 0


def _case_queue_all_count(client: Client, world: World) -> int:
    response = _get(client, "/cases/")
    if response.status_code != 200:
        return 0
    return response.context["page"].count


def _reach_sessions(client: Client, world: World) -> int:
    response = _get(client, "/outreach/reach/", year=2026)
    return response.context["r"].sessions if response.status_code == 200 else 0


def _dashboard(figure: str, since: dt.date | None = None, until: dt.date | None = None) -> Read:
    """A figure of the leader's dashboard (fazhi/reports), an aggregate reader."""
    def read(client: Client, world: World) -> int:
        from django.utils import timezone

        today = timezone.localdate()
        response = _get(client, "/dashboard/", since=since or today - dt.timedelta(days=1),
                        until=until or today)
        if response.status_code != 200:
            return 0
        return {r["figure"].key: r["value"] for rows in response.context["groups"].values()
                for r in rows}[figure]
    return read


def _audit_page(client: Client, world: World) -> set[int]:
    response = _get(client, "/audit/", per_page=200)
    if response.status_code != 200:
        return set()
    return {entry.pk for entry in response.context["page"]}


def _attachments(world: World) -> dict[int, Any]:
    return {pk: f.attachment for pk, f in world.cases.items()}


def _voting_page(path: str, pattern: str) -> Read:
    """Ids on a campaign's staff page; 404 (the campaign is out of the persona's reach) or a
    refusal shows nothing."""
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.campaign))
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        return {int(pk) for pk in re.findall(pattern, response.content.decode())}
    return read


def _voting_api(path: str, key: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.campaign), {"limit": 200})
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        body = response.json()
        rows = body["items"] if isinstance(body, dict) else body
        return {row[key] for row in rows}
    return read


def _voting_export(client: Client, world: World) -> set[int]:
    response = client.get(f"/vote/staff/{world.campaign}/results.xlsx")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return set()
    from openpyxl import load_workbook

    from fazhi.voting.models import Candidate

    names = [row[2] for row in load_workbook(io.BytesIO(response.content)).worksheets[0]
             .iter_rows(min_row=2, values_only=True)]
    return set(Candidate.objects.filter(campaign_id=world.campaign, name__in=names)
               .values_list("pk", flat=True))


def _duty_page(client: Client, world: World) -> set[int]:
    response = client.get(f"/duty/{world.duty_review}/")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return set()
    return {int(pk) for pk in re.findall(r'data-unit="(\d+)"', response.content.decode())}


def _duty_api(client: Client, world: World) -> set[int]:
    response = client.get(f"/api/v1/dutyreviews/reviews/{world.duty_review}/scores")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    return {row["unit_id"] for row in response.json()} if response.status_code == 200 else set()


def _duty_units(client: Client, world: World) -> set[int]:
    shown = set()
    for pk in world.duty_units:
        response = client.get(f"/duty/{world.duty_review}/units/{pk}/")
        assert response.status_code in REFUSED | {200, 404}, response.status_code
        if response.status_code == 200:
            shown.add(pk)
    return shown


def _public_tally_held(client: Client, world: World) -> set[int]:
    """The public tally never counts a held vote: the figure is the counted votes only."""
    response = client.get(f"/api/v1/voting/campaigns/{world.campaign}/tally")
    return set() if response.json()["total"] == len(world.candidates) else {-1}


def _exam_enrolled(client: Client, world: World) -> int:
    response = client.get(f"/api/v1/exams/{world.exam}/rates")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return 0
    return sum(row["enrolled"] for row in response.json()["units"])


def _contest_page(path: str, pattern: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.contest, round=world.contest_round))
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        return {int(pk) for pk in re.findall(pattern, response.content.decode())}
    return read


def _contest_api(path: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.contest, round=world.contest_round),
                              {"limit": 200})
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        return {row["id"] for row in response.json()["items"]}
    return read


def _contest_export(client: Client, world: World) -> set[int]:
    response = client.get(f"/contests/staff/{world.contest}/results.xlsx")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return set()
    from openpyxl import load_workbook

    masked = {row[3] for row in load_workbook(io.BytesIO(response.content)).worksheets[0]
              .iter_rows(min_row=2, values_only=True)}
    return {pk for pk, mobile in world.contest_papers.items() if mobile in masked}


def _contest_taking_part(client: Client, world: World) -> int:
    response = client.get(f"/api/v1/contests/{world.contest}/participation")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return 0
    return sum(row["started"] for row in response.json())
def _study_me(client: Client, world: World) -> set[int]:
    response = _get(client, "/api/v1/study/me", year=2026)
    return {row["material_id"] for row in response.json()["credit"]} \
        if response.status_code == 200 else set()


def _study_unit_cadres(client: Client, world: World) -> set[int]:
    """The cadres listed on each unit's study page (names, as shown)."""
    seen = set()
    for unit in world.study_units:
        response = client.get(f"/study/rates/{unit}/", {"year": 2026})
        assert response.status_code in REFUSED | {200, 404}, response.status_code
        if response.status_code == 200:
            body = response.content.decode()
            seen |= {pk for pk, name in world.study_cadres.items() if f">{name}<" in body}
    return seen


def _study_rates(client: Client, world: World) -> set[int]:
    response = _get(client, "/api/v1/study/rates", year=2026)
    return {row["id"] for row in response.json()} if response.status_code == 200 else set()


READERS: list[Reader] = [
    # cases
    Reader("case list page", rules.cases, _links("/cases/?per_page=100")),
    Reader("case queue count", rules.cases, _case_queue_all_count),
    Reader("case detail page", rules.cases, _each("/cases/{pk}/", lambda w: w.cases)),
    Reader("case search", _case_search_rule, _case_search),
    Reader("case export", rules.cases, _case_csv),
    Reader("case statistics", rules.cases, _case_stats),
    Reader("case API list", rules.cases, _api_list("/api/v1/cases/")),
    Reader("case API detail", rules.cases, _each("/api/v1/cases/{pk}", lambda w: w.cases)),
    Reader("case attachments", rules.cases,
           _each("/cases/{pk}/files/{facts}/", _attachments)),
    # organisation: people
    Reader("people list page", rules.people, _links("/org/people/?per_page=100")),
    Reader("people export", rules.people, _people_csv),
    Reader("people detail page", rules.people, _each("/org/people/{pk}/", lambda w: w.people)),
    Reader("people API list", rules.people, _api_list("/api/v1/org/people")),
    Reader("people API detail", rules.people,
           _each("/api/v1/org/people/{pk}", lambda w: w.people)),
    # outreach: activities, sign-ins, reach
    Reader("activity list page", rules.activities, _links("/outreach/?per_page=100")),
    Reader("activity detail page", rules.activities,
           _each("/outreach/{pk}/", lambda w: w.activities)),
    Reader("activity API list", rules.activities, _api_list("/api/v1/outreach/activities")),
    Reader("activity API detail", rules.activities,
           _each("/api/v1/outreach/activities/{pk}", lambda w: w.activities)),
    Reader("sign-in records", rules.activities,
           _each("/api/v1/outreach/activities/{pk}/signins", lambda w: w.activities)),
    Reader("reach statistics", rules.activities, _reach_sessions),
    Reader("dashboard: cases received", rules.cases, _dashboard("received")),
    Reader("dashboard: activities held", rules.activities,
           _dashboard("activities", dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    # organisation: units and agreements (with their scanned documents)
    Reader("unit list page", rules.units, _links("/org/units/")),
    Reader("unit API list", rules.units, _api_list("/api/v1/org/units")),
    Reader("unit API detail", rules.units, _each("/api/v1/org/units/{pk}", lambda w: w.units)),
    Reader("agreement list page", rules.agreements, _links("/org/agreements/")),
    Reader("agreement API list", rules.agreements, _api_list("/api/v1/org/agreements")),
    Reader("agreement API detail", rules.agreements,
           _each("/api/v1/org/agreements/{pk}", lambda w: w.agreements)),
    Reader("agreement documents", rules.agreements,
           _each("/org/agreements/{pk}/document/", lambda w: w.agreements)),
    # outreach: responsibility lists
    Reader("responsibility list page", rules.responsibility_lists, _links("/outreach/lists/")),
    Reader("responsibility list API", rules.responsibility_lists,
           _plain_api_list("/api/v1/outreach/lists")),
    Reader("responsibility list detail", rules.responsibility_lists,
           _each("/outreach/lists/{pk}/", lambda w: w.lists)),
    Reader("responsibility list API detail", rules.responsibility_lists,
           _each("/api/v1/outreach/lists/{pk}", lambda w: w.lists)),
    Reader("responsibility list export", rules.responsibility_lists,
           _each("/outreach/lists/{pk}/export.xlsx", lambda w: w.lists)),
    # exams: papers (results) and the rates' candidates
    Reader("exam paper results", rules.exam_papers,
           _each("/exams/papers/{pk}/result/", lambda w: w.exam_attempts)),
    Reader("exam paper API", rules.exam_papers,
           _each("/api/v1/exams/papers/{pk}", lambda w: w.exam_attempts)),
    Reader("exam rates API (candidates counted)", rules.exam_enrolments, _exam_enrolled),
    # model-community assessments and their evidence files
    Reader("assessment list page", rules.assessments, _links("/assessments/?per_page=100")),
    Reader("assessment detail page", rules.assessments,
           _each("/assessments/{pk}/", lambda w: w.assessments)),
    Reader("assessment API list", rules.assessments, _api_list("/api/v1/assessments/")),
    Reader("assessment API detail", rules.assessments,
           _each("/api/v1/assessments/{pk}", lambda w: w.assessments)),
    Reader("assessment evidence files", rules.assessment_evidence,
           _each("/assessments/evidence/{pk}/", lambda w: w.evidence)),
    Reader("dashboard: model communities", rules.assessments, _dashboard("model_communities")),
    # study: one's own credit, the units' cadres and rates
    Reader("study: my credit API", rules.study_own, _study_me),
    Reader("study: a unit's cadres page", rules.study_cadres, _study_unit_cadres),
    Reader("study: unit rates API", rules.study_units, _study_rates),
    # audit log
    Reader("inbox page", rules.notifications, _links("/notifications/?per_page=100")),
    Reader("inbox API list", rules.notifications, _api_list("/api/v1/inbox/notifications")),
    Reader("audit log page", rules.audit_entries, _audit_page),
    Reader("audit API list", rules.audit_entries, _api_list("/api/v1/audit/entries")),
    # voting: held votes and results
    Reader("held votes review page", rules.held_votes,
           _voting_page("/vote/staff/{pk}/review/", r'name="votes" value="(\d+)"')),
    Reader("held votes API", rules.held_votes,
           _voting_api("/api/v1/voting/campaigns/{pk}/held", "id")),
    Reader("voting results page", rules.voting_results,
           _voting_page("/vote/staff/{pk}/results/", r'data-candidate="(\d+)"')),
    Reader("voting results API", rules.voting_results,
           _voting_api("/api/v1/voting/campaigns/{pk}/results", "candidate_id")),
    Reader("voting results export", rules.voting_results, _voting_export),
    Reader("public tally shows no held vote", lambda w, p: set(), _public_tally_held),
    # contests: the leaderboard, the suspicious log, participation, the export
    Reader("contest leaderboard page", rules.contest_papers,
           _contest_page("/contests/staff/{pk}/results/?round={round}",
                         r'data-participant="(\d+)"')),
    Reader("contest results API", rules.contest_papers,
           _contest_api("/api/v1/contests/{pk}/rounds/{round}/results")),
    Reader("contest results export", rules.contest_papers, _contest_export),
    Reader("contest participation API (papers counted)", rules.contest_papers,
           _contest_taking_part),
    Reader("contest suspicious log page", rules.contest_suspicions,
           _contest_page("/contests/staff/{pk}/suspicious/", r'data-suspicion="(\d+)"')),
    Reader("contest suspicious log API", rules.contest_suspicions,
           _contest_api("/api/v1/contests/{pk}/suspicions")),
    # duty reviews: each unit's score
    Reader("duty review scores page", rules.duty_scores, _duty_page),
    Reader("duty review scores API", rules.duty_scores, _duty_api),
    Reader("duty review unit page", rules.duty_scores, _duty_units),
]
