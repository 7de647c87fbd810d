"""Every write of the JSON API, attacked as issue 8 asks.

The operations come from the API's own OpenAPI document, so a new endpoint joins by existing:
``test_every_api_write_has_a_valid_example`` fails until ``EXAMPLES`` holds a valid request for
it. From that example each attack changes one value that the document says is a string, a
date, a date-time or an integer (in nested objects too): 100,000 characters, 0001-01-01 and
9999-12-31, a date-time without a time zone, 10^20 and -1; then every string at once gets a NUL,
control characters, and injection strings (quotes, ``<script>``, ``=HYPERLINK``, FTS syntax).

What must hold: never a 5xx; a refusal is JSON with a 4xx that names the field; an over-long
text, a far date, an out-of-range number and a NUL are refused and change nothing (every table
compared before and after); injection strings are kept verbatim or refused. Last, the untouched
example must still succeed, so that the refusals above are the attack's doing.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from fazhi.accounts.services import api_token_create

from . import hostile_world as hw
from .hostile_api_examples import DOCUMENT, EXAMPLES, NOT_ATTACKED, WRITES, extras_for


@pytest.fixture
def extras(world, worker, street_admin, mediator, north) -> dict[str, Any]:
    return extras_for(world, worker, street_admin, mediator, north)


@pytest.fixture
def world(north, south, subdistrict, worker, street_admin) -> hw.World:
    return hw.build(north=north, subdistrict=subdistrict, worker=worker, street_admin=street_admin)


@pytest.fixture
def api_client(street_admin) -> Client:
    raw = api_token_create(user=street_admin, name="hostile", second_factor_passed=True)[1]
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    client.raise_request_exception = False
    return client


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _kinds(schema: dict[str, Any]) -> set[str]:
    """The kinds a property accepts: "string", "date", "date-time", "integer", ..."""
    schema = _resolve(schema)
    kinds: set[str] = set()
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        kinds |= _kinds(option)
    if schema.get("type") == "string":
        kinds.add(schema.get("format", "string") if schema.get("format") in {"date", "date-time"}
                  else "string")
    elif "type" in schema:
        kinds.add(schema["type"])
    if "enum" in schema:
        kinds.add("enum")
    return kinds


def _leaves(schema: dict[str, Any], body: Any, at: tuple = ()) -> Iterator[tuple[tuple, set[str]]]:
    """(path into the body, kinds) for every value the example sends."""
    schema = _resolve(schema)
    if isinstance(body, dict):
        properties = schema.get("properties", {})
        for key, value in body.items():
            if key in properties:
                yield from _leaves(properties[key], value, (*at, key))
    elif isinstance(body, list) and body:
        items = schema.get("items") or next((o.get("items") for o in schema.get("anyOf", [])
                                             if o.get("items")), {})
        yield from _leaves(items, body[0], (*at, 0))
    else:
        yield at, _kinds(schema)


def _with(body: Any, at: tuple, value: Any) -> Any:
    body = copy.deepcopy(body)
    target = body
    for key in at[:-1]:
        target = target[key]
    target[at[-1]] = value
    return body


def _attacks(body: dict[str, Any], schema: dict[str, Any] | None) -> Iterator[tuple[str, Any, Any, str]]:
    """(label, field name, body, expectation)."""
    if schema is None:
        return
    leaves = list(_leaves(schema, body))
    for at, kinds in leaves:
        name = str(at[-1]) if not isinstance(at[-1], int) else str(at[-2])
        label = ".".join(map(str, at))
        if "enum" in kinds:
            yield label, name, _with(body, at, hw.HUGE), "refuse"
        elif "date" in kinds:
            for day in hw.FAR_DATES:
                yield label, name, _with(body, at, day), "refuse"
        elif "date-time" in kinds:
            for day in hw.FAR_DATES:
                yield label, name, _with(body, at, f"{day}T09:30:00+08:00"), "refuse"
            yield label, name, _with(body, at, "2026-11-01T00:00:00"), "no-5xx"
        elif "string" in kinds:
            yield label, name, _with(body, at, hw.OVERLONG), "refuse"
        elif "integer" in kinds or "number" in kinds:
            yield label, name, _with(body, at, 10**20), "refuse"
            yield label, name, _with(body, at, -1), "refuse"
    strings = [at for at, kinds in leaves if kinds & {"string"} and not kinds & {"enum"}]
    for value, expect in ((hw.NUL, "refuse"), (hw.CONTROL, "keep"), (hw.INJECTION, "keep")):
        attacked = body
        for at in strings:
            attacked = _with(attacked, at, value)
        if strings:
            yield "every string", "", attacked, expect


def _send(client: Client, method: str, path: str, query: dict[str, Any], body: Any):
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    if method == "DELETE":
        return client.delete(path)
    return client.generic(method, path, json.dumps(body, ensure_ascii=False),
                          content_type="application/json")


def _judge(response, expect: str, changed: list[str], name: str) -> str:
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if status >= 400 and "json" not in response.get("Content-Type", ""):
        return f"{status} is not JSON ({response.get('Content-Type')})"
    text = response.content.decode(errors="replace")
    if hw.SCRIPT in text and "json" not in response.get("Content-Type", ""):
        return "<script> answered unescaped"
    if expect != "refuse":
        return ""
    if status < 400 or changed:
        return f"accepted ({status}), saved {', '.join(changed) or 'nothing'}"
    if status >= 500 or status < 400:
        return f"status {status}"
    if status == 409 and name in {"version", "expected_version"}:
        return ""  # a version that was never read is a conflict
    if name and name not in text:
        return f"{status} does not name the field: {text[:160]}"
    return ""


@pytest.mark.parametrize(("method", "path", "operation"), WRITES, ids=[w[2] for w in WRITES])
def test_every_api_write_withstands_hostile_input(method, path, operation, world, extras,
                                                   api_client):
    if operation in NOT_ATTACKED:
        return
    params, query, body = EXAMPLES[operation](world, extras)
    url = path.format(**params)
    op = DOCUMENT["paths"][path][method.lower()]
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    schema = content["schema"] if content else None
    findings = []
    # Each request runs in a savepoint rolled back after it: every attack meets the same world,
    # and the untouched example shows that a refusal is the attack's doing.
    with transaction.atomic():
        response = _send(api_client, method, url, query, body)
        transaction.set_rollback(True)
    if response.status_code >= 400:
        findings.append(f"{method} {url}: the untouched example is refused "
                        f"({response.status_code} {response.content[:200]!r})")
    attacks = list(_attacks(body, schema))
    attacks += [(f"?{n}={v}", n, body, "no-5xx") for n, v in (("version", 10**20),
                                                              ("version", -1)) if n in query]
    before = hw.snapshot()  # each attack is rolled back: every one starts from this world
    for label, name, attacked, expect in attacks:
        with transaction.atomic():
            sent_query = {**query, name: label.split("=", 1)[1]} if label.startswith("?") else query
            response = _send(api_client, method, url, sent_query, attacked)
            problem = _judge(response, expect, hw.differences(before, hw.snapshot()), name)
            transaction.set_rollback(True)
        if problem:
            findings.append(f"{method} {url} [{label}]: {problem}")
    assert not findings, "\n".join(findings)


def test_every_api_write_has_a_valid_example():
    assert sorted(op for _m, _p, op in WRITES) == sorted(EXAMPLES)


# The leader reads everything and writes only these (and marks their own notifications read).
# A leader is state staff who studies too: their own study visits and beats.
LEADER_WRITES = {"fazhi_cases_api_extension_approve", "fazhi_cases_api_extension_refuse",
                 "fazhi_inbox_api_notifications_read_all", "fazhi_study_api_visit_open",
                 "fazhi_study_api_visit_beat"}


def test_a_leader_token_is_refused_every_other_api_write_and_nothing_changes(world, extras,
                                                                             leader):
    """The read-only role: a 4xx JSON answer and no row changed."""
    raw = api_token_create(user=leader, name="hostile", second_factor_passed=True)[1]
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    client.raise_request_exception = False
    findings = []
    for method, path, operation in WRITES:
        if operation in NOT_ATTACKED or operation in LEADER_WRITES:
            continue
        params, query, body = EXAMPLES[operation](world, extras)
        before = hw.snapshot()
        response = _send(client, method, path.format(**params), query, body)
        changed = hw.differences(before, hw.snapshot())
        if not 400 <= response.status_code < 500 or changed:
            findings.append(f"{operation}: {response.status_code}, changed {changed}")
    assert not findings, "\n".join(findings)
