from typing import Any

from django.core.management.base import BaseCommand

from ...ratelimit import rate_limit_prune


class Command(BaseCommand):
    help = "Removes rate-limit counters whose window ended more than a day ago (run nightly)."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = rate_limit_prune()
        self.stdout.write(f"Removed {removed} old rate-limit window{'s' if removed != 1 else ''}.")
