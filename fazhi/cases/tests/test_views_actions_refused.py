"""A refused action on the case page comes back with its message beside the field and the input
kept, whatever happened to the case meanwhile."""

from __future__ import annotations

import pytest

from fazhi.cases.models import AgentTask
from fazhi.cases.services import case_accept

from .factories import make_case

pytestmark = pytest.mark.django_db


def test_a_refused_action_no_longer_on_offer_still_shows_its_message_and_input(
        as_user, worker, street_admin, north):
    case = make_case(worker, north)
    stale = case.version
    case_accept(actor=street_admin, case=case, expected_version=stale)  # someone else was first
    response = as_user(street_admin).post(f"/cases/{case.pk}/do/accept/",
                                          {"version": stale, "note": "漏" * 5001})
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_note_error"' in html
    assert "漏" * 5001 in html


def test_a_record_action_with_an_id_that_is_not_a_number_is_refused_with_a_message(
        as_user, worker, north):
    case = make_case(worker, north)
    for target in ["abc", "99999999999999999999", ""]:
        response = as_user(worker).post(f"/cases/{case.pk}/do/task/",
                                        {"target": target, "title": "代办低保",
                                         "due_on": "2026-12-20"})
        assert response.status_code == 422
        assert 'class="msg-error"' in response.content.decode()
    assert AgentTask.objects.count() == 0


def test_a_refused_record_form_says_why_at_the_top_of_the_page(as_user, worker, north):
    case = make_case(worker, north)
    response = as_user(worker).post(f"/cases/{case.pk}/do/task/",
                                    {"target": "1", "title": "漏" * 1000, "due_on": "2026-12-20"})
    assert response.status_code == 422
    assert 'class="msg-error"' in response.content.decode()
