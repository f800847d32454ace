"""The provider's retention period for case records, and what it still keeps.

UK GDPR art. 5(1)(e) (storage limitation): personal data are kept no longer than necessary. Applying
the period to cases (removing their personal details) needs the case domain, so it lives above it,
in `records/retention.py`; this module holds the period itself, which lower apps (the portal's
documents links) read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import Signal

from senmediation.rules.calendar import add_months

from .models import RetentionPolicy

DEFAULT_YEARS = 6

# Sent by `records.retention.case_anonymise` once a case's personal details are removed. Defined here,
# below the case domain, so that any app can connect to clear what it holds about a case (files,
# messages, portal links) without importing the package that sends it.
case_anonymised = Signal()  # sender=Case model, case=<Case>


def retention_years(record_type: str = RetentionPolicy.RecordType.CASE) -> int:
    policy = RetentionPolicy.objects.filter(record_type=record_type).first()
    return policy.years if policy else DEFAULT_YEARS


def retention_cutoff(*, today: dt.date, years: int) -> dt.date:
    """Cases closed before this date have been kept longer than `years` whole years."""
    return add_months(today, -12 * years)


def case_documents_kept(case: Any, *, today: dt.date) -> bool:
    """Whether the retention rules still keep this case's documents (certificates, agreement, letters):
    until its personal details are removed, which `records.retention.retention_apply` does to a case
    closed before the cutoff. An open case's documents are kept."""
    if case.anonymised_at is not None:
        return False
    if case.closed_on is None:
        return True
    return bool(case.closed_on >= retention_cutoff(today=today, years=retention_years()))
