"""The seed page: "2018年江汉北路社区、高雄社区、金门社区被评为法治示范社区". The demo world's
2017–2018 assessment must name exactly these three, and each must pass on its records: the
automatic items are counted here again with plain queries over the demo's tables (not the
app's rules), the items scored by hand are the reviewed scores with their evidence."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from fazhi.accounts.models import User
from fazhi.assessments.models import Assessment, Score
from fazhi.cases.models import Case
from fazhi.org.models import Agreement, Person, Region, Unit
from fazhi.outreach.models import Activity
from fazhi.reports.selectors import figures_for

TZ = ZoneInfo("Asia/Shanghai")
START, END = dt.datetime(2018, 1, 1, tzinfo=TZ), dt.datetime(2019, 1, 1, tzinfo=TZ)
NAMES = ["江汉北路社区", "高雄社区", "金门社区"]
# The default tree's automatic items, written out again: title -> (points, target).
AUTO = {
    "人民调解委员会健全，调解员不少于3人": (6, 3),
    "设立社区综治工作室": (4, 1),
    "法律明白人不少于3名": (5, 3),
    "全年开展法治宣传活动不少于12场": (10, 12),
    "矛盾纠纷调解成功率不低于95%": (10, 95),
    "驻社区律师在岗，法律顾问协议在有效期内": (10, 1),
    "与辖区单位签订共驻共建协议": (5, 1),
}


def _records(c: Region) -> dict[str, Decimal | None]:
    committee = Unit.objects.filter(kind="mediation_committee", region=c).exists()
    mediators = Person.objects.filter(community=c, active=True,
                                      kind__in=["mediator", "red_vest"]).count()
    disputes = Case.objects.filter(community=c, kind="dispute", concluded_at__gte=START,
                                   concluded_at__lt=END).exclude(outcome="")
    mediated = disputes.filter(outcome__in=["agreement_written", "agreement_oral"]).count()
    firms = Agreement.objects.filter(kind="legal_service", starts_on__lte=dt.date(2018, 12, 31),
                                     ends_on__gte=dt.date(2018, 1, 1)).values("parties")
    return {
        "人民调解委员会健全，调解员不少于3人": Decimal(mediators if committee else 0),
        "设立社区综治工作室": Decimal(Unit.objects.filter(kind="community_workroom",
                                                     region=c).count()),
        "法律明白人不少于3名": Decimal(Person.objects.filter(community=c, active=True,
                                                        kind="law_savvy").count()),
        "全年开展法治宣传活动不少于12场": Decimal(Activity.objects.filter(
            community=c, starts_at__gte=START, starts_at__lt=END).exclude(
            kind="correction").count()),
        "矛盾纠纷调解成功率不低于95%": (Decimal(mediated * 100) / disputes.count()).quantize(
            Decimal("0.1"), ROUND_HALF_UP) if disputes.count() else None,
        "驻社区律师在岗，法律顾问协议在有效期内": Decimal(Person.objects.filter(
            community=c, active=True, kind="lawyer", unit__in=firms).count()),
        "与辖区单位签订共驻共建协议": Decimal(Agreement.objects.filter(
            kind="co_building", region=c, starts_on__lte=dt.date(2018, 12, 31),
            ends_on__gte=dt.date(2018, 1, 1)).count()),
    }


def check_the_three_model_communities_of_2018_pass_on_their_records() -> None:
    """Run on the demo world dated 2026-03-10 (test_demo_history.py builds it once)."""
    named = Assessment.objects.filter(decision="named", decided_on__year=2018)
    assert sorted(a.community.name for a in named) == sorted(NAMES)
    for a in named:
        values = _records(a.community)
        scores = {s.indicator.title: s for s in Score.objects.filter(assessment=a)
                  .select_related("indicator").prefetch_related("evidence")}
        total = Decimal(0)
        for title, score in scores.items():
            if title in AUTO:
                weight, target = AUTO[title]
                value = values[title]
                expected = Decimal(0) if value is None else (
                    Decimal(weight) * min(Decimal(1), value / target)).quantize(
                    Decimal("0.1"), ROUND_HALF_UP)
                assert (a.community.name, title, score.measured) == (a.community.name, title,
                                                                     value)
                assert score.review_score == expected, (a.community.name, title)
                total += expected
            else:
                assert score.evidence.count() >= 1, (a.community.name, title)
                assert Decimal(0) < score.review_score <= score.indicator.weight
                total += score.review_score
        assert len(scores) == 13
        assert a.score == total
        assert total >= a.cycle.pass_score == Decimal(80)
        assert a.status == "concluded" and a.grade in ("excellent", "pass")
    leader = User.objects.get(username="leader")
    figures = figures_for(actor=leader, since=dt.date(2018, 1, 1), until=dt.date(2018, 12, 31))
    assert figures.values["model_communities"] == 3
    assert figures.sources["assessments"]["names"] == NAMES
    none = figures_for(actor=leader, since=dt.date(2019, 1, 1), until=dt.date(2019, 12, 31))
    assert none.values["model_communities"] == 0
