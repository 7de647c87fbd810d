from __future__ import annotations

from pathlib import Path

from django.core.management import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from fazhi.ops.backups import BackupError, backup_create, key_reminders


class Command(BaseCommand):
    help = ("Back up the database (SQLite online backup, or pg_dump -Fc) to PATH or to "
            "<data dir>/backups/. The field key is not in the backup: keep it separately.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help="Database alias (default: default).")
        parser.add_argument("path", nargs="?", type=Path, help="File to write (must not exist).")

    def handle(self, *args: object, path: Path | None, database: str,
               **options: object) -> None:
        try:
            written = backup_create(target=path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {connections[database].vendor} database to {written}")
        self.stdout.write("Keep these apart from the backup; without them it cannot be read:")
        for line in key_reminders():
            self.stdout.write(f"  - {line}")
