"""How a reader reads: a page's links, an API list, each detail URL, and the statuses that mean
"refused" (a refused read shows nothing)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.test import Client

from .world import World

REFUSED = {302, 401, 403}
Read = Callable[[Client, World], "set[int] | int"]


def get(client: Client, url: str, **params: Any):
    response = client.get(url, params)
    assert response.status_code in REFUSED | {200}, (url, response.status_code)
    return response


def links(pattern: str) -> Read:
    """Ids in the links of an HTML list page."""
    def read(client: Client, world: World) -> set[int]:
        url, _sep, query = pattern.partition("?")
        response = get(client, url + "?" + query if query else url)
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


def api_list(url: str) -> Read:
    def read(client: Client, world: World) -> set[int]:
        response = get(client, url, limit=200)
        if response.status_code != 200:
            return set()
        return {row["id"] for row in response.json()["items"]}
    return read


def each(url: str, ids: Callable[[World], dict[int, Any]]) -> Read:
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


def plain_api_list(url: str) -> Read:
    """An API list answered as a bare JSON array."""
    def read(client: Client, world: World) -> set[int]:
        response = get(client, url, limit=100)
        return {row["id"] for row in response.json()} if response.status_code == 200 else set()
    return read
