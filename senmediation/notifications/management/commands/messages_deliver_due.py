from typing import Any

from django.core.management.base import BaseCommand

from senmediation.notifications.services.delivery import messages_retry_due
from senmediation.notifications.tasks import messages_retry_due_task


class Command(BaseCommand):
    help = "Deliver queued messages that are due and reclaim messages left by a stopped worker (run from cron)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Hand the work to the task worker instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = messages_retry_due_task.enqueue()
            self.stdout.write(f"Enqueued {result.id}")
            return
        tried = messages_retry_due()
        self.stdout.write(f"Tried {tried} message(s).")
