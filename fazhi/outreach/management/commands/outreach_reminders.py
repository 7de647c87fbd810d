"""Monthly: remind units of lagging responsibility-list items (run by the scheduler)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fazhi.outreach.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Remind each unit's staff of lagging items of this year's approved list (once a month)."

    def handle(self, *args: object, **options: object) -> None:
        count = reminders_send()
        self.stdout.write(f"{count} reminder(s) created")
