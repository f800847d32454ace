from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senmediation.audit.services import audit_record
from senmediation.core.errors import ServiceError

from ...subject_access import subject_access_export_recorded


class Command(BaseCommand):
    help = "Writes everything held about one person to NAME.json and NAME.pdf (UK GDPR art. 15)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--query", required=True, help="The person's name or email address")
        parser.add_argument("--by", required=True, help="Username of the member of staff asking")
        parser.add_argument("--output", required=True, help="File name without extension")

    def handle(self, *args: Any, **options: Any) -> None:
        by = get_user_model().objects.filter(username=options["by"]).first()
        if by is None:
            raise CommandError(f"No user called {options['by']}.")
        try:
            as_json, as_pdf = subject_access_export_recorded(
                query=options["query"], by=by, ip=None, via="manage.py subject_access_export",
            )
        except ServiceError as refusal:
            raise CommandError(refusal.message) from refusal
        base = Path(options["output"])
        base.with_suffix(".json").write_bytes(as_json)
        base.with_suffix(".pdf").write_bytes(as_pdf)
        audit_record(user=by, ip=None, method="CLI", path="manage.py subject_access_export", action="export",
                     status_code=200)
        self.stdout.write(f"Wrote {base.with_suffix('.json')} and {base.with_suffix('.pdf')}.")
