"""Staff: held votes reviewed in bulk (audited), jury marks, results mixing both, the export,
campaign set-up; other roles refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from fazhi.audit.models import Entry
from fazhi.voting.models import Campaign, Candidate, JuryMark, Vote
from fazhi.voting.services.review import mark_set, votes_review

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _vote(campaign, candidate, n: int, status="counted", reason=""):
    return [Vote.objects.create(campaign=campaign, candidate=candidate,
                                category=candidate.category, voter=f"{candidate.pk}-{status}-{i}",
                                day=NOW.date(), cast_at=NOW + dt.timedelta(seconds=i),
                                status=status, reason=reason, network="10.0.0.0/24", pick=1)
            for i in range(n)]


def test_staff_accept_held_votes_in_bulk_and_each_is_audited(campaign, candidates, street_staff,
                                                            as_user):
    held = _vote(campaign, candidates["li"], 3, "held", "network_burst")
    response = as_user(street_staff).post(f"/vote/staff/{campaign.pk}/review/", {
        "decision": "accept", "votes": [held[0].pk, held[1].pk]})
    assert response.status_code == 302
    assert sorted(Vote.objects.values_list("pk", "status")) == [
        (held[0].pk, "counted"), (held[1].pk, "counted"), (held[2].pk, "held")]
    entries = Entry.objects.filter(action="vote_accept").order_by("object_id")
    assert [(e.object_id, e.actor_id) for e in entries] == [
        (str(held[0].pk), street_staff.pk), (str(held[1].pk), street_staff.pk)]


def test_rejected_votes_stay_out_of_the_tally(campaign, candidates, street_admin):
    held = _vote(campaign, candidates["li"], 2, "held", "device_burst")
    assert votes_review(actor=street_admin, campaign=campaign, vote_ids=[v.pk for v in held],
                        decision="reject") == 2
    assert votes_review(actor=street_admin, campaign=campaign, vote_ids=[v.pk for v in held],
                        decision="accept") == 0  # already decided: left alone
    assert set(Vote.objects.values_list("status", flat=True)) == {"rejected"}


def test_another_campaigns_held_votes_are_left_alone(campaign, candidates, other_campaign,
                                                     street_admin):
    stranger = _vote(other_campaign, other_campaign.candidates.get(), 1, "held")[0]
    assert votes_review(actor=street_admin, campaign=campaign, vote_ids=[stranger.pk],
                        decision="accept") == 0
    assert Vote.objects.get(pk=stranger.pk).status == "held"


@pytest.mark.parametrize("persona", ["worker", "leader", "mediator", "auditor"])
def test_other_roles_may_not_review(request, campaign, candidates, persona, as_user):
    user = request.getfixturevalue(persona)
    held = _vote(campaign, candidates["li"], 1, "held")[0]
    with pytest.raises(PermissionDenied):
        votes_review(actor=user, campaign=campaign, vote_ids=[held.pk], decision="accept")
    response = as_user(user).post(f"/vote/staff/{campaign.pk}/review/",
                                  {"decision": "accept", "votes": [held.pk]})
    assert response.status_code in {403, 404}
    assert Vote.objects.get(pk=held.pk).status == "held"
    assert not Entry.objects.filter(action="vote_accept").exists()


def test_the_review_queue_lists_held_votes_only(campaign, candidates, street_staff, as_user):
    held = _vote(campaign, candidates["li"], 2, "held", "network_burst")
    _vote(campaign, candidates["wang"], 3)
    response = as_user(street_staff).get(f"/vote/staff/{campaign.pk}/review/")
    assert [v.pk for v in response.context["votes"]] == [v.pk for v in held]
    assert "同一网络一分钟内投票过多" in response.content.decode()


def test_results_mix_public_votes_and_jury_marks_by_the_weights(campaign, candidates,
                                                                street_admin, street_staff,
                                                                leader, as_user):
    campaign.public_weight = 60
    campaign.save()
    campaign.jurors.set([street_admin, street_staff])
    _vote(campaign, candidates["li"], 4)
    _vote(campaign, candidates["wang"], 2)
    _vote(campaign, candidates["wang"], 1, "held")
    mark_set(actor=street_admin, campaign=campaign, candidate_id=candidates["wang"].pk, score=90)
    mark_set(actor=street_staff, campaign=campaign, candidate_id=candidates["wang"].pk,
             score="80.5")
    mark_set(actor=street_admin, campaign=campaign, candidate_id=candidates["li"].pk, score=40)
    response = as_user(leader).get(f"/vote/staff/{campaign.pk}/results/")
    rows = {r.candidate.name: (r.rank, r.votes, r.held, r.public_score, r.jury_score, r.final)
            for r in response.context["rows"]}
    # li: public 100, jury 40 -> 60 + 16 = 76; wang: public 50, jury 85.25 -> 30 + 34.10
    assert rows["李律师"] == (1, 4, 0, Decimal("100.00"), Decimal("40.00"), Decimal("76.00"))
    assert rows["王调解员"] == (2, 2, 1, Decimal("50.00"), Decimal("85.25"), Decimal("64.10"))
    assert rows["赵网格员"] == (3, 0, 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
    assert rows["法治宣讲团"][0] == 1


def test_the_results_export_is_formula_safe_and_audited(campaign, candidates, street_staff,
                                                        as_user):
    Candidate.objects.filter(pk=candidates["li"].pk).update(name="=HYPERLINK(\"x\")")
    response = as_user(street_staff).get(f"/vote/staff/{campaign.pk}/results.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("类别", "排名", "候选人")
    assert "'=HYPERLINK(\"x\")" in [r[2] for r in rows[1:]]
    assert Entry.objects.filter(action="export", object_id=str(campaign.pk)).count() == 1


def test_a_juror_marks_and_a_second_mark_replaces_the_first(campaign, candidates, worker,
                                                            as_user):
    campaign.jurors.set([worker])
    client = as_user(worker)
    url = f"/vote/staff/{campaign.pk}/marks/"
    client.post(url, {"candidate": candidates["li"].pk, "score": "70"})
    client.post(url, {"candidate": candidates["li"].pk, "score": "88.5"})
    assert list(JuryMark.objects.values_list("juror_id", "score")) == [(worker.pk,
                                                                        Decimal("88.50"))]
    assert Entry.objects.filter(action="jury_mark").count() == 2


@pytest.mark.parametrize("score", ["101", "-1", "NaN", "1e400", "x" * 10000])
def test_a_bad_mark_changes_nothing(campaign, candidates, worker, as_user, score):
    campaign.jurors.set([worker])
    as_user(worker).post(f"/vote/staff/{campaign.pk}/marks/",
                         {"candidate": candidates["li"].pk, "score": score})
    assert JuryMark.objects.count() == 0


def test_a_non_juror_may_not_mark(campaign, candidates, street_staff):
    with pytest.raises(PermissionDenied):
        mark_set(actor=street_staff, campaign=campaign, candidate_id=candidates["li"].pk,
                 score=50)
    assert JuryMark.objects.count() == 0


def test_staff_set_a_campaign_up_with_a_photo(street_staff, as_user, tmp_path, settings):
    from PIL import Image

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)}}}
    client = as_user(street_staff)
    response = client.post("/vote/staff/new/", {
        "title": "普法网红", "intro": "", "opens_at": "2026-12-01T09:00",
        "closes_at": "2026-12-20T18:00", "is_published": "on", "picks_per_category": 3,
        "public_weight": 50, "votes_per_address": 300, "votes_per_device": 40,
        "burst_per_network": 30, "burst_per_device": 10})
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/vote/staff/{campaign.pk}/"
    client.post(f"/vote/staff/{campaign.pk}/categories/", {"name": "个人", "position": 1})
    category = campaign.categories.get()
    picture = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 30, 30)).save(picture, "PNG")
    picture.name = "p.png"
    picture.seek(0)
    response = client.post(f"/vote/staff/{campaign.pk}/candidates/new/", {
        "category": category.pk, "name": "李律师", "affiliation": "", "intro": "",
        "position": 0, "photo": picture})
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    with Image.open(candidate.photo.open("rb")) as stored:
        assert (stored.format, stored.size) == ("JPEG", (800, 600))
    fake = io.BytesIO(b"<html>not a picture</html>")
    fake.name = "x.jpg"
    response = client.post(f"/vote/staff/{campaign.pk}/candidates/new/", {
        "category": category.pk, "name": "王", "position": 0, "photo": fake})
    assert response.status_code == 400
    assert response.context["form"].errors["photo"] == ["照片须为 JPEG 或 PNG 图片。"]
    assert Candidate.objects.count() == 1


def test_a_community_worker_may_not_set_campaigns_up(worker, as_user):
    assert as_user(worker).get("/vote/staff/new/").status_code == 403
    assert Campaign.objects.count() == 0
