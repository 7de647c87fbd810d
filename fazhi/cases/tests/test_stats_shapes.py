"""Case statistics on six cases written out by hand: the order of every breakdown, the figures
that must leave some concluded cases out, and the statistics workbook read back cell by cell. Every expected value below is worked out by hand
from the table in the world's docstring, never by the selector under test."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from fazhi.cases.models import Case, Category, Deadline, DeadlineRule
from fazhi.cases.selectors.stats import stats_for
from fazhi.cases.sheets import stats_xlsx

from .factories import make_case

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, 10, tzinfo=SHANGHAI)


@pytest.fixture
def world(street_staff, north):
    """received    category  channel  concluded   outcome               amount  prevented
    A 2025-01-05  邻里      station  2025-02-10  agreement_written     1000.5  yes, 2 persons
    B 2025-01-06  邻里      station  2025-02-11  mediation_terminated   500    no, 4 persons
    C 2025-01-07  邻里      phone    -
    D 2025-02-03  婚姻家庭  phone    2025-02-20  "" (no outcome: not concluded)
    E 2025-02-04  婚姻家庭  "fax"    2025-03-02  withdrawn
    F 2025-03-09  合同      station  -
    A and B were answered (first response); every case is a dispute in the north."""
    rows = {
        "A": ("neighbour", "station", _at(2025, 1, 5), _at(2025, 2, 10), "agreement_written",
              Decimal("1000.5"), True, 2),
        "B": ("neighbour", "station", _at(2025, 1, 6), _at(2025, 2, 11), "mediation_terminated",
              Decimal("500"), False, 4),
        "C": ("neighbour", "phone", _at(2025, 1, 7), None, "", None, False, 0),
        "D": ("marriage-family", "phone", _at(2025, 2, 3), _at(2025, 2, 20), "", None, False, 0),
        "E": ("marriage-family", "station", _at(2025, 2, 4), _at(2025, 3, 2), "withdrawn", None,
              False, 0),
        "F": ("contract", "station", _at(2025, 3, 9), None, "", None, False, 0),
    }
    cases = {}
    for name, (category, channel, received, concluded, outcome, amount, prevented,
               persons) in rows.items():
        case = make_case(street_staff, north, category=category, channel=channel,
                         received_at=received)
        Case.objects.filter(pk=case.pk).update(
            state="concluded" if outcome else case.state, concluded_at=concluded,
            outcome=outcome, agreement_amount=amount, prevented_criminal=prevented,
            prevented_persons=persons,
            first_response_at=received + dt.timedelta(hours=1) if name in "AB" else None)
        cases[name] = case
    # A channel no longer among the choices (an old import) shows as its stored value.
    Case.objects.filter(pk=cases["E"].pk).update(channel="fax")
    return cases


def test_every_breakdown_is_ordered_by_count_then_by_name(world, street_staff):
    s = stats_for(actor=street_staff, since=dt.date(2025, 1, 1), until=dt.date(2025, 3, 31))
    assert s["by_category"] == [{"category__name": "邻里", "n": 3},
                                {"category__name": "婚姻家庭", "n": 2},
                                {"category__name": "合同", "n": 1}]
    assert s["by_channel"] == [{"label": "到公共法律服务站", "n": 3},
                               {"label": "来电", "n": 2},
                               {"label": "fax", "n": 1}]
    assert s["by_source"] == [{"label": "当事人申请", "n": 6}]
    assert s["by_month"] == [
        {"month": "2025-01", "received": 3, "concluded": 0},
        {"month": "2025-02", "received": 2, "concluded": 2},
        {"month": "2025-03", "received": 1, "concluded": 1},
    ]


def test_categories_of_one_name_count_as_one_and_ties_go_by_name_or_value(street_staff, north):
    """Two kinds may each have a category of one name ("其他"): the breakdown shows the name
    once, with both counts. Categories tied on count go by name (乙 U+4E59 before 甲 U+7532),
    not in the order they were made (甲类 first); channels tied on count go by their stored
    value ("phone" before "station"), not in the order the grouped rows first meet them."""
    for code, kind, name, channel in (("jia", "dispute", "甲类", "station"),
                                      ("yi", "dispute", "乙类", "phone"),
                                      ("other-d", "dispute", "其他", "phone"),
                                      ("other-a", "appeal", "其他", "station")):
        Category.objects.create(code=f"zz-{code}", kind=kind, name=name)
        make_case(street_staff, north, kind=kind, category=f"zz-{code}", channel=channel,
                  received_at=_at(2025, 4, 1))
    s = stats_for(actor=street_staff, since=dt.date(2025, 4, 1), until=dt.date(2025, 4, 30))
    assert s["by_category"] == [{"category__name": "其他", "n": 2},
                                {"category__name": "乙类", "n": 1},
                                {"category__name": "甲类", "n": 1}]
    assert s["by_channel"] == [{"label": "来电", "n": 2}, {"label": "到公共法律服务站", "n": 2}]


def test_a_period_with_cases_only_received_or_only_concluded_shows_0_for_the_other(
        world, street_staff):
    """January: A, B and C received, none concluded; 10 to 28 February: A and B concluded,
    none received (D's conclusion has no outcome)."""
    january = stats_for(actor=street_staff, since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 31))
    assert january["by_month"] == [{"month": "2025-01", "received": 3, "concluded": 0}]
    later = stats_for(actor=street_staff, since=dt.date(2025, 2, 10), until=dt.date(2025, 2, 28))
    assert later["by_month"] == [{"month": "2025-02", "received": 0, "concluded": 2}]


