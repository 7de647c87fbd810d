from django.core.management.base import BaseCommand

from fazhi.exams.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Remind units below an exam's target sat rate in the days before its window closes."

    def handle(self, *args, **options):
        self.stdout.write(f"{reminders_send()} reminders")
