from django.core.management.base import BaseCommand

from fazhi.cases.services.reminders import case_reminders_run


class Command(BaseCommand):
    help = "Notify handlers of case deadlines that are due soon or overdue (idempotent)."

    def handle(self, *args, **options):
        sent = case_reminders_run()
        self.stdout.write(f"due soon: {sent['soon']}, overdue: {sent['overdue']}")
