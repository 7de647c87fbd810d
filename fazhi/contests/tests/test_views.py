"""The pages: a participant's journey (verify, start, answer, hand in, result, leaderboard),
the organiser's pages, and every view refused to those outside it with nothing changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import client_for
from fazhi.audit.models import Entry
from fazhi.contests.models import Answer, Contest, Participant, Round

from .conftest import MOBILE, OTHER_MOBILE, pass_client, right_places, start

pytestmark = pytest.mark.django_db


def _answer(client, contest, paper, position, answer, seq=1, version=None):
    return client.post(reverse("contests:answer", args=[contest.pk, paper.pk]),
                       json.dumps({"position": position, "answer": answer, "seq": seq,
                                   "paper_version": version or paper.version}),
                       content_type="application/json")


def test_a_participant_verifies_starts_answers_and_sees_the_leaderboard(contest, round_, north,
                                                                        outbox):
    client = Client()
    page = client.get(reverse("contests:contest", args=[contest.pk]))
    assert page.status_code == 200 and "fazhi_device" in page.cookies
    url = reverse("contests:verify", args=[contest.pk])
    sent = client.post(url, {"mobile": MOBILE, "action": "send"})
    assert sent.status_code == 200 and "139****5678" in sent.content.decode()
    verified = client.post(url, {"mobile": MOBILE, "code": outbox.last_code(),
                                 "action": "verify"})
    assert verified.status_code == 302
    page = client.get(reverse("contests:contest", args=[contest.pk])).content.decode()
    assert "139****5678" in page and 'name="community"' in page
    started = client.post(reverse("contests:start", args=[contest.pk, round_.pk]),
                          {"community": north.pk, "name": "王小明"})
    paper = Participant.objects.get()
    assert started.url == reverse("contests:paper", args=[contest.pk, paper.pk])
    shown = client.get(started.url).content.decode()
    assert shown.count('class="card question"') == 6 and "exams/paper.js" in shown
    for position, given in right_places(paper).items():
        saved = _answer(client, contest, paper, position, given)
        assert saved.status_code == 200 and saved.json()["saved"] is True
    handed = client.post(reverse("contests:submit", args=[contest.pk, paper.pk]),
                         {"paper_version": paper.version})
    assert handed.url == reverse("contests:result", args=[contest.pk, paper.pk])
    result = client.get(handed.url).content.decode()
    assert "60" in result
    board = client.get(reverse("contests:board", args=[contest.pk, round_.pk])).content.decode()
    assert 'data-participant-rank="1"' in board and "王**" in board and MOBILE not in board


def test_a_wrong_code_is_shown_beside_its_field(contest, outbox):
    client = Client()
    url = reverse("contests:verify", args=[contest.pk])
    client.post(url, {"mobile": MOBILE, "action": "send"})
    wrong = "000000" if outbox.last_code() != "000000" else "111111"
    response = client.post(url, {"mobile": MOBILE, "code": wrong, "action": "verify"})
    assert response.status_code == 400 and 'id="id_code_error"' in response.content.decode()
    assert f"fazhi_contest_{contest.pk}" not in response.cookies


def test_starting_without_a_pass_asks_to_verify(contest, round_, north):
    response = Client().post(reverse("contests:start", args=[contest.pk, round_.pk]),
                             {"community": north.pk})
    assert response.url == reverse("contests:verify", args=[contest.pk])
    assert not Participant.objects.exists()


def test_a_community_not_in_the_list_is_refused_beside_the_field(contest, round_):
    response = pass_client(contest).post(reverse("contests:start", args=[contest.pk, round_.pk]),
                                         {"community": "999999"})
    assert response.status_code == 400 and 'id="id_community_error"' in response.content.decode()
    assert not Participant.objects.exists()


def test_a_double_start_makes_one_paper(contest, round_, north):
    client = pass_client(contest)
    url = reverse("contests:start", args=[contest.pk, round_.pk])
    first = client.post(url, {"community": north.pk})
    second = client.post(url, {"community": north.pk})
    assert first.url == second.url and Participant.objects.count() == 1


def test_a_double_save_is_acknowledged_once(contest, round_, north):
    client = pass_client(contest)
    paper = start(contest, round_, community_id=north.pk)
    assert _answer(client, contest, paper, 1, 0, seq=1).status_code == 200
    again = _answer(client, contest, paper, 1, 1, seq=1)
    assert again.status_code == 409 and again.json()["code"] == "stale_answer"
    saved = Answer.objects.get(participant=paper, position=1)
    assert saved.response == [saved.permutation[0]]


def test_an_answer_after_time_out_is_refused(contest, round_, north, clock):
    client = pass_client(contest)
    paper = start(contest, round_, community_id=north.pk)
    clock.move_to(paper.deadline + dt.timedelta(seconds=1))
    response = _answer(client, contest, paper, 1, 0)
    assert response.status_code == 409 and response.json()["code"] == "time_up"
    assert Answer.objects.get(participant=paper, position=1).response is None
    assert client.get(reverse("contests:paper", args=[contest.pk, paper.pk])).status_code == 302


def test_another_mobile_s_paper_is_not_found_and_unchanged(contest, round_, north):
    paper = start(contest, round_, community_id=north.pk)
    other = pass_client(contest, OTHER_MOBILE)
    for name in ("paper", "result"):
        assert other.get(reverse(f"contests:{name}", args=[contest.pk, paper.pk])
                         ).status_code == 404
    assert _answer(other, contest, paper, 1, 0).status_code == 404
    assert other.post(reverse("contests:submit", args=[contest.pk, paper.pk]),
                      {"paper_version": 1}).status_code == 404
    assert Client().get(reverse("contests:paper", args=[contest.pk, paper.pk])).status_code == 404
    paper.refresh_from_db()
    assert paper.state == "open" and not Answer.objects.filter(seq__gt=0).exists()


@pytest.mark.parametrize("body", ["not json", "[]", json.dumps({"position": "x"}),
                                  json.dumps({"position": 1, "seq": 1, "paper_version": 1,
                                              "answer": "<script>"}),
                                  json.dumps({"position": 1, "seq": 2**60, "paper_version": 1,
                                              "answer": 0}),
                                  json.dumps({"position": 1, "seq": True, "paper_version": 1,
                                              "answer": 0}),
                                  json.dumps({"position": 1, "seq": 1, "paper_version": 1,
                                              "answer": "x" * 5000})])
def test_hostile_answers_are_refused_with_a_message(contest, round_, north, body):
    client = pass_client(contest)
    paper = start(contest, round_, community_id=north.pk)
    response = client.post(reverse("contests:answer", args=[contest.pk, paper.pk]), body,
                           content_type="application/json")
    assert response.status_code in (409, 422) and response.json()["detail"]
    assert not Answer.objects.filter(seq__gt=0).exists()


def test_an_unpublished_contest_is_not_found(contest, round_):
    Contest.objects.filter(pk=contest.pk).update(is_published=False)
    client = Client()
    for url in (reverse("contests:contest", args=[contest.pk]),
                reverse("contests:verify", args=[contest.pk]),
                reverse("contests:board", args=[contest.pk, round_.pk])):
        assert client.get(url).status_code == 404


# --- organiser pages ------------------------------------------------------------------------
STAFF_PAGES = ["staff", "contest_new", "setup", "round_new", "round_edit", "results",
               "participation", "suspicious", "results_export"]


def _staff_url(name, contest, round_):
    args = {"staff": [], "contest_new": [], "round_edit": [contest.pk, round_.pk]}.get(
        name, [contest.pk])
    return reverse(f"contests:{name}", args=args)


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_the_organiser_opens_every_staff_page(contest, round_, street_staff, name):
    response = client_for(street_staff).get(_staff_url(name, contest, round_))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["staff", "results", "participation", "suspicious",
                                  "results_export"])
def test_the_leader_reads_but_sets_nothing_up(contest, round_, leader, name):
    assert client_for(leader).get(_staff_url(name, contest, round_)).status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("persona", ["worker", "outsider", "mediator", "auditor"])
def test_outsiders_are_refused_every_staff_page_and_change_nothing(request, contest, round_,
                                                                   name, persona):
    client = client_for(request.getfixturevalue(persona))
    url = _staff_url(name, contest, round_)
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "改", "name": "改", "version": 1}).status_code == 403
    contest.refresh_from_db()
    round_.refresh_from_db()
    assert contest.title == "宪法宣传周知识竞赛" and round_.name == "第一轮"
    assert not Entry.objects.filter(action="export").exists()


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(contest, round_, name):
    response = Client().get(_staff_url(name, contest, round_))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("name", ["setup", "round_new", "round_edit"])
def test_the_leader_may_not_set_up(contest, round_, leader, name):
    assert client_for(leader).get(_staff_url(name, contest, round_)).status_code == 403


def test_the_organiser_creates_a_contest_and_a_round(bank, street_staff, clock):
    client = client_for(street_staff)
    created = client.post(reverse("contests:contest_new"), {
        "title": "民法典知识竞赛", "intro": "", "bank": bank.pk, "is_published": "on",
        "per_device": 3, "per_network": 30})
    contest = Contest.objects.get(title="民法典知识竞赛")
    assert created.url == reverse("contests:setup", args=[contest.pk])
    added = client.post(reverse("contests:round_new", args=[contest.pk]), {
        "name": "初赛", "opens_at": "2026-11-30T10:00", "closes_at": "2026-12-01T10:00",
        "seconds": 600, "single_count": 5, "multiple_count": 0, "true_false_count": 5,
        "law": "", "points": 5})
    assert added.status_code == 302 and Round.objects.get(contest=contest).name == "初赛"


def test_a_round_too_big_for_the_bank_is_refused_beside_the_field(contest, street_staff):
    response = client_for(street_staff).post(reverse("contests:round_new", args=[contest.pk]), {
        "name": "决赛", "opens_at": "2026-11-30T10:00", "closes_at": "2026-12-01T10:00",
        "seconds": 600, "single_count": 99, "multiple_count": 0, "true_false_count": 5,
        "law": "", "points": 5})
    assert response.status_code == 400
    assert 'id="id_single_count_error"' in response.content.decode()
    assert not Round.objects.filter(name="决赛").exists()


def test_the_leaderboard_page_shows_masked_mobiles_in_rank_order(contest, round_, north,
                                                                 street_staff, clock):
    paper = start(contest, round_, community_id=north.pk)
    from fazhi.contests.services import playing
    playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                               expected_version=paper.version)
    page = client_for(street_staff).get(reverse("contests:results", args=[contest.pk])
                                        ).content.decode()
    assert f'data-participant="{paper.pk}"' in page and "139****5678" in page
    assert MOBILE not in page


def test_the_export_is_audited_and_formula_safe(contest, round_, north, street_staff):
    start(contest, round_, community_id=north.pk, name="=HYPERLINK(1)")
    response = client_for(street_staff).get(reverse("contests:results_export",
                                                    args=[contest.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Entry.objects.filter(action="export", object_type="contests.contest").count() == 1


def test_the_staff_list_costs_the_same_queries_for_more_contests(contest, bank, street_staff):
    client = client_for(street_staff)
    client.get(reverse("contests:staff"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("contests:staff"))
    for i in range(5):
        Contest.objects.create(title=f"竞赛{i}", bank=bank)
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("contests:staff"))
    assert len(six) == len(one)


def test_the_leaderboard_costs_the_same_queries_for_more_participants(contest, round_, north,
                                                                      street_staff, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.contests.services import playing
    client = client_for(street_staff)

    def hand_in(mobile):
        paper = start(contest, round_, mobile=mobile, community_id=north.pk, device=mobile)
        playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                                   expected_version=paper.version)
    hand_in("13900000001")
    url = reverse("contests:results", args=[contest.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(2, 7):
        hand_in(f"1390000000{i}")
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)
