"""The resident's way in: the form offers the chosen kind's topics, hides its trap, says what
happens next; the receipt, the text message and the tracking page (issue 10, item 5)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.cases.models import Case, Category

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
SENT: list[dict] = []


class RecordingSender:
    def send(self, **message) -> None:
        SENT.append(message)


@pytest.fixture
def sender(settings):
    settings.SMS_SENDER = f"{__name__}.RecordingSender"
    SENT.clear()
    return SENT


def _form(**extra):
    data = {"kind": "appeal", "category": Category.objects.get(code="property-service").pk,
            "title": "电梯坏了", "description": "三号楼电梯停运三天", "name": "张三",
            "mobile": "139 1234 5678", "token": "web-token-9", "website": ""}
    data.update(extra)
    return data


def _topics(body: str) -> list[str]:
    select = re.search(r'<select name="category".*?</select>', body, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


def test_the_appeal_address_without_a_page_leads_to_the_form(client, subdistrict):
    response = client.get("/appeal/")
    assert response.status_code == 302 and response.url == reverse("appeal:new")


def test_the_form_offers_only_the_topics_of_the_chosen_kind(client, subdistrict):
    appeal = _topics(client.get(reverse("appeal:new")).content.decode())
    dispute = _topics(client.get(reverse("appeal:new"), {"kind": "dispute"}).content.decode())
    assert appeal == list(Category.objects.filter(kind="appeal").values_list("name", flat=True))
    assert "物业服务" in appeal and "其他诉求" in appeal and "邻里" not in appeal
    assert "物业纠纷" in dispute and "其他纠纷" in dispute and "物业服务" not in dispute
    assert not {"物业", "其它"} & set(appeal + dispute)


def test_without_javascript_the_topics_change_with_the_kind_and_nothing_is_sent(client,
                                                                              subdistrict):
    response = client.post(reverse("appeal:new"), {"kind": "dispute", "title": "楼上漏水",
                                                   "refresh": "1", "token": "t-refresh"})
    body = response.content.decode()
    assert "邻里" in _topics(body) and "物业服务" not in _topics(body)
    assert 'value="楼上漏水"' in body and 'role="alert"' not in body
    assert not Case.objects.exists()


def test_a_topic_of_another_kind_posted_directly_is_refused(client, subdistrict):
    neighbour = Category.objects.get(code="neighbour").pk
    response = client.post(reverse("appeal:new"), _form(kind="appeal", category=neighbour))
    assert 'id="id_category_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_a_petition_class_cannot_be_sent_from_the_resident_form(client, subdistrict):
    review = Category.objects.get(code="review").pk
    response = client.post(reverse("appeal:new"), _form(kind="petition", category=review))
    assert response.status_code == 200 and not Case.objects.exists()


def test_the_trap_is_hidden_from_people_and_their_tools(client, subdistrict):
    body = client.get(reverse("appeal:new")).content.decode()
    trap = re.search(r'<div class="trap" aria-hidden="true">.*?</div>', body, re.S).group(0)
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap and 'name="website"' in trap
    assert "此栏请留空" not in body and "Leave this empty" not in body
    assert "自动" not in body.split('class="trap"')[0].split("<form")[1]


def test_the_form_says_by_when_an_appeal_is_answered(client, subdistrict, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BEIJING), tick=False)
    body = client.get(reverse("appeal:new")).content.decode()
    assert "接下来会怎样" in body and "一般诉求（7日）" in body
    assert "2026-03-09 23:59" in body  # 7 calendar days, to 24:00 of the last day
    utilities = Category.objects.get(code="utilities").pk
    body = client.get(reverse("appeal:new"), {"kind": "appeal", "category": utilities}
                      ).content.decode()
    assert "水电气暖诉求（24小时）" in body and "2026-03-03 10:00" in body


def test_the_form_says_a_dispute_runs_from_acceptance(client, subdistrict, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BEIJING), tick=False)
    body = client.get(reverse("appeal:new"), {"kind": "dispute"}).content.decode()
    assert "受理后按“人民调解（一般30日内调结，双方同意可延续）”办理。" in body
    assert "如今天受理，将在 2026-04-01 前办结。" in body


def test_the_receipt_gives_the_code_to_copy_the_date_and_a_text_message(
        client, subdistrict, sender, django_capture_on_commit_callbacks, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BEIJING), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post(reverse("appeal:new"), _form()).content.decode()
    case = Case.objects.get()
    assert 'data-copy="tracking-code"' in body and "复制查询码" in body
    assert "提交时间" in body and "2026-03-09 23:59" in body
    assert sender == [{"channel": "sms", "to": "13912345678",
                       "text": f"【法治】您的事项已收到，查询码 {case.tracking_code}，"
                               "凭查询码和本机号码后四位可查看办理进度。"}]


def test_a_resubmitted_form_sends_no_second_text_message(
        client, subdistrict, sender, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("appeal:new"), _form())
        client.post(reverse("appeal:new"), _form())
    assert Case.objects.count() == 1 and len(sender) == 1


def test_a_refused_form_sends_no_text_message(client, subdistrict, sender,
                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("appeal:new"), _form(title="x" * 100_000))
    assert not Case.objects.exists() and sender == []


def test_tracking_a_dispute_before_acceptance_shows_the_expected_date(client, subdistrict,
                                                                      time_machine):
    # A day whose count stays inside the known official calendar: from December on, a
    # dispute's date runs into a year chinese-calendar does not know yet, and the page says so.
    time_machine.move_to(dt.datetime(2026, 3, 10, 10, 0, tzinfo=BEIJING), tick=False)
    neighbour = Category.objects.get(code="neighbour").pk
    client.post(reverse("appeal:new"), _form(kind="dispute", category=neighbour))
    body = client.get(reverse("appeal:track")).content.decode()
    assert "<dt>提交时间</dt>" in body and "<dt>已登记</dt>" not in body
    assert "受理后按“人民调解" in body and "如今天受理" in body
    assert f'href="{reverse("appeal:new")}"' in body


def test_a_bogus_tracking_code_gets_a_plain_answer(client, subdistrict):
    for code in ("'; DROP TABLE x; --", "%" * 12, "9" * 10_000):
        response = client.post(reverse("appeal:track"), {"code": code, "last4": "5678"})
        assert response.status_code == 200
        assert Client().get(reverse("appeal:track")).status_code == 200


def test_the_staff_log_in_links_residents_to_their_pages(client, subdistrict):
    body = client.get(reverse("accounts:login")).content.decode()
    residents = re.search(r'data-testid="residents">.*?</p>', body, re.S).group(0)
    assert f'href="{reverse("appeal:new")}"' in residents
    assert f'href="{reverse("appeal:track")}"' in residents and 'href="/#activities"' in residents
