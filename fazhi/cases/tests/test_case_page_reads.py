"""The case page's read (selectors.case_page_for): the agency modes of this case and no other,
with everything the page shows of them fetched up front.

Written to kill mutants ``make mutate MODULE=fazhi/cases/selectors/cases.py`` left alive (the
page's agency modes were read with ``case=None`` and no test noticed).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import AgencyMode, AgentTask, Handover, Wish
from fazhi.cases.selectors import case_page_for

from .factories import make_case

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_its_own_agency_modes_read_in_advance(
        worker, lawyer, north, django_assert_num_queries):
    case, other = make_case(worker, north, title="本案"), make_case(worker, north, title="他案")
    mode = AgencyMode.objects.create(case=case, mode=AgencyMode.Mode.CLAIM, agent=lawyer)
    AgencyMode.objects.create(case=other, mode=AgencyMode.Mode.CLAIM, agent=lawyer)
    AgentTask.objects.create(mode=mode, title="调取证据", due_on=dt.date(2025, 9, 1))
    Wish.objects.create(mode=mode, words="希望尽快修好")
    Handover.objects.create(mode=mode, item="身份证复印件", received_by="张三",
                            at=dt.datetime(2025, 9, 2, 2, 0, tzinfo=dt.UTC))
    page = case_page_for(actor=worker, pk=case.pk)
    with django_assert_num_queries(0):
        shown = [(m.pk, m.agent.username, m.authorisation,
                  [t.title for t in m.tasks.all()], [w.words for w in m.wishes.all()],
                  [h.item for h in m.handovers.all()]) for m in page["modes"]]
    assert shown == [(mode.pk, "lawyer", None, ["调取证据"], ["希望尽快修好"], ["身份证复印件"])]
    assert [(p.role, p.name) for p in page["parties"]] == [("applicant", "张三"),
                                                           ("respondent", "李四")]
