"""The community worker's forms on a draft self-assessment (an item's score and note, its
evidence; an automatic item's note), walked with the hostile values of tests/
test_hostile_forms.py: over-long text, NUL and control characters, huge and negative numbers,
choices not offered, injection strings. Nothing refused is saved, and the page says why beside
the field."""

from __future__ import annotations

import pytest

from fazhi.assessments import services
from tests.html_forms import read_page
from tests.test_hostile_forms import attack


@pytest.fixture
def draft(cycle, worker, records):
    return services.assessment_start(actor=worker, cycle=cycle)


def test_the_workers_forms_withstand_hostile_input(as_user, worker, draft):
    client = as_user(worker)
    client.raise_request_exception = False
    page = f"/assessments/{draft.pk}/"
    forms, _links = read_page(page, client.get(page).content.decode())
    auto = draft.scores.filter(indicator__method="auto").first()
    manual = draft.scores.filter(indicator__method="manual").first()
    mine = [f for f in forms if f"/scores/{auto.pk}/" in f.action
            or f"/scores/{manual.pk}/" in f.action]
    assert len(mine) == 4  # the auto item's two forms, the manual item's two
    findings = [finding for form in mine for finding in attack(client, form)]
    assert not findings, "\n".join(map(str, findings))
