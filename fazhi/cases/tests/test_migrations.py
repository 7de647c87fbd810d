"""Data migrations that change stored rows."""

import importlib

import pytest
from django.apps import apps

from fazhi.cases.models import Case

from .factories import make_case

pytestmark = pytest.mark.django_db

shorten = importlib.import_module(
    "fazhi.cases.migrations.0013_shorten_over_long_case_texts").shorten


def test_a_description_saved_before_the_limit_is_cut_to_it_and_the_case_can_move_on(
        worker, north):
    from fazhi.cases import services

    case = make_case(worker, north)
    short = make_case(worker, north, description="楼上漏水")
    Case.objects.filter(pk=case.pk).update(description="漏" * 100_000)
    shorten(apps, None)
    case.refresh_from_db()
    assert case.description == "漏" * 4999 + "…"
    assert Case.objects.get(pk=short.pk).description == "楼上漏水"
    accepted = services.case_accept(actor=worker, case=case, expected_version=case.version)
    assert accepted.state == "accepted"
