from django.core.management.base import BaseCommand, CommandError

from fazhi.audit.services import RETENTION_DAYS, audit_prune


class Command(BaseCommand):
    help = f"Delete audit records older than N days (never fewer than {RETENTION_DAYS})."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True)

    def handle(self, *args, older_than_days: int, **options):
        try:
            deleted = audit_prune(older_than_days=older_than_days)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"deleted {deleted} audit records older than {older_than_days} days")
