"""How a validated personal value is stored: encrypted, a keyed hash for exact look-up, and a
masked copy for lists. Models name the columns ``<field>_enc``, ``<field>_hash`` and
``<field>_masked``; these return them ready to pass to a model or ``.update()``."""

from __future__ import annotations

from .crypto import encrypt, lookup_hash
from .masking import mask_id_number, mask_mobile


def sealed_id_number(number: str) -> dict[str, str]:
    return {"id_enc": encrypt(number), "id_hash": lookup_hash(number),
            "id_masked": mask_id_number(number)}


def sealed_mobile(number: str) -> dict[str, str]:
    return {"mobile_enc": encrypt(number), "mobile_hash": lookup_hash(number),
            "mobile_masked": mask_mobile(number)}
