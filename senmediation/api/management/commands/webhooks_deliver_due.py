from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from senmediation.api.tasks import webhooks_deliver_due_task
from senmediation.api.webhooks import webhooks_deliver_due


class Command(BaseCommand):
    help = "Sends webhook deliveries that are due a retry (cron, every few minutes)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Hand the work to the task worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            webhooks_deliver_due_task.enqueue()
            self.stdout.write("Enqueued.")
            return
        self.stdout.write(f"Attempted {webhooks_deliver_due()} deliveries.")
