"""A queryset update() or bulk_create() sends no signal, so it would change a counted fact without marking
its month for the reports' buckets (reporting/invalidation.py). Every such write to a counted model is
listed here with why it changes no count; any other fails this test."""

from __future__ import annotations

import re
from pathlib import Path

from senmediation.reporting.invalidation import WATCHED

ROOT = Path(__file__).resolve().parent.parent / "senmediation"
# (file, model): why the write changes nothing a report counts
ALLOWED = {
    ("cases/services/deadlines.py", "Case"): "next_due_date and clock_status: the queue's, not the reports'",
    ("cases/services/deadlines.py", "Deadline"): "status (on track, due soon, overdue): not counted",
    ("cases/services/search.py", "Case"): "search_text",
    ("records/retention.py", "Case"): "personal details removed; no counted field changes",
    ("meetings/services.py", "Case"): "next_meeting_at",
    ("meetings/record.py", "Meeting"): "ends_at",
    ("demodata/documents.py", "Certificate"): "the demo's PDF file name and hash",
    ("demodata/documents.py", "Complaint"): "the demo's response letter",
    ("agreements/services.py", "AgreementItem"): "order on the page",
}


def test_no_unlisted_queryset_write_to_a_counted_model() -> None:
    names = "|".join(model.__name__ for model in WATCHED)
    write = re.compile(rf"\b({names})\.objects\b.*\.(update|bulk_create|bulk_update)\(")
    found = set()
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative.startswith("demodata/writer"):
            continue  # the demo writer bulk-creates a world, then seed_demo builds every bucket
        for line in path.read_text().splitlines():
            for match in write.finditer(line):
                found.add((relative, match.group(1)))
    assert found - set(ALLOWED) == set()
