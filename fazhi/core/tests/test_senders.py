"""The log sender never writes a whole mobile number; `check --deploy` says it sends nothing."""

import logging

import pytest
from django.core import checks

from fazhi.core.senders import LogSender


def test_the_log_sender_masks_the_number_and_keeps_the_text(caplog):
    caplog.set_level(logging.INFO, logger="fazhi.senders")
    LogSender().send(channel="sms", to="13900139000", text="验证码 123456")
    assert "13900139000" not in caplog.text
    assert "to=139****9000 text=验证码 123456" in caplog.text


@pytest.mark.django_db  # some deploy checks read the database (which depends on test order)
def test_the_deploy_check_warns_while_messages_only_go_to_the_log(settings):
    ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    assert "fazhi.W001" in ids
    settings.SMS_SENDER = "fazhi.core.tests.test_senders.GatewaySender"
    ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    assert "fazhi.W001" not in ids


class GatewaySender:
    def send(self, *, channel: str, to: str, text: str) -> None:  # pragma: no cover
        raise AssertionError("not called")
