"""The contests' reads over handed-in papers made with ties (fazhi/contests/selectors.py): the
leaderboard's order and each one's rank, a mobile's paper in one round, participation per
community of one round, and how many take part in each contest. Expected orders and counts are
written out by hand from the rows below, never computed by the selectors under test."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from fazhi.contests.models import Answer, Contest, Participant, Round, Suspicion
from fazhi.contests.selectors import (
    contest_list_for,
    leaderboard,
    paper_of,
    participant_get_own,
    participant_of,
    participation_for,
    rank_of,
    suspicions_for,
)

from .conftest import NOW, start

pytestmark = pytest.mark.django_db
T0 = NOW - dt.timedelta(minutes=30)


@pytest.fixture
def rounds(contest, round_):
    second = Round.objects.create(contest=contest, name="第二轮", opens_at=round_.opens_at,
                                  closes_at=round_.closes_at, seconds=300, single_count=3,
                                  multiple_count=1, true_false_count=2, points=10)
    return round_, second


def _paper(round_, key, community, *, score=0, taken_s=None, submitted_s=None):
    submitted = submitted_s is not None
    return Participant.objects.create(
        contest=round_.contest, round=round_, mobile_hash=f"hash-{key}",
        mobile_masked="138****0000", community=community, started_at=T0,
        deadline=T0 + dt.timedelta(minutes=5),
        state=Participant.State.SUBMITTED if submitted else Participant.State.OPEN,
        submitted_at=T0 + dt.timedelta(seconds=submitted_s) if submitted else None,
        score=score, taken_ms=taken_s * 1000 if taken_s is not None else None)


@pytest.fixture
def board(rounds, north, south):
    first, second = rounds
    made = {}
    # Created in another order than they rank; A and D tie on score, time and hand-in moment;
    # F (lower score) took as long as A and handed in earlier; I handed in with A, slower;
    # J (lower score) took as long as A and handed in at the same moment, before A arrived.
    for key, community, fields in (
            ("J", south, {"score": 40, "taken_s": 100, "submitted_s": 5}),
            ("A", north, {"score": 50, "taken_s": 100, "submitted_s": 5}),
            ("F", south, {"score": 40, "taken_s": 100, "submitted_s": 0}),
            ("I", south, {"score": 50, "taken_s": 120, "submitted_s": 5}),
            ("C", north, {"score": 50, "taken_s": 100, "submitted_s": 1}),
            ("D", south, {"score": 50, "taken_s": 100, "submitted_s": 5}),
            ("G", south, {"score": 70}),  # still open: not ranked
            ("B", south, {"score": 50, "taken_s": 90, "submitted_s": 9}),
            ("E", north, {"score": 60, "taken_s": 200, "submitted_s": 20})):
        made[key] = _paper(first, key, community, **fields)
    made["A2"] = _paper(second, "A", north, score=90, taken_s=5, submitted_s=3)
    made["H2"] = _paper(second, "H", south)
    return made


def test_the_leaderboard_ranks_by_score_then_time_then_hand_in_then_arrival(board, rounds):
    order = [p.pk for p in leaderboard(rounds[0])]
    assert order == [board[k].pk for k in ("E", "B", "C", "A", "D", "I", "F", "J")]
    ranks = {k: rank_of(board[k]) for k in ("A", "B", "C", "D", "E", "F", "G", "I", "J")}
    assert ranks == {"E": 1, "B": 2, "C": 3, "A": 4, "D": 5, "I": 6, "F": 7, "J": 8, "G": None}
    assert rank_of(board["A2"]) == 1


def test_a_mobile_s_paper_is_the_one_of_the_round_asked(board, rounds):
    first, second = rounds
    assert participant_of(round_=first, mobile_hash="hash-A").pk == board["A"].pk
    assert participant_of(round_=second, mobile_hash="hash-A").pk == board["A2"].pk
    assert participant_of(round_=second, mobile_hash="hash-B") is None


def test_participation_of_one_round_per_community_most_first_then_by_name(
        board, rounds, street_staff, contest):
    first, second = rounds
    one = participation_for(actor=street_staff, contest=contest, by="community", round_=first)
    # north: A C E (3 handed in); south: J F I D G B (5 handed in): most first, not by name
    assert one.rows == [{"name": "高雄社区", "started": 6, "handed_in": 5},
                        {"name": "江汉北路社区", "started": 3, "handed_in": 3}]
    assert (one.total, one.handed_in) == (9, 8)
    two = participation_for(actor=street_staff, contest=contest, by="community", round_=second)
    assert two.rows == [{"name": "江汉北路社区", "started": 1, "handed_in": 1},
                        {"name": "高雄社区", "started": 1, "handed_in": 0}]
    assert (two.total, two.handed_in) == (2, 1)
    every = participation_for(actor=street_staff, contest=contest, by="community")
    assert (every.total, every.handed_in) == (11, 9)


def test_each_contest_counts_who_takes_part(board, contest, bank, street_staff):
    empty = Contest.objects.create(title="空竞赛", bank=bank, is_published=True)
    counts = {c.pk: c.taking_part for c in contest_list_for(actor=street_staff)}
    assert counts == {contest.pk: 11, empty.pk: 0}


def test_one_s_own_paper_is_the_one_asked_of_the_mobile_s_papers(board):
    assert participant_get_own(mobile_hash="hash-A", pk=board["A2"].pk).pk == board["A2"].pk
    assert participant_get_own(mobile_hash="hash-A", pk=board["A"].pk).pk == board["A"].pk
    for mobile_hash in ("hash-B", None, ""):
        with pytest.raises(Http404):
            participant_get_own(mobile_hash=mobile_hash, pk=board["A"].pk)


def test_a_paper_shows_each_question_s_options_in_their_shown_order_and_the_choice(
        contest, round_, north):
    participant = start(contest, round_, community_id=north.pk)
    answers = list(Answer.objects.filter(participant=participant)
                   .select_related("question_version").order_by("position"))
    chosen_places = {}
    for answer in answers:
        if len(answer.permutation) > 2:  # choose the option shown third
            Answer.objects.filter(pk=answer.pk).update(response=[answer.permutation[2]])
            chosen_places[answer.position] = [2]
    assert chosen_places
    shown = paper_of(participant)
    assert [s.answer.position for s in shown] == [a.position for a in answers]
    for s, answer in zip(shown, answers, strict=True):
        version = answer.question_version
        assert s.stem == version.stem
        assert s.kind == version.question.kind
        assert [text for _, text in s.options] == [version.options[i] for i in answer.permutation]
        assert [place for place, _ in s.options] == list(range(len(answer.permutation)))
        assert s.chosen == chosen_places.get(answer.position, [])


def test_each_read_comes_with_the_rows_its_page_prints(board, rounds, contest, round_, north,
                                                       north_unit, django_assert_num_queries):
    """The leaderboard prints each paper's community and unit, one's own paper its round and
    contest, a paper as shown each question's kind: all read in the one query."""
    Participant.objects.filter(pk=board["E"].pk).update(unit=north_unit)
    with django_assert_num_queries(1):
        top = [(p.community.name, p.unit.name if p.unit else "")
               for p in leaderboard(rounds[0])[:3]]
    assert top == [("江汉北路社区", north_unit.name), ("高雄社区", ""), ("江汉北路社区", "")]
    with django_assert_num_queries(1):
        own = participant_get_own(mobile_hash="hash-A", pk=board["A2"].pk)
        assert (own.round.name, own.contest.title) == ("第二轮", contest.title)
    participant = start(contest, round_, mobile="13700137000", community_id=north.pk)
    with django_assert_num_queries(1):
        kinds = [s.kind for s in paper_of(participant)]
    assert sorted(kinds) == ["multiple", "single", "single", "single", "true_false",
                             "true_false"]


