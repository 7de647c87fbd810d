import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.cases.models import Case, Category, State

from .factories import make_case

pytestmark = pytest.mark.django_db


def _intake(north, **extra):
    data = {
        "kind": "dispute", "channel": "workroom", "source": "application",
        "category": Category.objects.get(code="neighbour").pk, "community": north.pk,
        "address": "江汉北路2号", "title": "噪音扰民", "description": "邻居夜间装修噪音扰民",
        "group_size": 1, "risk": "low", "token": "tok-1",
        "party-TOTAL_FORMS": 2, "party-INITIAL_FORMS": 0, "party-MIN_NUM_FORMS": 1,
        "party-MAX_NUM_FORMS": 12,
        "party-0-role": "applicant", "party-0-name": "王五", "party-0-mobile": "13912345678",
        "party-1-role": "respondent", "party-1-name": "赵六",
    }
    data.update(extra)
    return data


def test_a_worker_registers_a_case_and_a_double_submit_makes_one(as_user, worker, north):
    client = as_user(worker)
    response = client.post(reverse("cases:new"), _intake(north))
    assert response.status_code == 302
    again = client.post(reverse("cases:new"), _intake(north))
    assert again.status_code == 302 and again.url == response.url
    assert Case.objects.count() == 1


def test_intake_shows_an_invalid_mobile_beside_the_field(as_user, worker, north):
    response = as_user(worker).post(reverse("cases:new"),
                                    _intake(north, **{"party-0-mobile": "1391234567"}))
    assert response.status_code == 200
    assert "11" in response.content.decode() and 'id="id_party-0-mobile_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_the_case_page_shows_for_staff_and_404_for_an_outsider(as_user, worker, street_staff,
                                                               outsider, north):
    case = make_case(worker, north)
    assert as_user(worker).get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert as_user(street_staff).get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert as_user(outsider).get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_an_action_with_a_stale_version_asks_to_reload(as_user, worker, north):
    case = make_case(worker, north)
    client = as_user(worker)
    ok = client.post(reverse("cases:action", args=[case.pk, "accept"]), {"version": 1})
    assert ok.status_code == 302
    stale = client.post(reverse("cases:action", args=[case.pk, "escalate"]),
                        {"version": 1, "reason": "太复杂"})
    assert stale.status_code == 409
    assert "请刷新页面" in stale.content.decode()
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_an_outsider_cannot_act_on_the_case(as_user, worker, outsider, north):
    case = make_case(worker, north)
    response = as_user(outsider).post(reverse("cases:action", args=[case.pk, "accept"]),
                                      {"version": 1})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_the_leader_reads_but_cannot_act(as_user, worker, leader, north):
    case = make_case(worker, north)
    client = as_user(leader)
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.post(reverse("cases:action", args=[case.pk, "accept"]),
                       {"version": 1}).status_code == 403


@pytest.mark.parametrize("queue", ["all", "mine", "community", "unassigned", "due_soon",
                                   "overdue"])
def test_every_queue_renders(as_user, worker, north, queue):
    make_case(worker, north)
    response = as_user(worker).get(reverse("cases:list"), {"queue": queue})
    assert response.status_code == 200


def test_the_queue_query_count_does_not_grow_with_the_page_size(as_user, street_staff, north):
    for _ in range(12):
        make_case(street_staff, north)
    client = as_user(street_staff)
    counts = []
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("cases:list"), {"per_page": per_page})
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_search_in_the_queue_finds_a_word_inside_a_sentence(
        as_user, worker, north, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(worker, north)
    response = as_user(worker).get(reverse("cases:list"), {"q": "天花板"})
    assert case.number in response.content.decode()


def test_export_is_masked_and_audited(as_user, street_staff, north):
    from fazhi.audit.models import Entry

    make_case(street_staff, north)
    response = as_user(street_staff).get(reverse("cases:export"), {"format": "csv"})
    body = response.content.decode()
    assert "139****5678" in body and "13912345678" not in body and "张*" in body
    assert Entry.objects.filter(action="export", object_type="cases.case").count() == 1
    xlsx = as_user(street_staff).get(reverse("cases:export"), {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_a_queue_page_knows_its_next_page_and_caps_its_count(worker, north):
    from fazhi.cases.selectors import case_list_for
    from fazhi.cases.views.paging import queue_page

    for _ in range(5):
        make_case(worker, north)
    cases = case_list_for(actor=worker)
    first = queue_page(cases, page="1", per_page=2, cap=3)
    assert len(first) == 2 and first.has_next and first.capped and first.count == 3
    last = queue_page(cases, page="3", per_page=2, cap=10)
    assert len(last) == 1 and not last.has_next and last.has_previous and last.count == 5
    assert queue_page(cases, page="junk", per_page=2).number == 1


def test_the_queue_page_shows_the_count_and_pages(as_user, worker, north):
    for _ in range(12):
        make_case(worker, north)
    body = as_user(worker).get(reverse("cases:list"), {"per_page": 10}).content.decode()
    assert "第 1 页（共 12 件）" in body and "page=2" in body


def test_a_bare_search_counts_from_the_index_and_agrees_with_the_filtered_count(
        worker, street_staff, north, south, django_capture_on_commit_callbacks):
    from fazhi.cases.selectors import case_list_for, case_matches_capped
    from fazhi.core.counting import RawRows, capped, count_at_once

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            make_case(worker, north)
        make_case(street_staff, south, title="房屋租赁", description="租金纠纷")
    for actor in (worker, street_staff):
        bare = case_matches_capped(actor=actor, q="漏水", cap=2)
        assert isinstance(bare, RawRows)  # read from the search index's side
        slow = capped(case_list_for(actor=actor, q="漏水"), 2)
        assert count_at_once({"a": bare}) == count_at_once({"a": slow}) == {"a": 3}
        wide = case_matches_capped(actor=actor, q="漏水", cap=10)
        assert count_at_once({"a": wide}) == {"a": 4}
    filtered = case_matches_capped(actor=street_staff, q="漏水", community=south.pk)
    assert not isinstance(filtered, RawRows) and count_at_once({"a": filtered}) == {"a": 0}
    assert count_at_once({"a": case_matches_capped(actor=street_staff, q="租金")}) == {"a": 1}


def test_the_queue_page_counts_in_one_round_trip_with_the_unread_badge(as_user, worker, north):
    make_case(worker, north)
    with CaptureQueriesContext(connection) as ctx:
        body = as_user(worker).get(reverse("cases:list"), {"kind": "dispute"}).content.decode()
    counting = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1 and "UNION ALL" in counting[0]
    assert "第 1 页（共 1 件）" in body


def test_queue_rows_escape_what_residents_wrote_and_badge_the_deadline(as_user, worker, north):
    import datetime as dt

    from django.utils import timezone

    late = make_case(worker, north, title="<script>alert(1)</script>")
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1),
                                           risk="high")
    soon = make_case(worker, north, title="快到期")
    Case.objects.filter(pk=soon.pk).update(due_at=timezone.now() + dt.timedelta(days=1))
    body = as_user(worker).get(reverse("cases:list")).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert 'data-label="编号"' in body and '<span class="badge bad">高</span>' in body
    assert '<span class="badge bad">已超期</span>' in body
    assert '<span class="badge warn">即将到期</span>' in body


def test_an_empty_queue_says_so(as_user, worker):
    body = as_user(worker).get(reverse("cases:list"), {"q": "不存在的词"}).content.decode()
    assert "没有符合条件的案件" in body and "第 1 页（共 0 件）" in body
