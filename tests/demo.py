"""The demo world of a few apps, for an app's test of its demo builder: ``demo_build(monkeypatch,
"exams", "contests")`` runs ``fazhi demo`` with the organisation and the accounts (which every
builder needs) and those apps' builders only, on the day the demo is dated."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

DEMO_DAY = "2026-11-26"


def demo_build(monkeypatch: pytest.MonkeyPatch, *apps: str) -> None:
    monkeypatch.setattr("fazhi.demo.management.commands.demo.BUILDERS",
                        [f"fazhi.demo.world_{app}" for app in ("org", "accounts", *apps)])
    call_command("demo", "--today", DEMO_DAY, stdout=io.StringIO())
