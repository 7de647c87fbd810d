"""The scope matrix: for every persona and every reader, the rows shown are exactly the rows
the independent rule (rules.py) allows, worked out from the world's facts (world.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings

from conftest import client_for

from . import rules
from .readers import READERS, Reader
from .world import PERSONAS, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end (as Django's
    TestCase.setUpTestData): each test runs in a savepoint within it, so what one reader
    writes (an export's audit entry) is gone before the next."""
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("scope-files"))}}}
    with (django_db_blocker.unblock(),
          override_settings(STORAGES=storages,
                            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
          transaction.atomic()):
        built = build_world()
        _run_on_commit_callbacks()  # the search index is written after each commit
        yield built
        transaction.set_rollback(True)


def _run_on_commit_callbacks() -> None:
    pending = list(connection.run_on_commit)
    connection.run_on_commit.clear()
    for _savepoints, callback, _robust in pending:
        callback()


@pytest.mark.parametrize("reader", READERS, ids=[r.name for r in READERS])
def test_every_persona_sees_exactly_what_the_rule_allows(world, reader: Reader):
    wrong = {}
    for persona in PERSONAS:
        user = world.users[persona]
        client = client_for(user) if user else Client()
        expected = reader.rule(world, persona)
        shown = reader.read(client, world)
        if isinstance(shown, int):
            expected = len(expected)
        if shown != expected:
            wrong[persona] = {"shown": shown, "expected": expected}
    assert wrong == {}


def test_the_rule_separates_every_kind_of_grant(world):
    everyone = {p: rules.cases(world, p) for p in PERSONAS}
    assert everyone["street_admin"] == set(world.cases)
    assert everyone["auditor"] == everyone["sysadmin"] == everyone["anonymous"] == set()
    handled = {pk for pk, f in world.cases.items() if f.handler == "mediator"}
    agented = {pk for pk, f in world.cases.items() if "lawyer" in f.agents}
    assert handled and agented and not handled & everyone["lawyer"]
    assert agented <= everyone["lawyer"] and not agented & everyone["mediator"]
    assert everyone["worker"] != everyone["outsider"] != set()
    assert len({frozenset(rules.activities(world, p)) for p in PERSONAS}) >= 5
