"""Encryption at rest and keyed hashes for personal data.

One master key (settings.FIELD_KEY, from FAZHI_FIELD_KEY or the data dir) is stretched with HKDF
into two independent keys: one for Fernet (AES-128-CBC + HMAC, authenticated) and one for
HMAC-SHA256 look-up hashes, so exact search never needs decryption.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(master: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"fazhi", info=purpose).derive(
        master.encode()
    )


@cache
def _keys(master: str) -> tuple[Fernet, bytes]:
    fernet = Fernet(base64.urlsafe_b64encode(_derive(master, b"fernet")))
    return fernet, _derive(master, b"lookup-hash")


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    fernet, _ = _keys(settings.FIELD_KEY)
    return fernet.encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    fernet, _ = _keys(settings.FIELD_KEY)
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken as exc:  # wrong key or tampered value: never return garbage
        raise ValueError("encrypted value cannot be read with the configured key") from exc


def lookup_hash(value: str) -> str:
    """Keyed hash for exact look-up; empty input gives empty output (no uniqueness clash)."""
    if not value:
        return ""
    _, key = _keys(settings.FIELD_KEY)
    return hmac.new(key, value.strip().upper().encode(), hashlib.sha256).hexdigest()
