"""Every action of the registry, through the case page and through the API: a permitted user,
a refused one, an outsider and a conflicting state get the same answer both ways."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import FileField
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from fazhi.cases import services
from fazhi.cases.actions import ACTIONS
from fazhi.cases.models import AgencyMode, Case, Party
from fazhi.core.formschemas import api_name
from fazhi.org.models import Unit

from .factories import make_case

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 8, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # a Tuesday
TODAY = NOW.date()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


class World:
    def __init__(self, staff: Any, worker: Any, mediator: Any, north: Any) -> None:
        self.staff, self.worker, self.mediator, self.north = staff, worker, mediator, north
        self.police = Unit.objects.get_or_create(name="西马派出所", region=north.parent,
                                                 kind=Unit.Kind.POLICE_STATION)[0]

    def received(self, **extra: Any) -> Case:
        return make_case(self.staff, self.north, **extra)

    def accepted(self, **extra: Any) -> Case:
        case = self.received(**extra)
        return services.case_accept(actor=self.staff, case=case, expected_version=case.version)

    def in_progress(self, **extra: Any) -> Case:
        case = self.accepted(**extra)
        return services.case_assign(actor=self.staff, case=case, expected_version=case.version,
                                    handler=self.worker)

    def referred(self) -> Case:
        case = self.accepted()
        return services.case_refer(actor=self.staff, case=case, expected_version=case.version,
                                   unit=self.police, reason="移送派出所")

    def paused(self) -> Case:
        case = self.in_progress()
        return services.case_pause(actor=self.staff, case=case, expected_version=case.version,
                                   reason="等待鉴定")

    def concluded(self, outcome: str = "resolved") -> Case:
        case = self.in_progress()
        return services.case_conclude(actor=self.staff, case=case, expected_version=case.version,
                                      outcome=outcome, summary="双方和解")

    def petition(self) -> Case:
        case = make_case(self.staff, self.north, kind="petition", category="grievance",
                         channel="letter_visit")
        case = services.case_accept(actor=self.staff, case=case, expected_version=1)
        return services.case_assign(actor=self.staff, case=case, expected_version=case.version,
                                    handler=self.worker)

    def with_session(self) -> Case:
        case = self.accepted()
        services.session_add(actor=self.staff, case=case, held_at=NOW, place="调解室",
                             mediators="王调解", attendees="双方", record="初次调解")
        return Case.objects.get(pk=case.pk)

    def with_agreement(self) -> Case:
        case = self.with_session()
        services.agreement_record(actor=self.staff, case=case, form="written", facts="漏水",
                                  disputed_points="赔偿", responsibilities="楼上负责",
                                  terms="赔偿五百元", performance_manner="现金",
                                  performance_deadline=TODAY, signed_on=TODAY,
                                  mediator_names="王调解")
        return Case.objects.get(pk=case.pk)

    def with_mode(self, mode: str = "wishes") -> Case:
        case = self.accepted()
        services.mode_add(actor=self.staff, case=case, mode=mode, agent=self.staff)
        return case

    def with_task(self) -> Case:
        case = self.with_mode()
        services.task_add(actor=self.staff, mode=case.agency_modes.get(), title="代办低保",
                          due_on=TODAY)
        return case

    def with_wish(self) -> Case:
        case = self.with_mode()
        services.wish_add(actor=self.staff, mode=case.agency_modes.get(), words="希望修路")
        return case

    def other(self) -> Case:
        return self.accepted()


def _applicant(case: Case) -> int:
    return case.parties.get(role=Party.Role.APPLICANT).pk


# action -> (the case it is offered on, its input; model choices as ids, files as bytes)
SPECS: dict[str, tuple[str, Any]] = {
    "accept": ("received", lambda w, c: {"note": "已受理"}),
    "assign": ("received", lambda w, c: {"handler": w.mediator.pk, "reason": ""}),
    "reassign": ("in_progress", lambda w, c: {"handler": w.mediator.pk, "reason": "换调解员"}),
    "refer": ("accepted", lambda w, c: {"unit": w.police.pk, "reason": "治安问题"}),
    "acknowledge": ("referred", lambda w, c: {"note": "派出所已签收"}),
    "return": ("in_progress", lambda w, c: {"reason": "不属本社区"}),
    "escalate": ("accepted", lambda w, c: {"reason": "涉及多个部门"}),
    "supervise": ("accepted", lambda w, c: {"reason": "请加快办理"}),
    "extension_request": ("petition", lambda w, c: {"days": 10, "reason": "涉及多个部门"}),
    "pause": ("in_progress", lambda w, c: {"reason": "等待鉴定"}),
    "resume": ("paused", lambda w, c: {"note": "鉴定完成"}),
    "conclude": ("accepted", lambda w, c: {"outcome": "resolved", "summary": "双方和解"}),
    "follow_up": ("concluded", lambda w, c: {"at": NOW, "contact": "电话回访",
                                             "satisfaction": "satisfied"}),
    "close": ("concluded_no_follow_up", lambda w, c: {}),
    "reopen": ("concluded", lambda w, c: {"reason": "当事人反映未履行"}),
    "merge": ("accepted", lambda w, c: {"into_number": w.other().number, "reason": "重复登记"}),
    "link": ("accepted", lambda w, c: {"number": w.other().number}),
    "note": ("accepted", lambda w, c: {"text": "已电话联系", "public": True}),
    "attachment": ("accepted", lambda w, c: {"doc_type": "现场照片", "file": _png()}),
    "session": ("accepted", lambda w, c: {"held_at": NOW, "place": "调解室", "mediators": "王",
                                          "attendees": "双方", "record": "初次调解"}),
    "agreement": ("with_session", lambda w, c: {
        "form": "written", "facts": "漏水", "disputed_points": "赔偿",
        "responsibilities": "楼上负责", "terms": "赔偿五百元", "performance_manner": "现金",
        "performance_deadline": TODAY, "signed_on": TODAY, "mediator_names": "王调解"}),
    "confirmation": ("with_agreement", lambda w, c: {"applied_on": TODAY, "court": "江岸区法院"}),
    "mode": ("accepted", lambda w, c: {
        "mode": "claim", "agent": w.staff.pk, "party": _applicant(c), "scope": "代为反映诉求",
        "valid_from": TODAY, "valid_until": TODAY + dt.timedelta(days=90)}),
    "authorisation": ("accepted", lambda w, c: {
        "party": _applicant(c), "agent_name": "李代理", "scope": "代为反映诉求",
        "valid_from": TODAY, "valid_until": TODAY + dt.timedelta(days=90)}),
    "task": ("with_mode", lambda w, c: {"mode": c.agency_modes.get().pk, "title": "代办低保",
                                        "due_on": TODAY}),
    "task_done": ("with_task", lambda w, c: {
        "task": c.agency_modes.get().tasks.get().pk, "result": "已办好", "public": True}),
    "wish": ("with_mode", lambda w, c: {"mode": c.agency_modes.get().pk, "words": "希望修路"}),
    "wish_response": ("with_wish", lambda w, c: {
        "wish": c.agency_modes.get().wishes.get().pk, "response": "已列入计划"}),
    "handover": ("with_mode", lambda w, c: {"mode": c.agency_modes.get().pk, "item": "低保材料",
                                            "received_by": "张三", "at": NOW}),
}


def _case(world: World, setup: str) -> Case:
    if setup == "concluded_no_follow_up":
        case = world.concluded(outcome="withdrawn")
    else:
        case = getattr(world, setup)()
    return Case.objects.get(pk=case.pk)


def _page_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else ""
    return value


def _post_page(client: Any, action: str, case: Case, data: dict[str, Any]) -> Any:
    form = {k: _page_value(v) for k, v in data.items() if not isinstance(v, bytes)}
    for name, content in ((k, v) for k, v in data.items() if isinstance(v, bytes)):
        form[name] = SimpleUploadedFile("photo.png", content, content_type="image/png")
    return client.post(reverse("cases:action", args=[case.pk, action]), form)


def _post_api(client: Any, action: str, case: Case, data: dict[str, Any]) -> Any:
    spec = ACTIONS.get(action)
    assert spec is not None
    fields = spec.form.base_fields
    body = {api_name(k, fields[k]): (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in data.items() if not isinstance(v, bytes)}
    url = f"/api/v1/cases/{case.pk}/transitions/{action}"
    files = {k: v for k, v in data.items() if isinstance(v, bytes)}
    if any(isinstance(f, FileField) for f in fields.values()):  # a multipart body
        body = {k: v for k, v in body.items() if v is not None}
        body.update({k: SimpleUploadedFile("photo.png", v, content_type="image/png")
                     for k, v in files.items()})
        return client.post(url, body)
    return client.post(url, body, content_type="application/json")


def _input(world: World, action: str, case: Case) -> dict[str, Any]:
    data = dict(SPECS[action][1](world, case))
    if "version" in ACTIONS.get(action).form.base_fields:  # type: ignore[union-attr]
        data["version"] = case.version
    return data


def _snapshot(case: Case) -> tuple[Any, ...]:
    case.refresh_from_db()
    return (case.state, case.version, case.events.count(), case.agency_modes.count(),
            case.attachments.count(), case.sessions.count())


@pytest.fixture
def world(street_staff, worker, mediator, north):
    with time_machine.travel(NOW, tick=False):
        yield World(street_staff, worker, mediator, north)


def test_the_registry_and_the_table_name_the_same_actions():
    assert sorted(SPECS) == sorted(a.name for a in ACTIONS)


@pytest.mark.parametrize("action", sorted(SPECS))
def test_a_permitted_user_gets_the_same_result_both_ways(action, world, as_user):
    with time_machine.travel(NOW, tick=False):
        by_page, by_api = _case(world, SPECS[action][0]), _case(world, SPECS[action][0])
        assert ACTIONS.get(action).available(world.staff, by_page)  # type: ignore[union-attr]
        client = as_user(world.staff)
        page = _post_page(client, action, by_page, _input(world, action, by_page))
        api = _post_api(client, action, by_api, _input(world, action, by_api))
    assert page.status_code == 302, page.content.decode()[-3000:]
    assert api.status_code in (200, 201), api.content
    before = _snapshot(by_page)
    assert before[:1] + before[2:] == _snapshot(by_api)[:1] + _snapshot(by_api)[2:]


@pytest.mark.parametrize("action", sorted(SPECS))
def test_a_refused_role_and_an_outsider_are_refused_alike_both_ways(action, world, as_user,
                                                                    leader, outsider):
    with time_machine.travel(NOW, tick=False):
        case = _case(world, SPECS[action][0])
        data = _input(world, action, case)
        before = _snapshot(case)
        answers = {who.username: (_post_page(as_user(who), action, case, data).status_code,
                                  _post_api(as_user(who), action, case, data).status_code)
                   for who in (leader, outsider)}
    assert answers == {"leader": (403, 403), "outsider": (404, 404)}
    assert _snapshot(case) == before


@pytest.mark.parametrize("action", sorted(SPECS))
def test_a_conflicting_state_gets_the_same_409_and_message_both_ways(action, world, as_user):
    with time_machine.travel(NOW, tick=False):
        case = _case(world, SPECS[action][0])
        data = _input(world, action, case)
        if case.is_open:  # merged away by someone else meanwhile
            other = world.other()
            case = services.case_merge(actor=world.worker, case=case, into=other,
                                       expected_version=case.version, reason="重复")
        else:
            case = services.case_reopen(actor=world.worker, case=case, reason="重新办理",
                                        expected_version=case.version)
            case = services.case_merge(actor=world.worker, case=case, into=world.other(),
                                       expected_version=case.version, reason="重复")
        if "version" in data:
            data["version"] = case.version
        before = _snapshot(case)
        client = as_user(world.staff)
        page = _post_page(client, action, case, data)
        api = _post_api(client, action, case, data)
    assert (page.status_code, api.status_code) == (409, 409), (page.status_code, api.content)
    assert escape(api.json()["detail"]) in page.content.decode()
    assert _snapshot(case) == before


@pytest.mark.parametrize("action", sorted(a for a in SPECS
                                          if "version" in ACTIONS.get(a).form.base_fields))  # type: ignore[union-attr]
def test_a_stale_version_gets_the_same_409_and_message_both_ways(action, world, as_user):
    with time_machine.travel(NOW, tick=False):
        case = _case(world, SPECS[action][0])
        data = {**_input(world, action, case), "version": case.version - 1}
        before = _snapshot(case)
        client = as_user(world.staff)
        page = _post_page(client, action, case, data)
        api = _post_api(client, action, case, data)
    assert (page.status_code, api.status_code) == (409, 409)
    assert api.json()["code"] == "stale_version"
    assert escape(api.json()["detail"]) in page.content.decode()
    assert _snapshot(case) == before


def test_another_communitys_agent_is_refused_both_ways_and_by_the_service(world, as_user,
                                                                           outsider):
    with time_machine.travel(NOW, tick=False):
        case = _case(world, "accepted")
        data = {"mode": "wishes", "agent": outsider.pk}
        client = as_user(world.staff)
        page = _post_page(client, "mode", case, data)
        api = _post_api(client, "mode", case, data)
        with pytest.raises(ValidationError) as refused:
            services.mode_add(actor=world.staff, case=case, mode="wishes", agent=outsider)
    assert (page.status_code, api.status_code) == (422, 422)
    assert list(api.json()["errors"]) == ["agent_id"]  # the body's name of the field
    assert refused.value.message_dict == {"agent": ["此人不能承办此案件：请选择本案所在社区或街道的人员。"]}
    assert not AgencyMode.objects.exists()


@pytest.mark.parametrize("setup", sorted({spec[0] for spec in SPECS.values()}))
def test_the_api_offers_exactly_the_actions_the_case_page_shows(setup, world, as_user, leader):
    import re

    with time_machine.travel(NOW, tick=False):
        case = _case(world, setup)
        for who in (world.staff, world.mediator, leader):
            client = as_user(who)
            page = client.get(reverse("cases:detail", args=[case.pk]))
            api = client.get(f"/api/v1/cases/{case.pk}")
            shown = set(re.findall(rf'action="/cases/{case.pk}/do/([a-z_]+)/"',
                                   page.content.decode()))
            offered = api.json()["allowed_actions"]
            assert set(offered) == shown, (who.username, setup)
            assert offered == [a.name for a in ACTIONS.for_target(who, case)]
    assert "allowed_actions" not in as_user(world.staff).get("/api/v1/cases/").json()["items"][0]


def test_a_wish_is_answered_once_and_only_on_a_wishes_mode(world):
    from fazhi.core.conflicts import Conflict

    with time_machine.travel(NOW, tick=False):
        case = world.with_wish()
        wish = case.agency_modes.get().wishes.get()
        services.wish_respond(actor=world.staff, wish=wish, response="已列入计划")
        with pytest.raises(Conflict):
            services.wish_respond(actor=world.staff, wish=wish, response="改为明年")
        wish.refresh_from_db()
        assert wish.response == "已列入计划"
        claim = world.with_mode(mode="affairs")
        with pytest.raises(ValidationError) as refused:
            services.wish_add(actor=world.staff, mode=claim.agency_modes.get(), words="希望修路")
        assert "mode" in refused.value.message_dict and not claim.agency_modes.get().wishes.exists()


def test_a_task_done_twice_is_refused_even_from_an_old_copy(world):
    from fazhi.core.conflicts import Conflict

    with time_machine.travel(NOW, tick=False):
        task = world.with_task().agency_modes.get().tasks.get()
        services.task_complete(actor=world.staff, task=task, result="已办好")
        stale = type(task).objects.get(pk=task.pk)
        stale.done_at = None  # a copy read before the first completion
        with pytest.raises(Conflict):
            services.task_complete(actor=world.staff, task=stale, result="又办了一次")
        task.refresh_from_db()
        assert task.result == "已办好"
