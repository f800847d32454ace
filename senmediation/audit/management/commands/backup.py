from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...backup import backup_write
from ...services import audit_head_append, audit_record


class Command(BaseCommand):
    help = "Writes the whole database to FILE (.json or .json.gz). Restore with `manage.py restore --input FILE`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            audit_record(user=None, ip=None, method="CLI", path="manage.py backup", action="export", status_code=200)
            backup_write(output=options["output"])
        except ValueError as problem:
            raise CommandError(str(problem)) from problem
        # The head beside the backup (and in the head log): `audit_verify --heads FILE` later proves
        # that no entry up to it was removed or rewritten.
        head_file = Path(f"{options['output']}.audit-head")
        head_file.unlink(missing_ok=True)
        head = audit_head_append(path=str(head_file))
        if settings.AUDIT_HEAD_LOG:
            audit_head_append(path=settings.AUDIT_HEAD_LOG)
        self.stdout.write(f"Backup written to {options['output']}")
        if head:
            self.stdout.write(f"{head.line()} (also in {head_file})")
