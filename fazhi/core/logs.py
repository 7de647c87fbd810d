"""Logging filters that settings.LOGGING attaches to Django's loggers."""

from __future__ import annotations

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """An ordinary 403 or 404 is the client's doing, not a fault: Django logs it with the
    exception's traceback, which buries real errors. Keep the one line; 5xx keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
