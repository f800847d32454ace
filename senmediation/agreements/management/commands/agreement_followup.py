from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from senmediation.agreements.followup import agreement_items_sweep
from senmediation.agreements.tasks import agreement_items_sweep_task
from senmediation.core import clock


class Command(BaseCommand):
    help = "Follow up agreed actions: mark late ones, send reminders (daily from cron, or --enqueue for the worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue it for the task worker instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = agreement_items_sweep_task.enqueue()
            self.stdout.write(f"Queued the agreement follow-up (task {result.id}).")
            return
        counts = agreement_items_sweep(today=clock.today())
        self.stdout.write(
            "Agreement follow-up done: {marked_late} marked late, {reminders_before_due} reminders before the date, "
            "{reminders_late} late reminders.".format(**counts)
        )
