from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ...services import audit_head, audit_head_append


class Command(BaseCommand):
    help = "Prints the audit log's head (last id and hash) and appends it to AUDIT_HEAD_LOG or --append FILE. Daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--append", default="", help="file to append to (default AUDIT_HEAD_LOG)")

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["append"] or settings.AUDIT_HEAD_LOG
        head = audit_head_append(path=target) if target else audit_head()
        self.stdout.write(head.line() if head else "The audit log is empty.")
