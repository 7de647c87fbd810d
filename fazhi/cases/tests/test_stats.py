import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.cases import services
from fazhi.cases.models import Case, Deadline, FollowUp
from fazhi.cases.selectors.stats import stats_for

from .factories import make_case

pytestmark = pytest.mark.django_db


def _world(worker, north, south_case_actor, south):
    today = timezone.localdate()
    cases = []
    for i in range(3):
        case = make_case(worker, north)
        case = services.case_accept(actor=worker, case=case, expected_version=1)
        services.session_add(actor=worker, case=case, held_at=timezone.now(), place="站",
                             mediators="王", attendees="双方", record="记录")
        if i < 2:
            services.agreement_record(actor=worker, case=case, form="written", facts="f",
                                      disputed_points="d", responsibilities="r", terms="t",
                                      performance_manner="m", performance_deadline=today,
                                      signed_on=today, mediator_names="王",
                                      amount=Decimal(1000 * (i + 1)))
            case.refresh_from_db()
            case = services.case_conclude(actor=worker, case=case, expected_version=case.version,
                                          outcome="agreement_written", summary="s",
                                          prevented_criminal=i == 0, prevented_persons=2)
            services.case_follow_up(actor=worker, case=case, expected_version=case.version,
                                    at=timezone.now(), contact="电话",
                                    satisfaction="satisfied" if i == 0 else "dissatisfied",
                                    note="" if i == 0 else "没有履行")
        cases.append(case)
    make_case(south_case_actor, south, kind="appeal", category="utilities", channel="phone")
    return cases


def test_every_figure_matches_counts_taken_from_the_records(worker, street_staff, north,
                                                            south):
    _world(worker, north, street_staff, south)
    today = timezone.localdate()
    s = stats_for(actor=street_staff, since=today - dt.timedelta(days=1), until=today)
    cases = list(Case.objects.all())
    concluded = [c for c in cases if c.outcome]
    mediated = [c for c in concluded if c.outcome.startswith("agreement")]
    disputes = [c for c in concluded if c.kind == "dispute"]
    assert s["received"] == len(cases) == 4
    assert s["concluded"] == len(concluded)
    assert s["mediated"] == len(mediated)
    assert len(disputes) == len(mediated) == 1  # the dissatisfied follow-up reopened one
    assert s["success_rate"] == 100.0
    assert s["amount"] == sum((c.agreement_amount or 0) for c in mediated)
    assert s["prevented"] == sum(1 for c in concluded if c.prevented_criminal)
    assert s["prevented_persons"] == sum(c.prevented_persons for c in concluded
                                         if c.prevented_criminal)
    responded = [c for c in cases if c.first_response_at]
    assert s["response_rate"] == round(100 * len(responded) / len(cases), 1)
    follow = list(FollowUp.objects.all())
    good = [f for f in follow if f.satisfaction in ("satisfied", "basic")]
    assert s["satisfaction_rate"] == round(100 * len(good) / len(follow), 1)
    timed = [d for d in Deadline.objects.filter(rule__concludes_case=True)
             if d.case.outcome and d.status in ("met", "missed")]
    met = [d for d in timed if d.status == "met"]
    assert s["on_time_rate"] == (round(100 * len(met) / len(timed), 1) if timed else None)
    assert sum(r["n"] for r in s["by_category"]) == len(cases)
    assert {r["label"]: r["n"] for r in s["by_channel"]} == {"来电": 1, "到公共法律服务站": 3}
    assert sum(r["received"] for r in s["by_month"]) == len(cases)
    north_only = stats_for(actor=street_staff, since=today, until=today, community=north.pk)
    assert north_only["received"] == 3


def test_the_statistics_page_and_xlsx_render(as_user, street_staff, leader, outsider, north):
    make_case(street_staff, north)
    page = as_user(leader).get(reverse("cases:statistics"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    xlsx = as_user(street_staff).get(reverse("cases:statistics"), {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    outsider_page = as_user(outsider).get(reverse("cases:statistics"))
    assert outsider_page.status_code == 200
    assert outsider_page.context["s"]["received"] == 0
