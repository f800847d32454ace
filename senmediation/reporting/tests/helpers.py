"""Builds the stored facts behind each figure directly (test-only): cases, events, clocks, certificates."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from senmediation.accounts.models import User
from senmediation.cases.models import Case, CaseEvent, Deadline
from senmediation.core.clock import LONDON
from senmediation.directory.models import LocalAuthority
from senmediation.documents.models import Certificate

_numbers = itertools.count(1)


def trafford() -> LocalAuthority:
    return LocalAuthority.objects.get(gss_code="E08000009")


def other_la() -> LocalAuthority:
    return LocalAuthority.objects.exclude(gss_code="E08000009").order_by("pk").first()  # type: ignore[return-value]


def case_row(*, la: LocalAuthority | None = None, opened_on: dt.date = dt.date(2026, 2, 10), **fields: Any) -> Case:
    n = next(_numbers)
    values: dict[str, Any] = {"child_first_name": "Test", "child_last_name": f"Child{n}"} | fields
    return Case.objects.create(reference=f"T-{n:06d}", reference_year=2026, reference_number=n,
                               local_authority=la or trafford(), opened_on=opened_on, **values)


def event(case: Case, to_state: str, on: dt.date, *, from_state: str = "") -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, at=dt.datetime.combine(on, dt.time(12), LONDON), kind=CaseEvent.Kind.TRANSITION,
        from_state=from_state, to_state=to_state, summary="test",
    )


def clock(case: Case, name: str, *, start: dt.date, due: dt.date, met: dt.date | None) -> Deadline:
    return Deadline.objects.create(case=case, clock=name, start_date=start, due_date=due, met_on=met)


def certificate(case: Case, kind: str, issued_on: dt.date, *, by: User, supersedes: Certificate | None = None
                ) -> Certificate:
    n = next(_numbers)
    return Certificate.objects.create(
        number=f"CERT-T-{n}", number_year=2026, number_sequence=n, case=case, kind=kind, person_name="P",
        person_role="parent", child_name="C", local_authority=case.local_authority,
        local_authority_name=case.local_authority.name, issued_on=issued_on, issued_by=by,
        provider_name="Provider", file="certificates/none.pdf", sha256="0" * 64,
        version=2 if supersedes else 1, supersedes=supersedes,
    )
