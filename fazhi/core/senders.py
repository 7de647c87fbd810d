"""Outgoing messages (SMS, e-mail, WeChat) behind one interface.

settings.SMS_SENDER names the class; the default writes to the log so nothing leaves the machine
until an operator configures a real gateway.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("fazhi.senders")


class LogSender:
    def send(self, *, channel: str, to: str, text: str) -> None:
        logger.info("message channel=%s to=%s text=%s", channel, to, text)


def get_sender() -> LogSender:
    return import_string(settings.SMS_SENDER)()
