"""References stay unique and gap-free when many cases are opened at once (PostgreSQL row locks;
SQLite serialises writers with BEGIN IMMEDIATE)."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connection

from senmediation.cases.models import Case

from .factories import case_make

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_case_open_never_duplicates_or_skips_a_reference(reference_data) -> None:
    workers = 8 if connection.vendor == "postgresql" else 4
    per_worker = 5

    def open_some(_: int) -> list[str]:
        try:
            return [case_make(today=dt.date(2026, 6, 1)).reference for _ in range(per_worker)]
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        refs = [ref for batch in pool.map(open_some, range(workers)) for ref in batch]
    total = workers * per_worker
    assert len(refs) == len(set(refs)) == total
    numbers = sorted(Case.objects.values_list("reference_number", flat=True))
    assert numbers == list(range(1, total + 1))
