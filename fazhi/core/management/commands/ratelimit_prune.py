from django.core.management.base import BaseCommand

from fazhi.core.ratelimit import ratelimit_prune


class Command(BaseCommand):
    help = "Delete expired rate-limit windows."

    def handle(self, *args, **options):
        self.stdout.write(f"deleted {ratelimit_prune()} expired rate-limit windows")
