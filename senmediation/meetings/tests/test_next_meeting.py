"""The next meeting kept on the case (`next_meeting_at`) by every service that changes a case's meetings or ends
the case, and by the migration that fills it in; with the next deadline it gives the diary's next date, equal to
what the diary used to work out for each open case on every page (a subquery per case)."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least, TruncDate

from senmediation.cases.models import FINISHED_STATES, Case
from senmediation.cases.selectors import case_next_date
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core.clock import LONDON
from senmediation.meetings import record
from senmediation.meetings.diary import diary_cases_for
from senmediation.meetings.models import Meeting
from senmediation.meetings.services import case_next_meeting_refresh, meeting_cancel, meeting_schedule

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
MEETING_AT = dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC)


def _prepared(coordinator: Any, mediator: Any, name: str) -> Case:
    """A case whose preparation has started, with its mediator: a meeting may be arranged."""
    case = case_make(by=coordinator, today=MONDAY.date(), child_last_name=name)
    for action in ("give_information", "request_mediation", "notify_la"):
        case_transition(case=case, action=action, by=coordinator)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator)
    case.refresh_from_db()
    return case


def _next(case: Case) -> tuple[Any, Any]:
    """The case's next meeting as stored, and the next date the diary sorts it by."""
    return Case.objects.annotate(next_date=case_next_date()).values_list("next_meeting_at", "next_date").get(pk=case.pk)


def _names(mediator: Any) -> list[str]:
    return [c.child_last_name for c in diary_cases_for(user=mediator)]


@pytest.fixture
def two_cases(coordinator, mediator, time_machine) -> tuple[Case, Case]:  # type: ignore[no-untyped-def]
    time_machine.move_to(MONDAY, tick=False)
    first, second = _prepared(coordinator, mediator, "Adams"), _prepared(coordinator, mediator, "Brown")
    assert first.next_due_date == second.next_due_date == dt.date(2026, 12, 23)  # their next deadline
    assert _next(first) == (None, dt.date(2026, 12, 23))
    return first, second


def test_a_meeting_arranged_puts_its_case_first_in_the_diary(coordinator, mediator, two_cases) -> None:  # type: ignore[no-untyped-def]
    first, second = two_cases
    assert _names(mediator) == ["Adams", "Brown"]  # the same next deadline: the older case first
    meeting_schedule(case=second, starts_at=MEETING_AT, venue=None, by=coordinator)
    second.refresh_from_db()
    assert (second.state, *_next(second)) == ("scheduled", MEETING_AT, dt.date(2026, 12, 7))
    assert _names(mediator) == ["Brown", "Adams"]
    # Moved to a later day: the new one is next, the one moved from is not.
    later = dt.datetime(2026, 12, 21, 14, tzinfo=dt.UTC)
    meeting_schedule(case=second, starts_at=later, venue=None, by=coordinator, reason="The LA officer is away")
    assert _next(second) == (later, dt.date(2026, 12, 21))


def test_a_meeting_cancelled_is_cleared_and_the_next_deadline_is_next_again(coordinator, mediator, two_cases) -> None:  # type: ignore[no-untyped-def]
    first, second = two_cases
    meeting = meeting_schedule(case=second, starts_at=MEETING_AT, venue=None, by=coordinator)
    meeting_cancel(meeting=meeting, by=coordinator, reason="The parent is ill", cancelled_by="family")
    second.refresh_from_db()
    assert second.next_due_date is not None
    assert _next(second) == (None, second.next_due_date)
    assert _names(mediator) == ["Adams", "Brown"]


def test_a_meeting_held_is_cleared_and_the_deadlines_that_follow_are_next(coordinator, mediator, two_cases,  # type: ignore[no-untyped-def]
                                                                         time_machine) -> None:
    first, second = two_cases
    meeting = meeting_schedule(case=second, starts_at=MEETING_AT, venue=None, by=coordinator)
    time_machine.move_to(MEETING_AT, tick=False)
    record.meeting_session_start(meeting=meeting, by=mediator, now=MEETING_AT)
    second.refresh_from_db()
    assert second.state == "held"
    assert _next(second) == (None, dt.date(2026, 12, 10))  # the certificate, 3 working days on
    assert second.next_due_date == dt.date(2026, 12, 10)


def test_a_case_that_ends_has_no_next_meeting(coordinator, mediator, two_cases) -> None:  # type: ignore[no-untyped-def]
    first, second = two_cases
    meeting_schedule(case=second, starts_at=MEETING_AT, venue=None, by=coordinator)
    case_transition(case=second, action="withdraw", by=coordinator, note="The family settled it with the school")
    second.refresh_from_db()
    assert (second.state, second.next_meeting_at) == ("withdrawn", None)
    assert Meeting.objects.get(case=second).status == Meeting.Status.SCHEDULED  # as it was: only the case moved on
    case_next_meeting_refresh(second)  # and refreshing does not bring it back
    assert _next(second) == (None, None)


