"""The public pages: verify a mobile, vote, refused a second time, bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.voting.models import Code, Vote
from fazhi.voting.services.voters import voter_digest

from .conftest import MOBILE, NOW

pytestmark = pytest.mark.django_db


def _client() -> Client:
    client = Client(REMOTE_ADDR="10.3.4.5")
    return client


def _verified(client, campaign, outbox, mobile=MOBILE):
    client.get(f"/vote/{campaign.pk}/")  # the device cookie
    response = client.post(f"/vote/{campaign.pk}/verify/", {"mobile": mobile, "action": "send"})
    assert response.status_code == 200
    response = client.post(f"/vote/{campaign.pk}/verify/",
                           {"mobile": mobile, "code": outbox.last_code(), "action": "verify"})
    assert response.status_code == 302
    return client


def test_the_campaign_page_lists_categories_candidates_and_tallies(frozen, campaign, candidates):
    Vote.objects.create(campaign=campaign, candidate=candidates["li"],
                        category=candidates["li"].category, voter="v" * 64, day=NOW.date(),
                        cast_at=NOW, pick=1)
    response = _client().get(f"/vote/{campaign.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "个人" in page and "团队" in page and "李律师" in page and "法治宣讲团" in page
    assert "目前已计入 1 票。" in page
    assert "fazhi_device" in response.cookies


def test_an_unpublished_campaign_is_not_found(frozen, campaign):
    campaign.is_published = False
    campaign.save()
    assert _client().get(f"/vote/{campaign.pk}/").status_code == 404


def test_a_voter_verifies_votes_and_is_refused_a_second_time(frozen, campaign, candidates,
                                                            outbox):
    client = _verified(_client(), campaign, outbox)
    assert outbox.sent[0]["to"] == MOBILE and "投票的验证码是" in outbox.sent[0]["text"]
    url = f"/vote/{campaign.pk}/cast/"
    response = client.post(url, {"candidate": candidates["li"].pk})
    assert (response.status_code, response["Location"]) == (
        303, f"/vote/{campaign.pk}/candidates/{candidates['li'].pk}/")
    page = client.get(response["Location"])
    assert "投票成功，已计入！感谢您的参与。" in page.content.decode()
    assert page.context["votes"] == 1
    again = client.post(url, {"candidate": candidates["li"].pk})
    assert again.status_code == 400
    assert "今天已为该候选人投过票，明天可以再投。" in again.content.decode()
    assert again.context["votes"] == 1
    vote = Vote.objects.get()
    assert vote.voter == voter_digest(campaign, MOBILE)
    assert MOBILE not in str(list(Vote.objects.values_list()))
    assert MOBILE not in str(list(Code.objects.values_list()))


def test_voting_without_a_verified_mobile_leads_to_verification(frozen, campaign, candidates):
    response = _client().post(f"/vote/{campaign.pk}/cast/", {"candidate": candidates["li"].pk})
    assert response.status_code == 302
    assert response["Location"] == f"/vote/{campaign.pk}/verify/?next={candidates['li'].pk}"
    assert Vote.objects.count() == 0


def test_a_wrong_code_says_how_many_tries_are_left_and_then_refuses(frozen, campaign, outbox):
    client = _client()
    url = f"/vote/{campaign.pk}/verify/"
    client.post(url, {"mobile": MOBILE, "action": "send"})
    right = outbox.last_code()
    wrong = "000000" if right != "000000" else "111111"
    messages = []
    for _ in range(5):
        response = client.post(url, {"mobile": MOBILE, "code": wrong, "action": "verify"})
        assert response.status_code == 400
        messages.append(response.context["form"].errors["code"][0])
    assert messages[:2] == ["验证码不正确，还可以再试 4 次。", "验证码不正确，还可以再试 3 次。"]
    assert messages[4] == "验证码错误次数过多，请重新获取。"
    response = client.post(url, {"mobile": MOBILE, "code": right, "action": "verify"})
    assert response.context["form"].errors["code"] == ["验证码错误次数过多，请重新获取。"]
    assert f"fazhi_vote_{campaign.pk}" not in response.cookies


def test_an_expired_code_is_refused(time_machine, campaign, outbox):
    time_machine.move_to(NOW, tick=False)
    client = _client()
    url = f"/vote/{campaign.pk}/verify/"
    client.post(url, {"mobile": MOBILE, "action": "send"})
    time_machine.move_to(NOW + dt.timedelta(minutes=10, seconds=1), tick=False)
    response = client.post(url, {"mobile": MOBILE, "code": outbox.last_code(),
                                 "action": "verify"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == ["验证码已过期，请重新获取。"]


def test_a_second_code_within_a_minute_is_refused(frozen, campaign, outbox):
    client = _client()
    url = f"/vote/{campaign.pk}/verify/"
    client.post(url, {"mobile": MOBILE, "action": "send"})
    response = client.post(url, {"mobile": MOBILE, "action": "send"})
    assert response.status_code == 429
    assert "刚刚已向该手机号发送过验证码，请一分钟后再获取。" in response.content.decode()
    assert len(outbox.sent) == 1 and Code.objects.count() == 1


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"mobile": "1" * 10000, "action": "send"}, "mobile",
     "确保该变量包含不超过 20 字符 (目前字符数 10000)。"),
    ({"mobile": "12345", "action": "send"}, "mobile", "手机号应为 11 位，您输入了 5 位。"),
    ({"mobile": MOBILE, "code": "x" * 10000, "action": "verify"}, "code",
     "确保该变量包含不超过 6 字符 (目前字符数 10000)。"),
    ({"mobile": MOBILE, "code": "12ab56", "action": "verify"}, "code",
     "验证码是短信中的 6 位数字。"),
    ({"mobile": MOBILE, "code": "123456", "action": "verify"}, "code", "请先获取验证码。"),
])
def test_bad_input_on_the_verify_form_is_named_beside_the_field(frozen, campaign, outbox, data,
                                                                field, message):
    response = _client().post(f"/vote/{campaign.pk}/verify/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Code.objects.count() == 0 and outbox.sent == []


@pytest.mark.parametrize("candidate", ["", "abc", "9" * 10000, "99999999999999999999", "-1"])
def test_a_malformed_candidate_id_is_not_found_and_nothing_changes(frozen, campaign, candidates,
                                                                  outbox, candidate):
    client = _verified(_client(), campaign, outbox)
    response = client.post(f"/vote/{campaign.pk}/cast/", {"candidate": candidate})
    assert response.status_code == 404
    assert Vote.objects.count() == 0


def test_another_campaigns_candidate_is_not_found(frozen, campaign, candidates, other_campaign,
                                                  outbox):
    client = _verified(_client(), campaign, outbox)
    stranger = other_campaign.candidates.get()
    response = client.post(f"/vote/{campaign.pk}/cast/", {"candidate": stranger.pk})
    assert response.status_code == 404
    assert Vote.objects.count() == 0


def test_a_pass_for_another_campaign_does_not_vote_here(frozen, campaign, candidates,
                                                        other_campaign, outbox):
    client = _verified(_client(), other_campaign, outbox)
    client.cookies[f"fazhi_vote_{campaign.pk}"] = client.cookies[
        f"fazhi_vote_{other_campaign.pk}"].value
    response = client.post(f"/vote/{campaign.pk}/cast/", {"candidate": candidates["li"].pk})
    assert response.status_code == 302
    assert Vote.objects.count() == 0


def test_a_closed_window_refuses_with_its_time(time_machine, campaign, candidates, outbox):
    time_machine.move_to(campaign.closes_at - dt.timedelta(hours=1), tick=False)
    client = _verified(_client(), campaign, outbox)
    time_machine.move_to(campaign.closes_at, tick=False)
    response = client.post(f"/vote/{campaign.pk}/cast/", {"candidate": candidates["li"].pk})
    assert response.status_code == 400
    assert "投票已于 2026-12-07 18:00 结束。" in response.content.decode()
    assert "现在不在投票时间内。" in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_campaign_dated_year_9999_is_refused_by_the_set_up(frozen, street_staff):
    from django.core.exceptions import ValidationError

    from fazhi.voting.services.setup import campaign_create

    with pytest.raises(ValidationError) as refused:
        campaign_create(actor=street_staff, title="x", opens_at=NOW,
                        closes_at=dt.datetime(9999, 12, 31, tzinfo=dt.UTC))
    assert list(refused.value.message_dict) == ["closes_at"]


def test_a_voter_without_the_device_cookie_is_asked_to_allow_cookies(frozen, campaign,
                                                                     candidates, outbox):
    client = _verified(_client(), campaign, outbox)
    del client.cookies["fazhi_device"]
    response = client.post(f"/vote/{campaign.pk}/cast/", {"candidate": candidates["li"].pk})
    assert response.status_code == 400
    assert "请允许浏览器为本站保存 Cookie，然后重新投票。" in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_held_vote_says_so_and_is_not_in_the_tally(frozen, campaign, candidates, outbox):
    campaign.burst_per_device = 1
    campaign.save()
    client = _verified(_client(), campaign, outbox)
    url = f"/vote/{campaign.pk}/cast/"
    assert client.post(url, {"candidate": candidates["li"].pk}).status_code == 303
    response = client.post(url, {"candidate": candidates["wang"].pk}, follow=True)
    assert response.status_code == 200
    assert "这一票需经工作人员审核后才计入" in response.content.decode()
    assert response.context["votes"] == 0
