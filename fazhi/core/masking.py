"""How personal data is shown to people who may not see it in full."""

from __future__ import annotations


def mask_id_number(value: str) -> str:
    """Keep the first 6 and last 4 characters: 420102********1234."""
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(value: str) -> str:
    """Keep the first 3 and last 4 digits: 138****5678."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """Keep the family name: 张** (used on public pages)."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
