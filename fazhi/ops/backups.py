"""Back up and restore the database: SQLite's online backup API, or pg_dump/pg_restore.

A backup holds personal data only as ciphertext. The field key (``FAZHI_FIELD_KEY`` or
``<data dir>/field_key``) is NOT in the backup and must be kept separately: without it the
encrypted columns of a restored database cannot be read.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    pass


def default_backup_path(*, vendor: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if vendor == "postgresql" else "sqlite3"
    return Path(settings.DATA_DIR) / "backups" / f"fazhi-{stamp}.{suffix}"


def key_reminders() -> list[str]:
    """What must be kept beside a backup for it to be usable."""
    reminders = []
    for env_name, filename in (("FAZHI_FIELD_KEY", "field_key"),
                               ("FAZHI_SECRET_KEY", "secret_key")):
        if os.environ.get(env_name):
            reminders.append(f"{filename}: given by {env_name}; keep that value with the backups")
        elif (Path(settings.DATA_DIR) / filename).exists():
            reminders.append(f"{filename}: {Path(settings.DATA_DIR) / filename} is not in the "
                             "backup; copy it somewhere safe, apart from the backups")
        else:
            reminders.append(f"{filename}: not found (neither {env_name} nor the data dir)")
    return reminders


def backup_create(*, target: Path | None = None, using: str = "default") -> Path:
    connection = connections[using]
    target = target or default_backup_path(vendor=connection.vendor)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise BackupError(f"{target} exists already")
    if connection.vendor == "sqlite":
        _sqlite_backup(using=using, target=target)
    elif connection.vendor == "postgresql":
        _pg_run("pg_dump", ["--format=custom", f"--file={target}"], using=using)
    else:
        raise BackupError(f"cannot back up a {connection.vendor} database")
    target.chmod(0o600)
    return target


def backup_restore(*, source: Path, using: str = "default") -> None:
    """Replace the whole database with ``source``. Stop the app servers first."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    connection = connections[using]
    if connection.vendor == "sqlite":
        _sqlite_restore(using=using, source=source)
    elif connection.vendor == "postgresql":
        connection.close()
        _pg_run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                               "--exit-on-error", str(source)], using=using, dbname_flag=True)
    else:
        raise BackupError(f"cannot restore a {connection.vendor} database")


# --- SQLite ---------------------------------------------------------------------------------
def _sqlite_backup(*, using: str, target: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_restore(*, using: str, source: Path) -> None:
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        (verdict,) = origin.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise BackupError(f"{source} fails SQLite's integrity check: {verdict}")
        connection = connections[using]
        if connection.in_atomic_block:
            raise BackupError("cannot restore inside a transaction")
        connection.ensure_connection()
        # The backup API copies every page under a write lock: readers see the old database
        # or the restored one, never a mix.
        origin.backup(connection.connection)
    finally:
        origin.close()


# --- PostgreSQL -----------------------------------------------------------------------------
def _pg_run(program: str, args: list[str], *, using: str, dbname_flag: bool = False) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} not found; install Debian's postgresql-client")
    db = connections[using].settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    connect = []
    if db.get("HOST"):
        connect.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        connect.append(f"--port={db['PORT']}")
    if db.get("USER"):
        connect.append(f"--username={db['USER']}")
    connect.append("--no-password")
    name = str(db["NAME"])
    command = [executable, *connect, *([f"--dbname={name}"] if dbname_flag else []), *args]
    if not dbname_flag:
        command.append(name)
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
