from django.core.management.base import BaseCommand

from fazhi.contests.services.playing import participants_sweep


class Command(BaseCommand):
    help = "Hand in every contest paper whose time is up (the server's clock)."

    def handle(self, *args, **options):
        self.stdout.write(f"{participants_sweep()} papers handed in")
