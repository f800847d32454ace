from typing import Any

from django.core.management.base import BaseCommand

from senmediation.core import clock
from senmediation.meetings.services import meeting_reminders_send


class Command(BaseCommand):
    help = "Send reminders for meetings on the next working day (run once each working day)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = meeting_reminders_send(today=clock.today())
        self.stdout.write(f"Meeting reminders queued: {sent}.")
