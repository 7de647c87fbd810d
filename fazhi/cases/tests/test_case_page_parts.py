"""What the case page reads beside the case (cases.selectors): its files, sessions, agreement,
judicial confirmation, follow-ups and linked cases, with their people and rules in the same
queries; the earlier cases of the same ID number, mobile or address (triage), newest first,
ten at most, within the viewer's scope and never the case itself; the possible duplicates,
never the case itself nor a merged case; and the order of the due queues when cases tie on
their due moment. Written against the survivors of ``make mutate
MODULE=fazhi/cases/selectors/cases.py`` (eighth round), each expected value from the fixture."""

from __future__ import annotations

import datetime as dt
from itertools import count

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from stdnum.cn import ric

from fazhi.cases import services
from fazhi.cases.models import Case, FollowUp, JudicialConfirmation, State
from fazhi.cases.selectors import (
    case_list_for,
    case_page_for,
    duplicates_for,
    earlier_cases_for,
)
from fazhi.cases.services.search import search_index_now
from fazhi.core.tests.samples import PDF

from .factories import applicant, make_case, respondent

pytestmark = pytest.mark.django_db

_serial = count(1)


def _id_number() -> str:
    """A valid resident ID number of its own (python-stdnum's check digit)."""
    first = f"11010519800101{next(_serial) % 1000:03d}"
    return first + ric.calc_check_digit(first + "0")  # the digit is computed over the first 17


def _mobile() -> str:
    return f"1391234{next(_serial):04d}"


def _case(actor, community, *, id_number: str = "", mobile: str = "", address: str = "",
          received: dt.datetime | None = None, **extra):
    """A case whose applicant has the ID number and mobile given (fresh ones otherwise) and a
    respondent sharing nothing with any other case."""
    return make_case(actor, community, address=address or f"无关路{next(_serial)}号",
                     parties=[applicant(id_number=id_number or _id_number(),
                                        mobile=mobile or _mobile()),
                              respondent(mobile=_mobile())],
                     received_at=received or timezone.now(), **extra)


PARTS = ("attachments", "sessions", "agreement", "confirmation", "follow_ups", "links")


def test_the_page_lists_the_case_s_files_sessions_agreement_and_what_followed(
        worker, north, private_storage, django_assert_num_queries):
    case = make_case(worker, north)
    services.case_accept(actor=worker, case=case, expected_version=1)
    attachment = services.attachment_add(actor=worker, case=case, doc_type="证据",
                                         upload=SimpleUploadedFile("现场照片.pdf", PDF))
    session = services.session_add(actor=worker, case=case, held_at=case.received_at,
                                   place="服务站", mediators="王调解", attendees="张三、李四",
                                   record="笔录")
    day = dt.date(2026, 3, 10)
    agreement = services.agreement_record(
        actor=worker, case=case, form="written", facts="楼上漏水", disputed_points="维修费用",
        responsibilities="李四负主要责任", terms="李四修复防水层", performance_manner="现金支付",
        performance_deadline=day, signed_on=day, mediator_names="王调解")
    confirmation = JudicialConfirmation.objects.create(case=case, applied_on=day,
                                                       court="江汉区人民法院")
    follow_up = FollowUp.objects.create(case=case, at=timezone.now(), contact="电话",
                                        satisfaction="satisfied", visitor=worker)
    other = make_case(worker, north, title="同一楼栋漏水")
    services.case_link(actor=worker, case=case, other=other)
    Case.objects.filter(pk=case.pk).update(handler=worker)
    page = case_page_for(actor=worker, pk=case.pk)
    assert {key: page[key] for key in PARTS} == {
        "attachments": [attachment], "sessions": [session], "agreement": agreement,
        "confirmation": confirmation, "follow_ups": [follow_up],
        "links": [{"pk": other.pk, "number": other.number, "title": "同一楼栋漏水"}]}
    with django_assert_num_queries(0):  # read with the page, not one row at a time
        assert (page["case"].category.name, page["case"].community,
                page["case"].handler) == ("邻里", north, worker)
        assert [event.actor for event in page["events"]] == [worker] * len(page["events"])
        assert {deadline.rule.code for deadline in page["deadlines"]}
        assert [visit.visitor for visit in page["follow_ups"]] == [worker]
    bare = case_page_for(actor=worker, pk=make_case(worker, north).pk)
    assert {key: bare[key] for key in PARTS} == {
        "attachments": [], "sessions": [], "agreement": None, "confirmation": None,
        "follow_ups": [], "links": []}


