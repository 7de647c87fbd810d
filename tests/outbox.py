"""A recorder in place of the SMS sender, for the public pages that verify a mobile by a code
(voting, contests, duty reviews), in the place of ``core.smscodes``' sender. An app's conftest
declares the fixture with ``outbox = outbox_fixture()``; a test without it calls
``Outbox.into(monkeypatch)``. ``last_code()`` reads back the code a resident would type."""

from __future__ import annotations

import re

import pytest


class Outbox:
    def __init__(self) -> None:
        self.sent: list[dict[str, str]] = []

    def send(self, *, channel: str, to: str, text: str) -> None:
        self.sent.append({"channel": channel, "to": to, "text": text})

    def last_code(self) -> str:
        found = re.search(r"(\d{6})", self.sent[-1]["text"])
        assert found is not None, self.sent[-1]["text"]
        return found.group(1)

    @classmethod
    def into(cls, monkeypatch: pytest.MonkeyPatch, module: str = "fazhi.core.smscodes") -> Outbox:
        box = cls()
        monkeypatch.setattr(f"{module}.get_sender", lambda: box)
        return box


def outbox_fixture(module: str = "fazhi.core.smscodes") -> object:
    """An ``outbox`` fixture recording what ``module`` sends."""
    @pytest.fixture
    def outbox(monkeypatch: pytest.MonkeyPatch) -> Outbox:
        return Outbox.into(monkeypatch, module)
    return outbox
