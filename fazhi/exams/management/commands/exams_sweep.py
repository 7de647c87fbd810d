from django.core.management.base import BaseCommand

from fazhi.exams.services.sitting import attempts_sweep


class Command(BaseCommand):
    help = "Submit every exam paper whose time is up (the server's clock)."

    def handle(self, *args, **options):
        self.stdout.write(f"{attempts_sweep()} papers submitted")
