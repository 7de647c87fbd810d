"""The reads of the apps people take part in, and of the cadres' learning: votes (held votes,
results, the export), duty reviews, exams, contests (leaderboard, suspicious log, participation,
export) and study (own credit, units' cadres, rates)."""

from __future__ import annotations

import io
import re

from django.test import Client

from .fetch import REFUSED, Read, get
from .world import World


def voting_page(path: str, pattern: str) -> Read:
    """Ids on a campaign's staff page; 404 (the campaign is out of the persona's reach) or a
    refusal shows nothing."""
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.campaign))
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        return {int(pk) for pk in re.findall(pattern, response.content.decode())}
    return read


def voting_api(path: str, key: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.campaign), {"limit": 200})
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        body = response.json()
        rows = body["items"] if isinstance(body, dict) else body
        return {row[key] for row in rows}
    return read


def voting_export(client: Client, world: World) -> set[int]:
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


def duty_page(client: Client, world: World) -> set[int]:
    response = client.get(f"/duty/{world.duty_review}/")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return set()
    return {int(pk) for pk in re.findall(r'data-unit="(\d+)"', response.content.decode())}


def duty_api(client: Client, world: World) -> set[int]:
    response = client.get(f"/api/v1/dutyreviews/reviews/{world.duty_review}/scores")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    return {row["unit_id"] for row in response.json()} if response.status_code == 200 else set()


def duty_units(client: Client, world: World) -> set[int]:
    shown = set()
    for pk in world.duty_units:
        response = client.get(f"/duty/{world.duty_review}/units/{pk}/")
        assert response.status_code in REFUSED | {200, 404}, response.status_code
        if response.status_code == 200:
            shown.add(pk)
    return shown


def public_tally_held(client: Client, world: World) -> set[int]:
    """The public tally never counts a held vote: the figure is the counted votes only."""
    response = client.get(f"/api/v1/voting/campaigns/{world.campaign}/tally")
    return set() if response.json()["total"] == len(world.candidates) else {-1}


def exam_enrolled(client: Client, world: World) -> int:
    response = client.get(f"/api/v1/exams/{world.exam}/rates")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return 0
    return sum(row["enrolled"] for row in response.json()["units"])


def contest_page(path: str, pattern: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.contest, round=world.contest_round))
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        return {int(pk) for pk in re.findall(pattern, response.content.decode())}
    return read


def contest_api(path: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = client.get(path.format(pk=world.contest, round=world.contest_round),
                              {"limit": 200})
        assert response.status_code in REFUSED | {200, 404}, (path, response.status_code)
        if response.status_code != 200:
            return set()
        return {row["id"] for row in response.json()["items"]}
    return read


def contest_export(client: Client, world: World) -> set[int]:
    response = client.get(f"/contests/staff/{world.contest}/results.xlsx")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return set()
    from openpyxl import load_workbook

    masked = {row[3] for row in load_workbook(io.BytesIO(response.content)).worksheets[0]
              .iter_rows(min_row=2, values_only=True)}
    return {pk for pk, mobile in world.contest_papers.items() if mobile in masked}


def contest_taking_part(client: Client, world: World) -> int:
    response = client.get(f"/api/v1/contests/{world.contest}/participation")
    assert response.status_code in REFUSED | {200, 404}, response.status_code
    if response.status_code != 200:
        return 0
    return sum(row["started"] for row in response.json())
def study_me(client: Client, world: World) -> set[int]:
    response = get(client, "/api/v1/study/me", year=2026)
    return {row["material_id"] for row in response.json()["credit"]} \
        if response.status_code == 200 else set()


def study_unit_cadres(client: Client, world: World) -> set[int]:
    """The cadres listed on each unit's study page (names, as shown)."""
    seen = set()
    for unit in world.study_units:
        response = client.get(f"/study/rates/{unit}/", {"year": 2026})
        assert response.status_code in REFUSED | {200, 404}, response.status_code
        if response.status_code == 200:
            body = response.content.decode()
            seen |= {pk for pk, name in world.study_cadres.items() if f">{name}<" in body}
    return seen


def study_rates(client: Client, world: World) -> set[int]:
    response = get(client, "/api/v1/study/rates", year=2026)
    return {row["id"] for row in response.json()} if response.status_code == 200 else set()
