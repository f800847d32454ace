import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...retention import retention_apply


class Command(BaseCommand):
    help = "Removes personal details from cases closed longer ago than the retention policy allows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (for testing)")

    def handle(self, *args: Any, **options: Any) -> None:
        done = retention_apply(today=options["today"])
        self.stdout.write(f"Anonymised {done} case{'s' if done != 1 else ''}.")