def test_the_headline_leaves_out_what_each_definition_leaves_out(world, street_staff, north):
    s = stats_for(actor=street_staff, since=dt.date(2025, 1, 1), until=dt.date(2025, 3, 31),
                  community=north.pk)
    assert s["community"] == north.pk
    assert s["received"] == 6
    assert s["concluded"] == 3  # A, B, E: D has a conclusion time but no outcome
    assert s["disputes_concluded"] == 3
    assert s["mediated"] == 1
    assert s["success_rate"] == 33.3
    assert s["amount"] == Decimal("1000.5")  # B's 500 was not an agreement
    assert s["prevented"] == 1
    assert s["prevented_persons"] == 2  # B's 4 persons were not kept from anything
    assert s["response_rate"] == 33.3


def test_the_on_time_rate_counts_only_the_deadline_that_concludes_the_case(world,
                                                                          street_staff):
    conclude = DeadlineRule.objects.get(code="mediation-conclude")
    judicial = DeadlineRule.objects.get(code="mediation-judicial")
    assert (conclude.concludes_case, judicial.concludes_case) == (True, False)
    for name in "AB":  # each met its handling deadline and missed the judicial confirmation
        for rule, status in ((conclude, Deadline.Status.MET), (judicial, Deadline.Status.MISSED)):
            Deadline.objects.create(case=world[name], rule=rule, started_at=_at(2025, 1, 8),
                                    due_at=_at(2025, 2, 8), status=status,
                                    finished_at=_at(2025, 2, 9))
    s = stats_for(actor=street_staff, since=dt.date(2025, 1, 1), until=dt.date(2025, 3, 31))
    assert s["on_time_rate"] == 100.0


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows, an empty cell at a row's end left out (a figure with no value)."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    out = {}
    for ws in book:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for row in rows:
            while row and row[-1] is None:
                row.pop()
        out[ws.title] = [tuple(r) for r in rows]
    return out


def test_the_workbook_holds_every_figure_under_its_own_heading(world, street_staff):
    s = stats_for(actor=street_staff, since=dt.date(2025, 1, 1), until=dt.date(2025, 3, 31))
    assert _sheets(stats_xlsx(s)) == {
        "汇总": [("开始时间", "2025-01-01", "结束时间", "2025-03-31"),
                 ("已登记", 6), ("办结", 3), ("调解成功", 1), ("调解成功率（%）", 33.3),
                 ("按期办结率（%）",), ("响应率（%）", 33.3), ("满意率（%）",),
                 ("协议涉及金额（元）", 1000.5), ("防止民转刑（件）", 1),
                 ("防止民转刑（人）", 2), ("化解信访积案", 0)],
        "按类别": [("按类别", "案件"), ("邻里", 3), ("婚姻家庭", 2), ("合同", 1)],
        "按渠道": [("按渠道", "案件"), ("到公共法律服务站", 3), ("来电", 2), ("fax", 1)],
        "按来源": [("按来源", "案件"), ("当事人申请", 6)],
        "按月份": [("月", "已登记", "办结"), ("2025-01", 3, 0), ("2025-02", 2, 2),
                   ("2025-03", 1, 1)],
    }
