"""Test helpers: a case brought to its meeting through the real services, and captured notifications."""

from __future__ import annotations

import datetime as dt
import sys
import types
from dataclasses import dataclass
from typing import Any

import pytest

from senmediation.cases.models import Case, Party
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.meetings.models import Meeting

MEETING_DAY = dt.date(2026, 12, 15)
MEETING_AT = dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC)


def case_at_meeting(*, coordinator: Any, mediator: Any, **overrides: Any) -> Case:
    """A scheduled SEN mediation case with the parent, an LA officer and a school, meeting on 15 December 2026."""
    case = case_make(by=coordinator, today=dt.date(2026, 11, 23), **overrides)
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    case_transition(case=case, action="request_mediation", by=coordinator, today=dt.date(2026, 11, 25))
    case_transition(case=case, action="notify_la", by=coordinator, today=dt.date(2026, 11, 26))
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator, today=dt.date(2026, 11, 27))
    Meeting.objects.create(case=case, starts_at=MEETING_AT, notice_sent_on=dt.date(2026, 12, 1))
    case_transition(case=case, action="schedule_meeting", by=coordinator, today=dt.date(2026, 12, 1))
    Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Jo Bloggs", organisation="Trafford Council",
                         email="jo.bloggs@example.gov.uk", preferred_contact=["email"])
    Party.objects.create(case=case, role=Party.Role.SCHOOL, name="Priya Shah", organisation="Oak Primary School",
                         email="senco@example.sch.uk", preferred_contact=["email"])
    case.refresh_from_db()
    return case


def meeting_under_way(case: Case, *, mediator: Any) -> Case:
    """The case's meeting started by its mediator at MEETING_AT, with all four ground rules confirmed: where
    the meeting record and the agreement can begin."""
    from senmediation.meetings import record

    meeting = record.meeting_for_record(case)
    assert meeting is not None
    record.meeting_session_start(meeting=meeting, by=mediator, now=MEETING_AT)
    record.ground_rules_confirm(meeting=meeting, by=mediator, confidentiality=True, respect=True, listening=True,
                                impartiality=True)
    case.refresh_from_db()
    return case


@dataclass(frozen=True)
class FakeAttachment:
    filename: str
    content: bytes
    mimetype: str


@pytest.fixture
def sent(monkeypatch: Any) -> list[dict[str, Any]]:
    """Every notification_send call. Calls through to the real notifications service when it is
    importable; otherwise (test-only) a stand-in module captures the calls."""
    calls: list[dict[str, Any]] = []
    try:
        from senmediation.notifications import services as api
    except ImportError:
        api = None
    if api is not None:
        real = api.notification_send

        def spy(**kwargs: Any) -> Any:
            calls.append(kwargs)
            return real(**kwargs)

        monkeypatch.setattr(api, "notification_send", spy)
        return calls
    return _fake(monkeypatch, calls)


@pytest.fixture
def sent_fake(monkeypatch: Any) -> list[dict[str, Any]]:
    """Captures calls without sending (for templates the notifications service does not have yet)."""
    return _fake(monkeypatch, [])


def _fake(monkeypatch: Any, calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def fake(**kwargs: Any) -> str:
        calls.append(kwargs)
        return f"fake-{len(calls)}"

    try:
        from senmediation.notifications import services as api
    except ImportError:
        api = types.ModuleType("senmediation.notifications.services")
        api.Attachment = FakeAttachment  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "senmediation.notifications.services", api)
        import senmediation.notifications as package

        monkeypatch.setattr(package, "services", api, raising=False)
    monkeypatch.setattr(api, "notification_send", fake, raising=False)
    return calls
