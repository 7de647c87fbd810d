"""One indicator of the tree read by key (fazhi/assessments/selectors.py ``indicator_get_for``):
any record reader reads it with its cycle; the administration roles and visitors none; an
unknown key is a 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.assessments.models import Indicator
from fazhi.assessments.selectors import indicator_get_for

pytestmark = pytest.mark.django_db


def test_a_reader_reads_an_indicator_with_its_cycle(cycle, worker, leader, street_staff):
    indicator = Indicator.objects.filter(cycle=cycle).order_by("-pk").first()
    for reader in (worker, leader, street_staff):
        read = indicator_get_for(actor=reader, pk=indicator.pk)
        assert (read.pk, read.cycle.pk, read.cycle.title) == (indicator.pk, cycle.pk,
                                                              "2025—2026年度")


def test_the_administration_roles_and_visitors_read_no_indicator(cycle, auditor, sysadmin):
    indicator = Indicator.objects.filter(cycle=cycle).first()
    for reader in (auditor, sysadmin, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            indicator_get_for(actor=reader, pk=indicator.pk)


def test_an_unknown_indicator_is_not_found(cycle, worker):
    missing = (Indicator.objects.order_by("-pk").first().pk or 0) + 1
    with pytest.raises(Http404):
        indicator_get_for(actor=worker, pk=missing)
