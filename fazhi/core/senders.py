"""Outgoing messages (SMS, e-mail, WeChat) behind one interface.

settings.SMS_SENDER names the class; the default writes to the log so nothing leaves the machine
until an operator configures a real gateway. The log shows the number masked (138****5678): a
log line never pairs a whole number with the code sent to it. `check --deploy` warns while the
log sender is the one configured (`fazhi.W001`), since no resident would receive anything.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from fazhi.core.masking import mask_mobile

logger = logging.getLogger("fazhi.senders")

LOG_SENDER = "fazhi.core.senders.LogSender"


class LogSender:
    def send(self, *, channel: str, to: str, text: str) -> None:
        shown = mask_mobile(to) if channel == "sms" else to
        logger.info("message channel=%s to=%s text=%s", channel, shown, text)


def get_sender() -> LogSender:
    return import_string(settings.SMS_SENDER)()


@checks.register(checks.Tags.security, deploy=True)
def check_sender_is_a_gateway(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.SMS_SENDER != LOG_SENDER:
        return []
    return [checks.Warning(
        "Messages (SMS codes, reminders) are written to the log, not sent.",
        hint="Set FAZHI_SENDER to the dotted path of a class with send(channel=, to=, text=).",
        id="fazhi.W001")]
