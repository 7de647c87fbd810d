"""Setting a review up, the marks, the ratings, and the scores they make."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.audit.models import Entry
from fazhi.core.conflicts import StaleVersion
from fazhi.dutyreviews.models import PanelMark, PeerMark, PublicRating, Review
from fazhi.dutyreviews.selectors import panel_stamp, scores_for
from fazhi.dutyreviews.services import marks, ratings, setup

from .conftest import MOBILE, NOW

D = Decimal


def _by_unit(actor, review):
    return {s.unit.name: s for s in scores_for(actor=actor, review=review)}


def _rate(review, unit, mobile, level, comment=""):
    return ratings.rating_submit(review=review, unit_id=unit.pk,
                                 voter=ratings.voter_digest(review, mobile), level=level,
                                 comment=comment, ip="203.0.113.9")


def test_a_new_review_covers_every_active_member_unit_and_is_audited(review, units):
    assert set(review.units.values_list("name", flat=True)) == {"西马派出所", "人民法庭",
                                                                  "西马司法所"}
    assert (review.weight_completion, review.weight_rating, review.weight_peer,
            review.public_share) == (40, 40, 20, 50)
    assert Entry.objects.filter(action="create", object_type="dutyreviews.review",
                                object_id=str(review.pk)).count() == 1


def test_only_the_sub_district_sets_a_review_up(units, worker, leader, frozen):
    for actor in (worker, leader):
        with pytest.raises(PermissionDenied):
            setup.review_create(actor=actor, year=2025, title="x", rating_opens_at=NOW,
                                rating_closes_at=NOW + dt.timedelta(days=1))
    assert not Review.objects.exists()


def test_a_second_review_of_a_year_is_refused_beside_the_year(review, street_staff):
    with pytest.raises(ValidationError) as caught:
        setup.review_create(actor=street_staff, year=2026, title="again",
                            rating_opens_at=NOW, rating_closes_at=NOW + dt.timedelta(days=1))
    assert "year" in caught.value.message_dict
    assert Review.objects.count() == 1


def test_weights_must_add_up_to_100(review, street_admin):
    with pytest.raises(ValidationError) as caught:
        setup.review_update(actor=street_admin, review=review, expected_version=1,
                            weight_completion=50, weight_rating=40, weight_peer=20)
    assert caught.value.message_dict["weight_peer"] == [
        "The three weights must add up to 100; now 110."]
    review.refresh_from_db()
    assert (review.weight_completion, review.version) == (40, 1)


def test_a_stale_settings_save_is_refused_and_changes_nothing(review, street_admin,
                                                              street_staff):
    setup.review_update(actor=street_admin, review=review, expected_version=1, title="新标题")
    with pytest.raises(StaleVersion):
        setup.review_update(actor=street_staff, review=review, expected_version=1,
                            weight_completion=50, weight_rating=30, weight_peer=20)
    review.refresh_from_db()
    assert (review.title, review.weight_completion, review.version) == ("新标题", 40, 2)


def test_with_no_marks_yet_the_score_is_the_completion_alone(review, street_admin):
    scores = _by_unit(street_admin, review)
    assert {n: (s.completion, s.total, s.grade) for n, s in scores.items()} == {
        "人民法庭": (D(100), D(100), "excellent"),
        "西马派出所": (D(60), D(60), "pass"),
        "西马司法所": (D(0), D(0), "fail")}
    police = scores["西马派出所"]
    assert (police.progress.planned, police.progress.credited, police.activities) == (5, 3, 4)
    assert scores["西马司法所"].progress is None  # its list was never approved
    assert [s.unit.name for s in scores_for(actor=street_admin, review=review)] == [
        "人民法庭", "西马派出所", "西马司法所"]



def test_the_four_sources_combine_by_the_weights(review, units, street_admin, panelist,
                                                 police_user, court_user, street_staff):
    for n, level in enumerate(["satisfied", "satisfied", "basic", "unsatisfied"]):
        _rate(review, units.police, f"1391234567{n}", level)
    marks.panel_marks_save(actor=panelist, review=review, marks={units.police.pk: "80"})
    marks.peer_marks_save(actor=court_user, review=review, marks={units.police.pk: 90})
    justice_writer = police_user.__class__.objects.create(
        username="justice", role="mediator", unit_id=units.justice.pk)
    marks.peer_marks_save(actor=justice_writer, review=review, marks={units.police.pk: 70})
    police = _by_unit(street_admin, review)["西马派出所"]
    assert police.ratings == {"satisfied": 2, "basic": 1, "unsatisfied": 1}
    assert (police.public_score, police.panel_score, police.rating_score) == (
        D("65.0"), D("80.0"), D("72.5"))
    assert (police.peer_score, police.peer_count) == (D("80.0"), 2)
    # 40% x 60 + 40% x 72.5 + 20% x 80 = 69.0
    assert (police.total, police.grade) == (D("69.0"), "pass")
    setup.review_update(actor=street_staff, review=review, expected_version=1,
                        weight_completion=20, weight_rating=60, weight_peer=20,
                        public_share=100)
    review.refresh_from_db()
    police = _by_unit(street_admin, review)["西马派出所"]
    # public only in its part: 20% x 60 + 60% x 65 + 20% x 80 = 67.0
    assert (police.rating_score, police.total) == (D("65.0"), D("67.0"))


def test_grades_fall_at_90_80_and_60(review, units, street_admin, panelist):
    from fazhi.dutyreviews.scoring import grade_of

    assert [grade_of(D(x)) for x in ("90", "89.9", "80", "79.9", "60", "59.9", "0")] == [
        "excellent", "good", "good", "pass", "pass", "fail", "fail"]
    assert grade_of(None) == ""


def test_a_unit_never_marks_itself(review, units, police_user):
    with pytest.raises(ValidationError) as caught:
        marks.peer_marks_save(actor=police_user, review=review,
                              marks={units.police.pk: 99, units.court.pk: 80})
    assert caught.value.message_dict == {f"unit_{units.police.pk}": [
        "A unit does not mark itself."]}
    assert not PeerMark.objects.exists()


def test_who_is_not_of_a_reviewed_unit_gives_no_peer_mark(review, units, worker, street_admin,
                                                          outsider):
    for actor in (worker, street_admin, outsider):
        with pytest.raises(PermissionDenied):
            marks.peer_marks_save(actor=actor, review=review, marks={units.court.pk: 50})
    assert not PeerMark.objects.exists()


def test_only_panel_members_enter_panel_marks(review, units, street_admin, leader, panelist):
    for actor in (street_admin, leader):
        with pytest.raises(PermissionDenied):
            marks.panel_marks_save(actor=actor, review=review, marks={units.court.pk: 50})
    assert not PanelMark.objects.exists()
    assert marks.panel_marks_save(actor=panelist, review=review,
                                  marks={units.court.pk: "88.5", units.police.pk: ""}) == 1
    assert marks.panel_marks_save(actor=panelist, review=review,
                                  marks={units.court.pk: "90", units.police.pk: "70"}) == 2
    assert marks.panel_marks_save(actor=panelist, review=review,
                                  marks={units.court.pk: None}) == 1  # a blank removes it
    assert dict(PanelMark.objects.values_list("unit__name", "score")) == {"西马派出所": D(70)}
    assert Entry.objects.filter(action="duty_panel_mark").count() == 4


def test_a_sheet_saved_elsewhere_since_it_was_read_is_refused(review, units, panelist):
    stamp = panel_stamp(actor=panelist, review=review)
    marks.panel_marks_save(actor=panelist, review=review, marks={units.court.pk: 60},
                           expected_stamp=stamp)
    with pytest.raises(StaleVersion):
        marks.panel_marks_save(actor=panelist, review=review, marks={units.court.pk: 95},
                               expected_stamp=stamp)
    assert list(PanelMark.objects.values_list("score", flat=True)) == [D(60)]


@pytest.mark.parametrize("bad", ["101", "-1", "NaN", "Infinity", "1e400", "八十", "9" * 300])
def test_a_mark_out_of_range_is_refused_beside_its_unit(review, units, panelist, bad):
    with pytest.raises(ValidationError) as caught:
        marks.panel_marks_save(actor=panelist, review=review, marks={units.court.pk: bad})
    assert caught.value.message_dict == {f"unit_{units.court.pk}": [
        "A mark is a number from 0 to 100."]}
    assert not PanelMark.objects.exists()


def test_a_unit_outside_the_review_is_refused(review, units, panelist):
    from fazhi.org.models import Unit

    stranger = Unit.objects.get(name="不是成员单位")
    with pytest.raises(ValidationError):
        marks.panel_marks_save(actor=panelist, review=review, marks={stranger.pk: 50})
    assert not PanelMark.objects.exists()


def test_one_rating_per_mobile_per_unit(review, units):
    _rate(review, units.police, MOBILE, "satisfied")
    with pytest.raises(ValidationError) as caught:
        _rate(review, units.police, MOBILE, "unsatisfied")
    assert caught.value.code == "rated"
    _rate(review, units.court, MOBILE, "basic")  # another unit: fine
    assert sorted(PublicRating.objects.values_list("unit__name", "level")) == [
        ("人民法庭", "basic"), ("西马派出所", "satisfied")]


def test_a_rating_outside_the_window_or_of_an_unpublished_review_is_refused(
        review, units, street_admin, time_machine):
    time_machine.move_to(review.rating_closes_at, tick=False)
    with pytest.raises(ValidationError) as caught:
        _rate(review, units.police, MOBILE, "satisfied")
    assert caught.value.code == "closed"
    time_machine.move_to(review.rating_opens_at - dt.timedelta(seconds=1), tick=False)
    with pytest.raises(ValidationError) as caught:
        _rate(review, units.police, MOBILE, "satisfied")
    assert caught.value.code == "not_open"
    time_machine.move_to(NOW, tick=False)
    setup.review_update(actor=street_admin, review=review, expected_version=1,
                        is_published=False)
    review.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        _rate(review, units.police, MOBILE, "satisfied")
    assert caught.value.code == "unpublished"
    assert not PublicRating.objects.exists()


def test_a_rating_with_a_long_comment_or_a_made_up_level_is_refused(review, units):
    with pytest.raises(ValidationError) as caught:
        _rate(review, units.police, MOBILE, "satisfied", comment="好" * 201)
    assert "comment" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _rate(review, units.police, MOBILE, "perfect")
    assert "level" in caught.value.message_dict
    _rate(review, units.police, MOBILE, "satisfied", comment="好" * 200)
    assert PublicRating.objects.get().comment == "好" * 200


def test_ratings_are_limited_per_network_a_day(review, units, monkeypatch):
    monkeypatch.setattr(ratings, "RATINGS_PER_ADDRESS_DAY", 2)
    _rate(review, units.police, "13900000001", "satisfied")
    _rate(review, units.police, "13900000002", "satisfied")
    with pytest.raises(ratings.Throttled):
        _rate(review, units.police, "13900000003", "satisfied")
    assert PublicRating.objects.count() == 2


def test_a_mobile_is_proved_by_the_code_texted_to_it(review, outbox):
    ratings.code_send(review=review, mobile=MOBILE, ip="203.0.113.9")
    assert outbox.sent[0]["to"] == MOBILE
    with pytest.raises(ValidationError) as caught:
        ratings.code_verify(review=review, mobile=MOBILE, code="000000"
                            if outbox.last_code() != "000000" else "111111")
    assert caught.value.message_dict["code"] == ["The code is not right; 4 tries left."]
    voter = ratings.code_verify(review=review, mobile=MOBILE, code=outbox.last_code())
    assert voter == ratings.voter_digest(review, MOBILE) and MOBILE not in voter
    with pytest.raises(ValidationError):  # used up
        ratings.code_verify(review=review, mobile=MOBILE, code=outbox.last_code())
    assert ratings.pass_read(review=review, token=ratings.pass_issue(review=review,
                                                                     voter=voter)) == voter


def test_the_same_mobile_hashes_apart_from_voting(review):
    from fazhi.voting.models import Campaign
    from fazhi.voting.services.voters import voter_digest

    campaign = Campaign(pk=review.pk)
    assert voter_digest(campaign, MOBILE) != ratings.voter_digest(review, MOBILE)


def test_no_code_is_sent_to_a_bad_mobile_or_after_the_window(review, outbox, time_machine):
    with pytest.raises(ValidationError) as caught:
        ratings.code_send(review=review, mobile="12345", ip="203.0.113.9")
    assert "mobile" in caught.value.message_dict
    time_machine.move_to(review.rating_closes_at, tick=False)
    with pytest.raises(ValidationError):
        ratings.code_send(review=review, mobile=MOBILE, ip="203.0.113.9")
    assert outbox.sent == []