@pytest.fixture
def triage(worker, outsider, north, south):
    """Earlier cases around one subject: one for each thing it may share, one sharing nothing,
    one in another community sharing the mobile; received a day apart, the subject last."""
    day = timezone.now() - dt.timedelta(days=30)
    id_number, mobile, address = _id_number(), _mobile(), "江汉北路1号3单元501"
    made = {
        "same_id": _case(worker, north, id_number=id_number, received=day),
        "same_mobile": _case(worker, north, mobile=mobile, received=day + dt.timedelta(days=1)),
        "same_address": _case(worker, north, address=address,
                              received=day + dt.timedelta(days=2)),
        "nothing": _case(worker, north, received=day + dt.timedelta(days=3)),
        "south": _case(outsider, south, mobile=mobile, received=day + dt.timedelta(days=4)),
    }
    made["subject"] = _case(worker, north, id_number=id_number, mobile=mobile, address=address,
                            received=day + dt.timedelta(days=5))
    return made


def test_earlier_cases_share_an_id_number_a_mobile_or_the_address(triage, worker,
                                                                 street_staff):
    found = list(earlier_cases_for(actor=worker, case=triage["subject"]))
    assert found == [triage[k] for k in ("same_address", "same_mobile", "same_id")]
    wide = list(earlier_cases_for(actor=street_staff, case=triage["subject"]))
    assert wide == [triage[k] for k in ("south", "same_address", "same_mobile", "same_id")]


def test_earlier_cases_come_with_their_category_in_one_query(triage, worker,
                                                            django_assert_num_queries):
    found = earlier_cases_for(actor=worker, case=triage["subject"])
    with django_assert_num_queries(1):
        assert [case.category.name for case in found] == ["邻里"] * 3


def test_the_page_shows_the_ten_newest_earlier_cases(worker, north):
    mobile = _mobile()
    start = timezone.now() - dt.timedelta(days=30)
    earlier = [_case(worker, north, mobile=mobile, received=start + dt.timedelta(hours=n))
               for n in range(11)]
    subject = _case(worker, north, mobile=mobile)
    assert list(earlier_cases_for(actor=worker, case=subject)) == earlier[:0:-1]


QUERY = "water leak ceiling mould"


def test_possible_duplicates_leave_out_the_case_itself_merged_cases_and_other_communities(
        worker, outsider, north, south, django_assert_num_queries):
    subject = make_case(worker, north, title="subject", description=QUERY)
    similar = make_case(worker, north, title="similar", description=QUERY + " upstairs")
    merged = make_case(worker, north, title="merged", description=QUERY + " again")
    elsewhere = make_case(outsider, south, title="elsewhere", description=QUERY)
    Case.objects.filter(pk=merged.pk).update(state=State.MERGED)
    for case in (subject, similar, merged, elsewhere):
        search_index_now(case.pk)
    found = duplicates_for(actor=worker, case=subject)
    with django_assert_num_queries(1):
        assert [(case.pk, case.category.name) for case in found] == [(similar.pk, "邻里")]


@pytest.mark.parametrize(("queue", "offset"), [("overdue", -1), ("due_soon", 1)])
def test_cases_due_at_one_moment_come_latest_received_first_then_newest(street_staff, north,
                                                                         queue, offset):
    """Three cases due at one moment: the one received latest first, then of the two received
    at one moment the newer (made last) first — not the order they were made in."""
    morning = (timezone.now() - dt.timedelta(days=2)).replace(hour=1, minute=0, second=0,
                                                              microsecond=0)
    later = make_case(street_staff, north, title="later", received_at=morning + dt.timedelta(hours=2))
    first = make_case(street_staff, north, title="first", received_at=morning)
    second = make_case(street_staff, north, title="second", received_at=morning)
    Case.objects.filter(pk__in=[later.pk, first.pk, second.pk]).update(
        due_at=timezone.now() + dt.timedelta(hours=offset))
    assert [c.title for c in case_list_for(actor=street_staff, queue=queue)] == [
        "later", "second", "first"]
