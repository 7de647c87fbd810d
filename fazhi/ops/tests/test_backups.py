"""A backup followed by a restore gives back every row of every table."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from fazhi.accounts.models import User
from fazhi.audit.models import Entry
from fazhi.core.roles import Role
from fazhi.ops.backups import BackupError, backup_create, backup_restore
from fazhi.ops.models import ScheduledJob
from fazhi.org.models import Person, Region, Unit

ALIAS = "backup_under_test"


def snapshot(using: str) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    db = connections[using]
    with db.cursor() as cursor:
        tables = sorted(db.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {db.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def write_world(using: str) -> None:
    district = Region.objects.using(using).create(name="江岸区", level=Region.Level.DISTRICT,
                                                  code="JA")
    street = Region.objects.using(using).create(name="西马街道", code="XM", parent=district,
                                                level=Region.Level.SUBDISTRICT)
    north = Region.objects.using(using).create(name="江汉北路社区", code="XM-JHBL", parent=street,
                                               level=Region.Level.COMMUNITY)
    office = Unit.objects.using(using).create(name="西马司法所", kind=Unit.Kind.JUSTICE_OFFICE,
                                              region=street)
    Person.objects.using(using).create(name="张红", kind=Person.Kind.RED_VEST, community=north,
                                       unit=office, mobile_masked="138****5678")
    User.objects.db_manager(using).create_user(
        username="worker", password="Xima-Fazhi-2026!", role=Role.COMMUNITY_WORKER,
        community=north, display_name="王社工",
    )
    Entry.objects.using(using).create(actor_name="worker", action=Entry.Action.VIEW,
                                      object_type="org.person", object_id="1",
                                      changes={"mobile": ["138****5678", "已查看"]})
    ScheduledJob.objects.using(using).create(
        name="clear-sessions", next_run_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    )


def change_world(using: str) -> None:
    Unit.objects.using(using).update(name="改名的司法所")
    Person.objects.using(using).all().delete()
    User.objects.using(using).update(display_name="改过")
    Region.objects.using(using).create(name="金门社区", code="XM-JM", level=Region.Level.COMMUNITY)
    Entry.objects.using(using).create(actor_name="worker", action=Entry.Action.EXPORT)
    ScheduledJob.objects.using(using).all().delete()


def assert_round_trip_loses_nothing(using: str, backup: Path) -> None:
    write_world(using)
    before = snapshot(using)

    backup_create(target=backup, using=using)
    change_world(using)
    assert snapshot(using) != before
    backup_restore(source=backup, using=using)

    assert snapshot(using) == before
    assert backup.stat().st_mode & 0o077 == 0


@pytest.fixture(scope="module")
def migrated_sqlite_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A migrated SQLite file, made once per module; each test works on a copy."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup path")
    path = tmp_path_factory.mktemp("migrated") / "fazhi.sqlite3"
    # A copy of the migrated test database: Wagtail's initial-data migration writes to the
    # default database whatever alias is migrated, so `migrate --database` cannot make one.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    return path


@pytest.fixture
def sqlite_file_db(migrated_sqlite_file, django_db_blocker, tmp_path) -> Iterator[str]:
    """A SQLite database in a file with the real settings (WAL and all), apart from the test
    database, whose in-memory transaction-wrapped connection cannot be restored into."""
    path = tmp_path / "fazhi.sqlite3"
    shutil.copyfile(migrated_sqlite_file, path)
    connections.settings[ALIAS] = {**connections.settings["default"], "NAME": str(path)}
    with django_db_blocker.unblock():
        yield ALIAS
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def test_a_sqlite_backup_round_trip_loses_nothing(sqlite_file_db, tmp_path):
    assert_round_trip_loses_nothing(sqlite_file_db, tmp_path / "backups" / "b.sqlite3")


# pg_dump only sees committed rows, hence a transactional test. available_apps makes its flush
# TRUNCATE ... CASCADE, which tables created by raw SQL with foreign keys (cases_search) need.
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_a_postgresql_backup_round_trip_loses_nothing(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backup path")
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    assert_round_trip_loses_nothing("default", tmp_path / "b.dump")


def test_a_backup_never_overwrites_a_file(db, tmp_path):
    existing = tmp_path / "b.sqlite3"
    existing.write_text("keep me")

    with pytest.raises(BackupError, match="exists already"):
        backup_create(target=existing)

    assert existing.read_text() == "keep me"


def test_restore_refuses_a_file_that_is_not_a_database(sqlite_file_db, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)

    with pytest.raises(Exception, match="not a database|integrity"):
        backup_restore(source=junk, using=sqlite_file_db)


def test_the_backup_and_restore_commands_round_trip_and_remind_to_keep_the_keys(
    sqlite_file_db, tmp_path, capsys, settings, monkeypatch
):
    monkeypatch.delenv("FAZHI_FIELD_KEY", raising=False)
    settings.DATA_DIR = tmp_path
    (tmp_path / "field_key").write_text("k")
    write_world(sqlite_file_db)
    before = snapshot(sqlite_file_db)

    call_command("backup", "--database", sqlite_file_db)
    change_world(sqlite_file_db)
    (written,) = (tmp_path / "backups").glob("fazhi-*.sqlite3")
    call_command("restore", "--database", sqlite_file_db, "--yes", str(written))

    assert snapshot(sqlite_file_db) == before
    out = capsys.readouterr().out
    assert f"{tmp_path / 'field_key'} is not in the backup" in out
    assert f"Restored {tmp_path / 'fazhi.sqlite3'} from {written}" in out
