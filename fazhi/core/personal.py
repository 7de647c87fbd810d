"""How a validated personal value is stored: encrypted, a keyed hash for exact look-up, and a
masked copy for lists. Models name the columns ``<field>_enc``, ``<field>_hash`` and
``<field>_masked``; these return them ready to pass to a model or ``.update()``."""

from __future__ import annotations

import datetime as dt

from .crypto import decrypt, encrypt, lookup_hash
from .masking import mask_id_number, mask_mobile


def sealed_id_number(number: str) -> dict[str, str]:
    return {"id_enc": encrypt(number), "id_hash": lookup_hash(number),
            "id_masked": mask_id_number(number)}


def sealed_mobile(number: str) -> dict[str, str]:
    return {"mobile_enc": encrypt(number), "mobile_hash": lookup_hash(number),
            "mobile_masked": mask_mobile(number)}


def sealed_birth_date(day: dt.date | None) -> dict[str, str]:
    """A birth date: encrypted, and its year alone for lists (the ID number's mask hides it)."""
    if day is None:
        return {"birth_enc": "", "birth_masked": ""}
    return {"birth_enc": encrypt(day.isoformat()), "birth_masked": f"{day.year}-**-**"}


def birth_date_of(sealed: str) -> dt.date | None:
    return dt.date.fromisoformat(decrypt(sealed)) if sealed else None
