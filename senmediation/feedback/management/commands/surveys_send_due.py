"""Daily: invite the parties of newly closed cases to the survey, and remind once those who have not answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from senmediation.core import clock
from senmediation.feedback.services.surveys import surveys_send_due


class Command(BaseCommand):
    help = "Sends end-of-case feedback surveys and their one reminder."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=30, help="Cases closed in the last N days (default 30).")
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))

    def handle(self, *args: Any, **options: Any) -> None:
        now = clock.now()
        invited, reminded = surveys_send_due(base_url=options["base_url"], now=now,
                                             since=clock.today() - dt.timedelta(days=options["days"]))
        self.stdout.write(f"Invited {invited}, reminded {reminded}.")
