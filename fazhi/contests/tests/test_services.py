"""The contest's writes: verifying a mobile, once per round, saving answers one at a time,
hand-in and time-out, the leaderboard's order, the suspicious log, set-up and export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from fazhi.audit.models import Entry
from fazhi.contests.errors import AlreadyTaken, NotOnPaper, RoundClosed, StaleAnswer, TimeUp
from fazhi.contests.models import Answer, Code, Participant, Round, Suspicion
from fazhi.contests.selectors import leaderboard, participation_for, rank_of
from fazhi.contests.services import entry, exports, playing, setup, suspicion
from fazhi.core import smscodes

from .conftest import MOBILE, NOW, OTHER_MOBILE, hashed, right_places, start

pytestmark = pytest.mark.django_db


def _save(participant, position, answer, seq=1, **extra):
    return playing.answer_save(mobile_hash=participant.mobile_hash, participant_id=participant.pk,
                               position=position, answer=answer, seq=seq,
                               paper_version=participant.version, **extra)


# --- verifying a mobile ---------------------------------------------------------------------
def test_a_code_sent_and_entered_gives_a_pass_naming_the_masked_mobile(contest, outbox):
    assert entry.code_send(contest=contest, mobile=MOBILE, ip="198.51.100.7") == "139****5678"
    assert outbox.sent[-1]["to"] == MOBILE
    token = entry.code_verify(contest=contest, mobile=MOBILE, code=outbox.last_code())
    assert entry.pass_read(contest=contest, token=token) == (hashed(contest), "139****5678")
    assert not Code.objects.filter(voter__contains=MOBILE).exists()


def test_a_wrong_code_counts_a_try_and_the_rules_are_voting_s(contest, outbox):
    entry.code_send(contest=contest, mobile=MOBILE, ip="198.51.100.7")
    with pytest.raises(ValidationError) as caught:
        entry.code_verify(contest=contest, mobile=MOBILE, code="000000"
                          if outbox.last_code() != "000000" else "111111")
    assert str(smscodes.CODE_TRIES - 1) in caught.value.message_dict["code"][0]
    assert Code.objects.get().tries == 1
    from fazhi.voting.services import voters
    assert voters.CODE_TRIES is smscodes.CODE_TRIES and voters.Throttled is smscodes.Throttled


def test_a_second_code_within_a_minute_is_throttled(contest, outbox):
    entry.code_send(contest=contest, mobile=MOBILE, ip="198.51.100.7")
    with pytest.raises(smscodes.Throttled):
        entry.code_send(contest=contest, mobile=MOBILE, ip="198.51.100.7")
    assert len(outbox.sent) == 1


def test_a_pass_of_another_contest_is_not_read(contest, bank):
    from fazhi.contests.models import Contest
    other = Contest.objects.create(title="另一竞赛", bank=bank, is_published=True)
    token = smscodes.pass_issue(salt=entry.PASS_SALT, scope=other.pk, subject=hashed(contest))
    assert entry.pass_read(contest=contest, token=token) is None
    assert entry.pass_read(contest=contest, token=token + "x") is None


def test_a_bad_mobile_is_refused_beside_its_field(contest, outbox):
    with pytest.raises(ValidationError) as caught:
        entry.code_send(contest=contest, mobile="12345", ip="198.51.100.7")
    assert "mobile" in caught.value.message_dict
    assert outbox.sent == []


# --- starting a round -------------------------------------------------------------------------
def test_a_paper_is_drawn_by_the_round_s_counts_with_the_server_s_deadline(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    kinds = [a.question_version.question.kind for a in paper.answers.order_by("position")]
    assert kinds == ["single"] * 3 + ["multiple"] + ["true_false"] * 2
    assert paper.deadline == NOW + dt.timedelta(seconds=300)
    assert paper.max_score == 60 and paper.community_id == north.pk
    assert paper.network == "198.51.100.0/24"


def test_starting_twice_resumes_the_same_paper(round_, contest, north):
    first = start(contest, round_, community_id=north.pk)
    again = start(contest, round_, community_id=north.pk)
    assert again.pk == first.pk and Participant.objects.count() == 1


def test_a_mobile_answers_a_round_once(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                               expected_version=paper.version)
    with pytest.raises(AlreadyTaken):
        start(contest, round_, community_id=north.pk)
    assert Participant.objects.count() == 1


def test_the_database_refuses_a_second_paper_of_one_mobile_in_a_round(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(contest=contest, round=round_, mobile_hash=paper.mobile_hash,
                                   community=north, started_at=NOW, deadline=NOW)


def test_a_round_not_open_is_refused(round_, contest, north, clock):
    clock.move_to(round_.closes_at)
    with pytest.raises(RoundClosed):
        start(contest, round_, community_id=north.pk)
    assert not Participant.objects.exists()


def test_a_community_must_come_from_the_list(round_, contest, subdistrict):
    for bad in (subdistrict.pk, 999999, "1", None):
        with pytest.raises(ValidationError) as caught:
            start(contest, round_, community_id=bad)
        assert "community" in caught.value.message_dict
    assert not Participant.objects.exists()


def test_a_round_of_another_contest_is_not_started(round_, contest, bank, north):
    from fazhi.contests.models import Contest
    other = Contest.objects.create(title="另一竞赛", bank=bank, is_published=True)
    with pytest.raises(Http404):
        start(other, round_, community_id=north.pk)


# --- answering ----------------------------------------------------------------------------
def test_an_answer_is_saved_and_a_repeated_save_changes_nothing(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    _save(paper, 1, 2, seq=1)
    with pytest.raises(StaleAnswer):
        _save(paper, 1, 3, seq=1)
    saved = Answer.objects.get(participant=paper, position=1)
    assert saved.seq == 1 and saved.response == [saved.permutation[2]]
    assert saved.first_at == NOW


def test_an_answer_after_time_out_is_refused_and_the_paper_handed_in(round_, contest, north,
                                                                     clock):
    paper = start(contest, round_, community_id=north.pk)
    _save(paper, 1, 0, seq=1)
    clock.move_to(paper.deadline)
    with pytest.raises(TimeUp):
        _save(paper, 2, 0, seq=1)
    paper.refresh_from_db()
    assert paper.state == "submitted" and paper.ended_by == "timeout"
    assert Answer.objects.get(participant=paper, position=2).response is None
    assert paper.taken_ms == 300_000


def test_an_answer_for_another_s_paper_is_refused(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    with pytest.raises(Http404):
        playing.answer_save(mobile_hash=hashed(contest, OTHER_MOBILE), participant_id=paper.pk,
                            position=1, answer=0, seq=1, paper_version=paper.version)
    assert not Answer.objects.filter(participant=paper, seq__gt=0).exists()


def test_a_question_not_on_the_paper_is_refused(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    with pytest.raises(NotOnPaper):
        _save(paper, 99, 0)


@pytest.mark.parametrize("answer", [7, -1, [0, 0], True, "0", [0, 1], {"a": 1}, [0] * 50])
def test_an_answer_that_does_not_fit_is_refused(round_, contest, north, answer):
    paper = start(contest, round_, community_id=north.pk)
    with pytest.raises(ValidationError):
        _save(paper, 1, answer)
    assert Answer.objects.get(participant=paper, position=1).seq == 0


def test_a_multiple_choice_takes_several_places(round_, contest, north):
    paper = start(contest, round_, community_id=north.pk)
    _save(paper, 4, [3, 0])
    saved = Answer.objects.get(participant=paper, position=4)
    assert saved.response == sorted([saved.permutation[3], saved.permutation[0]])


# --- handing in, leaderboard ------------------------------------------------------------
def _play(contest, round_, mobile, community, right: int, seconds: float, clock):
    clock.move_to(NOW)
    paper = start(contest, round_, mobile=mobile, community_id=community.pk)
    answers = right_places(paper)
    for n, position in enumerate(sorted(answers), start=1):
        clock.move_to(NOW + dt.timedelta(seconds=seconds * n / len(answers)))
        given = answers[position] if n <= right else (
            [p for p in range(4) if p not in (answers[position] if isinstance(
                answers[position], list) else [answers[position]])][:1]
            if isinstance(answers[position], list) else 1 - answers[position]
            if round_.true_false_count and position > 4 else (answers[position] + 1) % 4)
        _save(paper, position, given)
    return playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                                      expected_version=paper.version)


def test_the_leaderboard_ranks_by_score_then_time(round_, contest, north, south, clock):
    slow_best = _play(contest, round_, "13900000001", north, 6, 120, clock)
    fast_best = _play(contest, round_, "13900000002", south, 6, 90, clock)
    worse = _play(contest, round_, "13900000003", north, 4, 60, clock)
    assert (slow_best.score, fast_best.score, worse.score) == (60, 60, 40)
    assert list(leaderboard(round_)) == [fast_best, slow_best, worse]
    assert [rank_of(p) for p in (fast_best, slow_best, worse)] == [1, 2, 3]
    assert fast_best.taken_ms == 90_000


def test_handing_in_twice_counts_once(round_, contest, north, clock):
    paper = _play(contest, round_, MOBILE, north, 6, 120, clock)
    with pytest.raises(TimeUp):
        playing.participant_submit(mobile_hash=paper.mobile_hash, participant_id=paper.pk,
                                   expected_version=paper.version - 1)
    paper.refresh_from_db()
    assert paper.score == 60 and paper.version == 2


def test_the_sweep_hands_in_papers_whose_time_is_up(round_, contest, north, clock):
    paper = start(contest, round_, community_id=north.pk)
    assert playing.participants_sweep() == 0
    clock.move_to(paper.deadline + dt.timedelta(seconds=1))
    assert playing.participants_sweep() == 1
    paper.refresh_from_db()
    assert paper.ended_by == "timeout" and paper.submitted_at == paper.deadline


# --- the suspicious log -------------------------------------------------------------------
def test_reading_time_follows_the_stem_s_length():
    assert suspicion.reading_seconds("字" * 45) == 3.0
    assert suspicion.reading_seconds("短") == suspicion.MIN_SECONDS


def test_answers_faster_than_reading_are_logged(round_, contest, north, clock):
    paper = _play(contest, round_, MOBILE, north, 6, 3, clock)  # six answers in 3 seconds
    logged = Suspicion.objects.get(participant=paper)
    assert logged.kind == "too_fast" and logged.detail.startswith("6")


def test_answers_at_a_reading_pace_are_not_logged(round_, contest, north, clock):
    paper = _play(contest, round_, MOBILE, north, 6, 120, clock)
    assert not Suspicion.objects.filter(participant=paper).exists()


def test_many_participants_from_one_device_are_logged_from_the_limit_on(round_, contest, north):
    papers = [start(contest, round_, mobile=f"1390000000{i}", community_id=north.pk)
              for i in range(4)]
    logged = Suspicion.objects.filter(kind="shared_device").order_by("participant_id")
    assert [s.participant_id for s in logged] == [papers[2].pk, papers[3].pk]
    assert Participant.objects.count() == 4  # logged, not refused


def test_many_participants_from_one_network_are_logged(round_, contest, north):
    papers = [start(contest, round_, mobile=f"1390000000{i}", community_id=north.pk,
                    device=f"dev-{i}", ip=f"198.51.100.{i}") for i in range(6)]
    logged = Suspicion.objects.filter(kind="shared_network")
    assert {s.participant_id for s in logged} == {papers[4].pk, papers[5].pk}


# --- participation ------------------------------------------------------------------------
def test_participation_counts_by_community_and_unit(round_, contest, north, south, north_unit,
                                                    street_staff, clock):
    start(contest, round_, mobile="13900000001", community_id=north.pk, unit_id=north_unit.pk,
          device="a")
    start(contest, round_, mobile="13900000002", community_id=north.pk, device="b")
    _play(contest, round_, "13900000003", south, 6, 120, clock)
    by_community = participation_for(actor=street_staff, contest=contest, by="community")
    assert by_community.rows == [{"name": "江汉北路社区", "started": 2, "handed_in": 0},
                                 {"name": "高雄社区", "started": 1, "handed_in": 1}]
    by_unit = participation_for(actor=street_staff, contest=contest, by="unit")
    assert by_unit.rows == [{"name": "", "started": 2, "handed_in": 1},
                            {"name": "江汉北路社区居委会", "started": 1, "handed_in": 0}]


def test_participation_is_refused_to_a_community_worker(contest, worker):
    with pytest.raises(PermissionDenied):
        participation_for(actor=worker, contest=contest, by="community")


# --- set-up and export ----------------------------------------------------------------------
def _round_fields(**extra):
    return {"name": "第二轮", "opens_at": NOW, "closes_at": NOW + dt.timedelta(days=1),
            "seconds": 600, "single_count": 5, "multiple_count": 0, "true_false_count": 5,
            "law": "", "points": 5, **extra}


def test_an_organiser_adds_a_round_and_it_is_audited(contest, street_staff, street_admin):
    made = setup.round_create(actor=street_staff, contest=contest, **_round_fields())
    setup.round_create(actor=street_admin, contest=contest, **_round_fields(name="第三轮"))
    assert Round.objects.filter(contest=contest).count() == 2
    assert Entry.objects.filter(object_type="contests.round", object_id=str(made.pk),
                                action="create").exists()


def test_a_round_the_bank_cannot_fill_is_refused(contest, street_staff):
    with pytest.raises(ValidationError) as caught:
        setup.round_create(actor=street_staff, contest=contest,
                           **_round_fields(single_count=13, law=""))
    assert "single_count" in caught.value.message_dict
    with pytest.raises(ValidationError):
        setup.round_create(actor=street_staff, contest=contest,
                           **_round_fields(law="民法典"))
    assert not Round.objects.filter(contest=contest).exists()


def test_a_round_closing_before_it_opens_is_refused(contest, street_staff):
    with pytest.raises(ValidationError):
        setup.round_create(actor=street_staff, contest=contest,
                           **_round_fields(closes_at=NOW - dt.timedelta(hours=1)))


@pytest.mark.parametrize("persona", ["worker", "outsider", "leader", "mediator", "auditor"])
def test_others_set_nothing_up(request, contest, bank, persona):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        setup.round_create(actor=actor, contest=contest, **_round_fields())
    with pytest.raises(PermissionDenied):
        setup.contest_create(actor=actor, bank=bank, title="x")
    with pytest.raises(PermissionDenied):
        setup.contest_update(actor=actor, contest=contest, expected_version=1, title="改")
    contest.refresh_from_db()
    assert contest.title == "宪法宣传周知识竞赛" and not Round.objects.exists()


def test_a_stale_contest_edit_is_refused(contest, street_staff):
    from fazhi.core.conflicts import StaleVersion
    setup.contest_update(actor=street_staff, contest=contest, expected_version=1, title="新")
    with pytest.raises(StaleVersion):
        setup.contest_update(actor=street_staff, contest=contest, expected_version=1, title="旧")
    contest.refresh_from_db()
    assert contest.title == "新"


def test_an_export_is_audited_and_refused_to_others(contest, leader, worker):
    exports.results_exported(actor=leader, contest=contest, rows=3)
    assert Entry.objects.get(action="export").changes == {"rows": 3}
    with pytest.raises(PermissionDenied):
        exports.results_exported(actor=worker, contest=contest, rows=3)
