"""PostgreSQL reads a page of a diary in the order of its index, stopping at the page's end, instead of sorting
every open case of the person first (docs/performance.md: 40,000 open cases a mediator at 1,000,000 cases)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senmediation.cases.models import Case
from senmediation.cases.selectors import my_cases_for
from senmediation.directory.models import LocalAuthority
from senmediation.meetings.diary import DiaryOf, diary_cases_for, diary_finished_for

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")]
OPEN_EACH = 3_000


def _cases(mediator: object, coordinator: object) -> None:
    """Thousands of cases for each of two people, most open, with deadlines over a year and some meetings."""
    la = LocalAuthority.objects.get(gss_code="E08000009")
    rng = random.Random(7)
    rows = []
    for n in range(4 * OPEN_EACH):
        finished = n % 4 == 3
        rows.append(Case(
            reference=f"MED-2026-{n + 1:05d}", reference_year=2026, reference_number=n + 1, local_authority=la,
            child_first_name="Sam", child_last_name=f"Case{n}", opened_on=dt.date(2026, 1, 1),
            state="closed" if finished else "preparing", closed_on=dt.date(2026, 6, 1) if finished else None,
            mediator=mediator if n % 2 else None, coordinator=coordinator if n % 3 else None,
            next_due_date=None if finished or rng.random() < 0.2 else dt.date(2026, 12, 1) + dt.timedelta(rng.randrange(365)),
            next_meeting_at=None if finished or rng.random() < 0.9 else dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC)
            + dt.timedelta(days=rng.randrange(90)),
        ))
    Case.objects.bulk_create(rows, batch_size=2_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")


def _plan(queryset: object) -> str:
    return str(queryset.explain())  # type: ignore[attr-defined]


def test_a_page_of_open_cases_is_read_in_index_order_without_a_sort(mediator, coordinator) -> None:  # type: ignore[no-untyped-def]
    _cases(mediator, coordinator)
    for of, index in ((DiaryOf.MEDIATOR, "case_mediator_open"), (DiaryOf.COORDINATOR, "case_coordinator_open")):
        user = mediator if of is DiaryOf.MEDIATOR else coordinator
        for offset in (0, 50 * 19):  # the first page and the twentieth
            plan = _plan(diary_cases_for(user=user, of=of)[offset: offset + 51])
            assert f"Index Scan using {index} on cases_case" in plan, plan
            assert "Sort" not in plan, plan
    for of, index in ((DiaryOf.MEDIATOR, "case_mediator_finished"),
                      (DiaryOf.COORDINATOR, "case_coordinator_finished")):
        user = mediator if of is DiaryOf.MEDIATOR else coordinator
        plan = _plan(diary_finished_for(user=user, of=of)[:51])
        assert f"Index Scan using {index} on cases_case" in plan and "Sort" not in plan, plan


def test_a_mediators_dashboard_reads_their_first_cases_from_the_same_index(mediator, coordinator) -> None:  # type: ignore[no-untyped-def]
    _cases(mediator, coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert len(my_cases_for(user=mediator)) == 20
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using case_mediator_open on cases_case" in plan and "Sort" not in plan, plan