def _old_diary_values(now: dt.datetime) -> dict[int, tuple[Any, Any]]:
    """What the diary used to work out for each open case on every page: the next scheduled meeting from now,
    by a subquery per case, and the earlier of its day and the next deadline."""
    next_meeting = (Meeting.objects.filter(case=OuterRef("pk"), status=Meeting.Status.SCHEDULED, starts_at__gte=now)
                    .order_by("starts_at", "id").values("starts_at")[:1])
    day = TruncDate("old_meeting_at", tzinfo=LONDON)
    rows = (Case.objects.exclude(state__in=FINISHED_STATES).annotate(old_meeting_at=Subquery(next_meeting))
            .annotate(old_date=Least(Coalesce(day, "next_due_date", output_field=DateField()),
                                     Coalesce("next_due_date", day, output_field=DateField())))
            .values_list("pk", "old_meeting_at", "old_date"))
    return {pk: (at, day) for pk, at, day in rows}


def _stored(*, finished: bool = False) -> dict[int, tuple[Any, Any]]:
    cases = Case.objects.all() if finished else Case.objects.exclude(state__in=FINISHED_STATES)
    return {pk: (at, day) for pk, at, day in cases.annotate(next_date=case_next_date())
            .values_list("pk", "next_meeting_at", "next_date")}


@pytest.fixture
def mixed(coordinator, mediator, time_machine) -> list[Case]:  # type: ignore[no-untyped-def]
    """Cases with every mix of meetings, arranged through the services and (the rest) as rows."""
    time_machine.move_to(MONDAY, tick=False)
    arranged, moved, cancelled, held, none, late_evening, two, withdrawn = (
        _prepared(coordinator, mediator, name) for name in ("Arranged", "Moved", "Cancelled", "Held", "None",
                                                             "Evening", "Two", "Withdrawn"))
    meeting_schedule(case=arranged, starts_at=MEETING_AT, venue=None, by=coordinator)
    meeting_schedule(case=moved, starts_at=MEETING_AT, venue=None, by=coordinator)
    meeting_schedule(case=moved, starts_at=MEETING_AT + dt.timedelta(days=3), venue=None, by=coordinator)
    meeting = meeting_schedule(case=cancelled, starts_at=MEETING_AT, venue=None, by=coordinator)
    meeting_cancel(meeting=meeting, by=coordinator, reason="Snow", cancelled_by="provider")
    Meeting.objects.create(case=held, starts_at=dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC), status="held")
    # 23:30 in London's summer time is the next day there (00:30): the day is London's, not UTC's.
    Meeting.objects.create(case=late_evening, starts_at=dt.datetime(2027, 6, 1, 23, 30, tzinfo=dt.UTC))
    Meeting.objects.create(case=two, starts_at=dt.datetime(2027, 1, 12, 10, tzinfo=dt.UTC))
    Meeting.objects.create(case=two, starts_at=dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC))
    meeting_schedule(case=withdrawn, starts_at=MEETING_AT, venue=None, by=coordinator)
    case_transition(case=withdrawn, action="withdraw", by=coordinator)
    for case in (held, late_evening, two):
        case_next_meeting_refresh(case)
    return [arranged, moved, cancelled, held, none, late_evening, two, withdrawn]


def test_the_stored_values_equal_what_the_diary_used_to_work_out(mixed) -> None:  # type: ignore[no-untyped-def]
    stored = _stored(finished=True)
    assert {pk: values for pk, values in stored.items() if pk != mixed[-1].pk} == _old_diary_values(MONDAY)
    assert stored[mixed[-1].pk] == (None, None)  # withdrawn: not in the diary, and no next meeting
    by_name = {c.child_last_name: stored[c.pk] for c in mixed}
    assert by_name["Evening"] == (dt.datetime(2027, 6, 1, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 23))
    assert by_name["Two"][0] == dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC)
    assert by_name["Moved"] == (MEETING_AT + dt.timedelta(days=3), dt.date(2026, 12, 10))
    assert by_name["None"] == by_name["Cancelled"] == by_name["Held"] == (None, dt.date(2026, 12, 23))


def test_the_migration_fills_them_in_as_the_services_keep_them(mixed) -> None:  # type: ignore[no-untyped-def]
    # With no deadline, the London day of the evening meeting is the next date itself.
    evening = next(c for c in mixed if c.child_last_name == "Evening")
    Case.objects.filter(pk=evening.pk).update(next_due_date=None)
    case_next_meeting_refresh(evening)
    assert _next(evening) == (dt.datetime(2027, 6, 1, 23, 30, tzinfo=dt.UTC), dt.date(2027, 6, 2))
    kept = _stored(finished=True)
    Case.objects.update(next_meeting_at=None)
    migration = importlib.import_module("senmediation.cases.migrations.0011_case_next_meeting_at")
    # The migration's schema editor, as far as the backfill uses it (SQLite's cannot open inside a test's transaction).
    migration.backfill(apps, SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql)))
    assert _stored(finished=True) == kept
