"""Case references like MED-2026-00042: unique and gap-free per prefix and year."""

from __future__ import annotations

from django.db import transaction

from senmediation.rules.workflow import CaseType

from ..models import ReferenceCounter

PREFIXES = {CaseType.sen_mediation: "MED", CaseType.disagreement_resolution: "DRS"}


def reference_next(*, case_type: CaseType, year: int) -> tuple[str, int]:
    """Takes the next number for this type and year. Must run inside the transaction that creates the
    case: the counter row stays locked until it commits, and a rollback returns the number."""
    assert transaction.get_connection().in_atomic_block, "reference_next() needs the case's transaction"
    prefix = PREFIXES[case_type]
    # Create the row if this is the year's first case; a concurrent creator's row wins quietly.
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(prefix=prefix, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{counter.last_number:05d}", counter.last_number