def test_the_suspicious_log_is_the_contest_s_own_with_who_and_which_round_in_one_query(
        board, rounds, contest, bank, north, street_staff, django_assert_num_queries):
    other = Contest.objects.create(title="另一竞赛", bank=bank, is_published=True)
    other_round = Round.objects.create(contest=other, name="另一轮", opens_at=rounds[0].opens_at,
                                       closes_at=rounds[0].closes_at, seconds=300,
                                       single_count=1, points=10)
    stranger = _paper(other_round, "Z", north, score=10, taken_s=50, submitted_s=2)
    for minutes, paper, kind in ((1, board["A"], Suspicion.Kind.TOO_FAST),
                                 (2, board["A2"], Suspicion.Kind.SHARED_DEVICE),
                                 (3, stranger, Suspicion.Kind.SHARED_NETWORK)):
        Suspicion.objects.create(contest=paper.contest, round=paper.round, participant=paper,
                                 kind=kind, detail="detail",
                                 created_at=T0 + dt.timedelta(minutes=minutes))
    with django_assert_num_queries(1):
        log = [(s.participant.mobile_hash, s.participant.community.name, s.round.name, s.kind)
               for s in suspicions_for(actor=street_staff, contest=contest)]
    assert log == [("hash-A", "江汉北路社区", "第二轮", "shared_device"),
                   ("hash-A", "江汉北路社区", "第一轮", "too_fast")]
    assert [s.participant_id for s in suspicions_for(actor=street_staff, contest=other)] == [
        stranger.pk]
