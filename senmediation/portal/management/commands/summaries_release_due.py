from typing import Any

from django.core.management.base import BaseCommand

from senmediation.core import clock
from senmediation.portal.services.exchange import summaries_release_due


class Command(BaseCommand):
    help = "Share the parties' summaries for cases whose set date has come (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Summary exchanges released: {summaries_release_due(today=clock.today())}.")
