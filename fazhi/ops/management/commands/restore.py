from __future__ import annotations

from pathlib import Path

from django.core.management import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from fazhi.ops.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Replace the whole database with a backup made by `fazhi backup`. Stop the app "
            "servers, workers and schedulers first.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help="Database alias (default: default).")
        parser.add_argument("path", type=Path, help="The backup file.")
        parser.add_argument("--yes", action="store_true",
                            help="Do not ask for confirmation.")

    def handle(self, *args: object, path: Path, yes: bool, database: str,
               **options: object) -> None:
        connection = connections[database]
        name = connection.settings_dict["NAME"]
        if not yes:
            answer = input(f"Replace every row of {connection.vendor} database {name} with "
                           f"{path}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("Nothing restored.")
        try:
            backup_restore(source=path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {name} from {path}")
