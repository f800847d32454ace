from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...backup import backup_restore
from ...services import audit_record


class Command(BaseCommand):
    help = "Replaces EVERYTHING in the database with the contents of a backup made by `manage.py backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["input"]
        if not options["yes"]:
            answer = input(f"This deletes everything now in the database and loads {source}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup_restore(source=source)
        except (ValueError, FileNotFoundError) as problem:
            raise CommandError(str(problem)) from problem
        audit_record(user=None, ip=None, method="CLI", path="manage.py restore", action="change", status_code=200)
        self.stdout.write(f"Restored from {source}")
