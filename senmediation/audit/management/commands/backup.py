from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...backup import backup_write
from ...services import audit_record


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
        self.stdout.write(f"Backup written to {options['output']}")
