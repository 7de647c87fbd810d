"""Small typed readers for FAZHI_* environment variables.

Every variable read through these helpers is recorded in ``READ`` so a test can check that
``.env.example`` lists each of them.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

READ: set[str] = set()


def _raw(name: str) -> str | None:
    READ.add(name)
    value = os.environ.get(name)
    return value if value not in (None, "") else None


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    return default if value is None else int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_in_data_dir(data_dir: Path, filename: str, nbytes: int = 48) -> str:
    """Return a secret kept in the data directory, creating it (mode 0600) on first use."""
    path = data_dir / filename
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its secret
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def database_from_url(url: str) -> dict:
    """Django DATABASES entry for a ``postgres://user:pass@host:port/name`` URL."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"FAZHI_DATABASE_URL must start with postgres://, not {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }
