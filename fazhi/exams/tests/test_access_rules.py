"""The exams access rules (fazhi/exams/access.py) beyond the scope matrix: who organises
(every role, an anonymous visitor, an object that is no user), the papers of unit staff who
changed units since they sat, and the scope read from another model through ``prefix``.
Expected values are written out by hand from access.py's docstring."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from conftest import make_user
from fazhi.core.roles import Role
from fazhi.exams import access
from fazhi.exams.models import Attempt, PaperItem
from fazhi.exams.selectors import attempt_list_for
from fazhi.exams.services.sitting import attempt_start

ORGANISERS = {Role.STREET_ADMIN, Role.STREET_STAFF}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_only_the_sub_district_organises_exams(role, north):
    user = make_user(f"u_{role}", role, north)
    assert access.is_organiser(user) is (role in ORGANISERS)


def test_neither_a_visitor_nor_an_object_without_a_sign_in_state_organises():
    assert access.is_organiser(AnonymousUser()) is False
    assert access.is_organiser(SimpleNamespace(role=Role.STREET_ADMIN, pk=1)) is False


@pytest.mark.django_db
def test_unit_staff_who_moved_read_their_own_paper_and_their_new_unit_s(
        exam, unit_staff, cadre, far_cadre, other_unit):
    own = attempt_start(actor=unit_staff, exam=exam)
    old_colleague = attempt_start(actor=cadre, exam=exam)
    new_colleague = attempt_start(actor=far_cadre, exam=exam)
    get_user_model().objects.filter(pk=unit_staff.pk).update(unit=other_unit)
    unit_staff.refresh_from_db()
    assert {a.pk for a in attempt_list_for(actor=unit_staff)} == {own.pk, new_colleague.pk}
    assert old_colleague.pk not in {a.pk for a in Attempt.objects.filter(
        access.attempt_scope(unit_staff))}


@pytest.mark.django_db
def test_the_scope_reaches_papers_from_their_items_through_the_prefix(
        exam, unit_staff, cadre, far_cadre):
    mine = attempt_start(actor=cadre, exam=exam)
    colleague = attempt_start(actor=unit_staff, exam=exam)
    far = attempt_start(actor=far_cadre, exam=exam)
    items = {a.pk: set(PaperItem.objects.filter(attempt=a).values_list("pk", flat=True))
             for a in (mine, colleague, far)}

    def seen(actor):
        return set(PaperItem.objects.filter(access.attempt_scope(actor, "attempt"))
                   .values_list("pk", flat=True))

    assert seen(cadre) == items[mine.pk]
    assert seen(unit_staff) == items[mine.pk] | items[colleague.pk]
    assert seen(far_cadre) == items[far.pk]
