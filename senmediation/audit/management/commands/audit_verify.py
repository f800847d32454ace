from typing import Any

from django.core.management.base import BaseCommand, CommandError

from senmediation.core import clock

from ...services import audit_chain_verify


class Command(BaseCommand):
    help = "Recomputes the audit log's hash chain; fails naming the first entry that was changed or removed."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.intact:
            when = clock.local(report.broken_at).isoformat(timespec="seconds") if report.broken_at else "?"
            raise CommandError(
                f"Audit log broken at entry {report.broken_id} ({when}): {report.reason}. "
                f"{report.count} entries before it are intact."
            )
        self.stdout.write(f"Audit log intact: {report.count} entries")
