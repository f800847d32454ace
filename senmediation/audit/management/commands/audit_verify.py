from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senmediation.core import clock

from ...services import Head, audit_chain_verify, heads_parse


class Command(BaseCommand):
    help = (
        "Recomputes the audit log's keyed hash chain and checks it against the recorded heads "
        "(AUDIT_HEAD_LOG and any --heads FILE, e.g. a backup's .audit-head); fails naming the first problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--heads", action="append", type=Path, default=[], help="a file of audit-head lines")

    def handle(self, *args: Any, **options: Any) -> None:
        files = list(options["heads"])
        if settings.AUDIT_HEAD_LOG and Path(settings.AUDIT_HEAD_LOG).exists():
            files.append(Path(settings.AUDIT_HEAD_LOG))
        heads: list[Head] = []
        for path in files:
            if not path.exists():
                raise CommandError(f"No head file at {path}")
            heads += heads_parse(path.read_text(encoding="ascii", errors="replace"))
        report = audit_chain_verify(heads=heads)
        if not report.intact:
            when = f" ({clock.local(report.broken_at).isoformat(timespec='seconds')})" if report.broken_at else ""
            raise CommandError(
                f"Audit log broken at entry {report.broken_id}{when}: {report.reason}. "
                f"{report.count} entries before it are intact."
            )
        checked = f", {len(heads)} recorded heads match" if heads else ""
        self.stdout.write(f"Audit log intact: {report.count} entries{checked}")
