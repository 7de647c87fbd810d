"""Two-step deadline extensions: a handler requests, the administrator or a leader decides."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.audit.models import Entry
from fazhi.cases import services
from fazhi.cases.models import Deadline, Event, ExtensionRequest
from fazhi.core.conflicts import Conflict, StaleVersion
from fazhi.inbox.models import Notification

from .factories import make_case

pytestmark = pytest.mark.django_db

AUG = dt.datetime(2025, 8, 2, 10, 0, tzinfo=dt.UTC)
PENDING = ExtensionRequest.Status.PENDING


def _petition(street_admin, worker, north):
    """A petition accepted on 2 August 2025 and handled by the community worker: its reply is
    due 9 October (1 October falls in the National Day holiday)."""
    case = make_case(street_admin, north, kind="petition", category="grievance",
                     channel="letter_visit")
    case = services.case_accept(actor=street_admin, case=case, expected_version=1)
    case = services.case_assign(actor=street_admin, case=case, expected_version=case.version,
                                handler=worker)
    return case


def _due(case) -> dt.date:
    return Deadline.objects.get(case=case, rule__code="petition-conclude").due_at.date()


def test_an_approved_request_extends_the_petition_across_a_weekend(street_admin, worker,
                                                                   leader, north):
    with time_machine.travel(AUG, tick=False):
        case = _petition(street_admin, worker, north)
        assert _due(case) == dt.date(2025, 10, 9)
        request = services.extension_request(actor=worker, case=case, days=30,
                                             reason="涉及多个部门")
        assert request.status == PENDING and _due(case) == dt.date(2025, 10, 9)
        services.extension_approve(actor=leader, pk=request.pk, expected_version=1)
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED and request.decided_by == leader
    assert _due(case) == dt.date(2025, 11, 10)  # 8 November is a Saturday
    public = Event.objects.get(case=case, action="extend", public=True)
    assert "涉及多个部门" in public.text and "2025-11-10" in public.text
    assert Entry.objects.filter(object_type__icontains="extension", action="update").exists()
    assert Notification.objects.filter(user=worker, key=f"{case.pk}:extension:{request.pk}")


def test_a_refused_request_leaves_the_deadline_and_tells_the_handler(street_admin, worker,
                                                                     north):
    with time_machine.travel(AUG, tick=False):
        case = _petition(street_admin, worker, north)
        request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
        with pytest.raises(ValidationError):
            services.extension_refuse(actor=street_admin, pk=request.pk, expected_version=1,
                                      note=" ")
        services.extension_refuse(actor=street_admin, pk=request.pk, expected_version=1,
                                  note="期限内可以办结")
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.REFUSED
    assert _due(case) == dt.date(2025, 10, 9)
    note = Notification.objects.get(user=worker, key=f"{case.pk}:extension:{request.pk}")
    assert "期限内可以办结" in note.text
    assert not Event.objects.filter(case=case, action="extend").exists()
    assert Entry.objects.filter(object_type__icontains="extension", action="update").exists()


def test_a_second_request_while_one_is_pending_is_refused(street_admin, worker, north):
    case = _petition(street_admin, worker, north)
    services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    with pytest.raises(Conflict, match="已有"):
        services.extension_request(actor=street_admin, case=case, days=5, reason="再次")
    assert ExtensionRequest.objects.count() == 1


def test_a_petition_is_extended_once_so_a_second_request_is_refused(street_admin, worker,
                                                                    north):
    case = _petition(street_admin, worker, north)
    with pytest.raises(ValidationError, match="30"):
        services.extension_request(actor=worker, case=case, days=31, reason="太长")
    first = services.extension_request(actor=worker, case=case, days=30, reason="复杂")
    services.extension_approve(actor=street_admin, pk=first.pk, expected_version=1)
    with pytest.raises(Conflict, match="已无剩余"):
        services.extension_request(actor=worker, case=case, days=5, reason="再次")
    assert ExtensionRequest.objects.count() == 1


def test_a_decision_needs_the_current_version_and_is_made_once(street_admin, leader, worker,
                                                               north):
    case = _petition(street_admin, worker, north)
    request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    with pytest.raises(StaleVersion):
        services.extension_approve(actor=leader, pk=request.pk, expected_version=7)
    services.extension_approve(actor=leader, pk=request.pk, expected_version=1)
    with pytest.raises(Conflict):
        services.extension_refuse(actor=street_admin, pk=request.pk, expected_version=2,
                                  note="不同意")


def test_the_worker_cannot_decide_and_the_leader_cannot_request(street_admin, worker, leader,
                                                                north):
    case = _petition(street_admin, worker, north)
    request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    with pytest.raises(PermissionDenied):
        services.extension_approve(actor=worker, pk=request.pk, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.extension_request(actor=leader, case=case, days=5, reason="x")
    with pytest.raises(PermissionDenied):  # every other leader restriction stands
        services.case_pause(actor=leader, case=case, expected_version=case.version, reason="x")
    request.refresh_from_db()
    assert request.status == PENDING


# --- pages ----------------------------------------------------------------------------------

def test_the_pages_request_show_and_approve_an_extension(as_user, street_admin, worker, leader,
                                                         north):
    with time_machine.travel(AUG, tick=False):
        case = _petition(street_admin, worker, north)
        page_url = reverse("cases:detail", args=[case.pk])
        ask = reverse("cases:action", args=[case.pk, "extension_request"])
        handler = as_user(worker)
        missing = handler.post(ask, {"days": "30", "reason": ""})
        assert missing.status_code == 422 and not ExtensionRequest.objects.exists()
        assert handler.post(ask, {"days": "30", "reason": "涉及多个部门"}).status_code == 302
        again = handler.post(ask, {"days": "5", "reason": "再次"})
        assert again.status_code == 409 and "已有" in again.content.decode()
        request = ExtensionRequest.objects.get()
        shown = handler.get(page_url).content.decode()
        assert "涉及多个部门" in shown
        decide = reverse("cases:extension_decide", args=[case.pk, request.pk, "approve"])
        assert decide not in shown  # the handler sees the request, not the buttons
        assert handler.post(decide, {"version": "1"}).status_code == 403
        head = as_user(leader)
        assert decide in head.get(page_url).content.decode()
        home = head.get(reverse("workbench:home"), follow=True).content.decode()
        assert reverse("cases:extensions") in home
        assert "涉及多个部门" in head.get(reverse("cases:extensions")).content.decode()
        assert head.post(decide, {"version": "1"}).status_code == 302
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED
    assert _due(case) == dt.date(2025, 11, 10)


def test_the_refusal_page_asks_for_a_note_beside_the_field(as_user, street_admin, worker,
                                                           north):
    case = _petition(street_admin, worker, north)
    request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    refuse = reverse("cases:extension_decide", args=[case.pk, request.pk, "refuse"])
    client = as_user(street_admin)
    blank = client.post(refuse, {"version": "1", "note": ""})
    assert blank.status_code == 422 and 'class="error"' in blank.content.decode()
    stale = client.post(refuse, {"version": "9", "note": "不同意"})
    assert stale.status_code == 409
    assert client.post(refuse, {"version": "1", "note": "不同意"}).status_code == 302
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.REFUSED


def test_an_outsider_gets_404_and_nothing_changes(as_user, street_admin, worker, outsider,
                                                  north):
    case = _petition(street_admin, worker, north)
    request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    client = as_user(outsider)
    ask = reverse("cases:action", args=[case.pk, "extension_request"])
    decide = reverse("cases:extension_decide", args=[case.pk, request.pk, "approve"])
    assert client.post(ask, {"days": "5", "reason": "x"}).status_code == 404
    assert client.post(decide, {"version": "1"}).status_code == 404
    assert "复杂" not in client.get(reverse("cases:extensions")).content.decode()
    request.refresh_from_db()
    assert request.status == PENDING and ExtensionRequest.objects.count() == 1


# --- API ------------------------------------------------------------------------------------

def test_the_api_requests_and_approves_an_extension(as_user, street_admin, worker, north):
    with time_machine.travel(AUG, tick=False):
        case = _petition(street_admin, worker, north)
        url = f"/api/v1/cases/{case.pk}/transitions/extension_request"
        handler = as_user(worker)
        made = handler.post(url, {"days": 30, "reason": "涉及多个部门"},
                            content_type="application/json")
        assert made.status_code == 201, made.content
        again = handler.post(url, {"days": 5, "reason": "再次"}, content_type="application/json")
        assert again.status_code == 409
        rid = made.json()["id"]
        approve = f"/api/v1/cases/extension-requests/{rid}/approve"
        assert handler.post(approve, {"version": 1},
                            content_type="application/json").status_code == 403
        admin = as_user(street_admin)
        assert admin.post(approve, {"version": 5},
                          content_type="application/json").status_code == 409
        done = admin.post(approve, {"version": 1}, content_type="application/json")
        assert done.status_code == 200 and done.json()["status"] == "approved"
        second = admin.post(f"/api/v1/cases/extension-requests/{rid}/refuse",
                            {"version": 2, "note": "晚了"}, content_type="application/json")
        assert second.status_code == 409
    assert _due(case) == dt.date(2025, 11, 10)


def test_the_api_refuses_and_hides_requests_outside_the_scope(as_user, street_admin, worker,
                                                              outsider, leader, north):
    case = _petition(street_admin, worker, north)
    request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    stranger = as_user(outsider)
    assert stranger.post(f"/api/v1/cases/{case.pk}/transitions/extension_request",
                         {"days": 5, "reason": "x"},
                         content_type="application/json").status_code == 404
    assert stranger.post(f"/api/v1/cases/extension-requests/{request.pk}/approve",
                         {"version": 1}, content_type="application/json").status_code == 404
    refused = as_user(leader).post(f"/api/v1/cases/extension-requests/{request.pk}/refuse",
                                   {"version": 1, "note": "期限内可办结"},
                                   content_type="application/json")
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert Notification.objects.filter(user=worker, key__contains=":extension:").count() == 1


def test_the_api_no_longer_extends_in_one_step(as_user, street_admin, worker, north):
    case = _petition(street_admin, worker, north)
    response = as_user(street_admin).post(
        f"/api/v1/cases/{case.pk}/transitions/extend",
        {"version": case.version, "reason": "x"}, content_type="application/json")
    assert response.status_code == 301  # no such operation: any unknown API path's answer
    assert Deadline.objects.get(case=case, rule__code="petition-conclude").extensions == 0


def test_a_pending_request_lapses_when_the_case_ends_and_the_requester_is_told(
        street_admin, worker, north):
    case = _petition(street_admin, worker, north)
    request = services.extension_request(actor=worker, case=case, days=10, reason="复杂")
    case.refresh_from_db()
    services.case_conclude(actor=worker, case=case, expected_version=case.version,
                           outcome="answered", summary="已书面答复")
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.LAPSED and request.decided_at
    assert request.get_status_display() == "已失效：案件先行结束"
    assert not ExtensionRequest.objects.filter(status=PENDING).exists()
    assert Entry.objects.filter(object_type="cases.extensionrequest", action="update",
                                object_id=str(request.pk)).exists()
    assert Notification.objects.filter(user=worker, text__contains="延期申请已失效").exists()
    with pytest.raises(Conflict):
        services.extension_approve(actor=street_admin, pk=request.pk,
                                   expected_version=request.version)


def test_the_api_refuses_an_extension_out_of_the_rules_range_naming_days(as_user, street_admin,
                                                                         worker, north):
    case = _petition(street_admin, worker, north)
    url = f"/api/v1/cases/{case.pk}/transitions/extension_request"
    for days in [0, -1, 2_000_000_000]:
        refused = as_user(worker).post(url, {"days": days, "reason": "复杂"},
                                       content_type="application/json")
        assert refused.status_code == 422
        assert refused.json()["detail"].startswith("days: ")
    assert ExtensionRequest.objects.count() == 0
