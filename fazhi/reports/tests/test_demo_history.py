"""The demo world dated 2026-03-10, built once for the three tests that read its 2016-2018
history: the seed's report figures, the three model communities of 2018, and the outreach reach.
A full build takes a quarter of a minute, so one build serves the three (pytest-xdist hands a
worker a module's tests in a run, so they usually share it; at worst two workers build). Each test runs in its own
savepoint inside the module's transaction, so none sees another's writes, and the world is
rolled back when the module ends."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from fazhi.outreach.tests.test_demo_outreach import (
    check_the_demo_world_reproduces_the_reported_reach,
)

from .test_demo_model_communities import (
    check_the_three_model_communities_of_2018_pass_on_their_records,
)
from .test_seed import check_the_report_for_2016_to_2018_reproduces_the_seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built as the root conftest's per-test settings would have it built."""
    with (django_db_blocker.unblock(),
          override_settings(
              DATA_DIR=tmp_path_factory.mktemp("history"),
              TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
              PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
          transaction.atomic()):
        call_command("demo", "--today", "2026-03-10", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_the_demo_worlds_report_for_2016_to_2018_reproduces_the_seed(history, settings,
                                                                       tmp_path):
    settings.DATA_DIR = tmp_path
    check_the_report_for_2016_to_2018_reproduces_the_seed()


def test_the_three_model_communities_of_2018_pass_on_their_records(history, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    check_the_three_model_communities_of_2018_pass_on_their_records()


def test_the_demo_world_reproduces_the_reported_reach(history, client, as_user):
    check_the_demo_world_reproduces_the_reported_reach(client, as_user)
