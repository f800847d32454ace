from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from senmediation.cases.services.deadlines import deadlines_sweep
from senmediation.cases.services.not_arranged import la_arrangement_checks_send
from senmediation.cases.tasks import deadlines_sweep_task
from senmediation.core import clock


class Command(BaseCommand):
    help = "Bring every open clock's status up to date (run nightly from cron, or with --enqueue for the worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue it for the task worker instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = deadlines_sweep_task.enqueue()
            self.stdout.write(f"Queued the deadline sweep (task {result.id}).")
            return
        today = clock.today()
        changed = deadlines_sweep(today=today)
        asked = la_arrangement_checks_send(today=today)
        self.stdout.write(f"Deadline sweep done: {changed} clock statuses changed; {asked} local authorities "
                          "asked whether they can arrange mediation in time.")
