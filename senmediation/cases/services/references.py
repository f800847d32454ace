"""Numbers like MED-2026-00042 (cases) or CERT-2026-00001 (certificates): unique and gap-free per
prefix and year."""

from __future__ import annotations

from django.db import transaction

from senmediation.rules.workflow import CaseType

from ..models import ReferenceCounter

PREFIXES = {CaseType.sen_mediation: "MED", CaseType.disagreement_resolution: "DRS"}


def counter_next(*, prefix: str, year: int) -> int:
    """Takes the next number for this prefix and year. Must run inside the transaction that stores the
    numbered record: the counter row stays locked until it commits, and a rollback returns the number."""
    assert transaction.get_connection().in_atomic_block, "counter_next() needs the record's transaction"
    # Create the row if this is the year's first number; a concurrent creator's row wins quietly.
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(prefix=prefix, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def reference_next(*, case_type: CaseType, year: int) -> tuple[str, int]:
    prefix = PREFIXES[case_type]
    number = counter_next(prefix=prefix, year=year)
    return f"{prefix}-{year}-{number:05d}", number
