"""The meeting record: attendance checked against reg 38, ground rules, sessions and issue outcomes."""

import datetime as dt

import pytest

from senmediation.agreements.tests.helpers import MEETING_AT, case_at_meeting
from senmediation.cases.services.transitions import case_transition
from senmediation.core.errors import ServiceError
from senmediation.meetings import record
from senmediation.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(coordinator, mediator, time_machine):
    time_machine.move_to(MEETING_AT, tick=False)
    return case_at_meeting(coordinator=coordinator, mediator=mediator)


def test_attendance_is_checked_against_who_may_attend(case, mediator) -> None:
    meeting = record.meeting_for_record(case)
    parent = case.parties.get(role="parent")
    record.attendance_add(meeting=meeting, by=mediator, name="", role="parent", party=parent)
    record.attendance_add(meeting=meeting, by=mediator, name="Ann Advocate", role="supporter")
    with pytest.raises(ServiceError, match="second one may attend only"):
        record.attendance_add(meeting=meeting, by=mediator, name="Bob Friend", role="supporter")
    record.attendance_add(meeting=meeting, by=mediator, name="Bob Friend", role="supporter", consent_recorded=True,
                          consent_note="All parties agreed")
    with pytest.raises(ServiceError, match="parent and the mediator"):
        record.attendance_add(meeting=meeting, by=mediator, name="Sam Patel", role="child")
    school = case.parties.get(role="school")
    with pytest.raises(ServiceError, match="consent of all the parties"):
        record.attendance_add(meeting=meeting, by=mediator, name="", role="school", party=school)
    names = list(meeting.attendances.values_list("name", flat=True))
    assert names == ["Ravi Patel", "Ann Advocate", "Bob Friend"]
    assert case.events.filter(summary__startswith="At the meeting: Bob Friend").exists()
    with pytest.raises(ServiceError, match="name"):
        record.attendance_add(meeting=meeting, by=mediator, name=" ", role="other", consent_recorded=True)


def test_ground_rules_count_only_when_all_four_are_confirmed(case, mediator) -> None:
    meeting = record.meeting_for_record(case)
    assert not record.ground_rules_confirmed(meeting)
    record.ground_rules_confirm(meeting=meeting, by=mediator, confidentiality=True, respect=True, listening=True,
                                impartiality=False)
    assert not record.ground_rules_confirmed(meeting)
    record.ground_rules_confirm(meeting=meeting, by=mediator, confidentiality=True, respect=True, listening=True,
                                impartiality=True)
    assert record.ground_rules_confirmed(meeting)


def test_the_first_session_holds_the_meeting_and_an_adjourned_one_continues(case, mediator) -> None:
    meeting = record.meeting_for_record(case)
    first = record.meeting_session_start(meeting=meeting, by=mediator, now=MEETING_AT)
    case.refresh_from_db()
    assert case.state == "held"
    held = case.deadlines.get(clock="mediation_held")
    assert held.met_on == dt.date(2026, 12, 15)
    assert case.deadlines.get(clock="certificate_after_mediation").due_date == dt.date(2026, 12, 18)
    with pytest.raises(ServiceError, match="already running"):
        record.meeting_session_start(meeting=meeting, by=mediator, now=MEETING_AT)
    record.meeting_session_end(meeting=meeting, by=mediator, adjourned=True, note="Break for lunch",
                               now=MEETING_AT + dt.timedelta(hours=2))
    first.refresh_from_db()
    assert first.adjourned and first.note == "Break for lunch"
    record.meeting_session_start(meeting=meeting, by=mediator, now=MEETING_AT + dt.timedelta(hours=3))
    record.meeting_session_end(meeting=meeting, by=mediator, now=MEETING_AT + dt.timedelta(hours=4))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.ends_at == MEETING_AT + dt.timedelta(hours=4)
    assert record.meeting_for_record(case) == meeting
    assert meeting.sessions.count() == 2
    assert case.events.filter(action="hold_meeting").count() == 1
    with pytest.raises(ServiceError, match="No session"):
        record.meeting_session_end(meeting=meeting, by=mediator)


def test_issue_outcomes_are_recorded(case, mediator) -> None:
    issue = case.issues.get()
    record.issue_outcome_set(issue=issue, outcome="partly", by=mediator)
    issue.refresh_from_db()
    assert issue.outcome == "partly"
    with pytest.raises(ServiceError):
        record.issue_outcome_set(issue=issue, outcome="maybe", by=mediator)


def test_a_withdrawn_case_cannot_change(case, coordinator, mediator) -> None:
    case_transition(case=case, action="withdraw", by=coordinator, today=dt.date(2026, 12, 15))
    case.refresh_from_db()
    meeting = record.meeting_for_record(case)
    with pytest.raises(ServiceError, match="ended"):
        record.meeting_session_start(meeting=meeting, by=mediator)
    with pytest.raises(ServiceError, match="ended"):
        record.attendance_add(meeting=meeting, by=mediator, name="A", role="parent")


EARLY = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)  # 13 days before the meeting on 15 December
NOT_BEFORE_ITS_DAY = (
    "The meeting is booked for Tuesday 15 December 2026, so it cannot start (or be recorded as held) before "
    "that day. If everyone really is meeting early, a manager can start it, giving the reason."
)


def test_a_meeting_cannot_start_before_its_day(case, mediator) -> None:
    meeting = record.meeting_for_record(case)
    with pytest.raises(ServiceError) as refused:
        record.meeting_session_start(meeting=meeting, by=mediator, now=EARLY)
    assert refused.value.message == NOT_BEFORE_ITS_DAY
    case.refresh_from_db()
    meeting.refresh_from_db()
    assert case.state == "scheduled" and meeting.status == Meeting.Status.SCHEDULED
    assert meeting.sessions.count() == 0
    with pytest.raises(ServiceError) as not_a_manager:
        record.meeting_session_start(meeting=meeting, by=mediator, now=EARLY, early_reason="Everyone is free")
    assert not_a_manager.value.message == "Only a manager can start a meeting before its booked day."


def test_a_manager_may_start_a_meeting_early_with_a_reason_on_the_timeline(case, manager) -> None:
    meeting = record.meeting_for_record(case)
    with pytest.raises(ServiceError) as no_reason:
        record.meeting_session_start(meeting=meeting, by=manager, now=EARLY, early_reason="  ")
    assert no_reason.value.message == NOT_BEFORE_ITS_DAY
    record.meeting_session_start(meeting=meeting, by=manager, now=EARLY,
                                 early_reason="The family and the LA asked to bring it forward")
    case.refresh_from_db()
    assert case.state == "held"
    assert case.deadlines.get(clock="mediation_held").met_on == dt.date(2026, 12, 2)
    held = case.events.get(action="hold_meeting")
    assert held.detail == "The family and the LA asked to bring it forward"
    started = case.events.filter(summary__startswith="Meeting started").get()
    assert started.summary == (
        "Meeting started at 10:00 on 2 December 2026, before its booked day (15 December 2026), by a manager"
    )
    assert started.detail == "The family and the LA asked to bring it forward"


def test_the_case_page_cannot_record_a_meeting_as_held_before_its_day(case, coordinator, time_machine) -> None:
    time_machine.move_to(EARLY, tick=False)
    with pytest.raises(ServiceError) as refused:
        case_transition(case=case, action="hold_meeting", by=coordinator)
    assert str(refused.value.message) == NOT_BEFORE_ITS_DAY
    case.refresh_from_db()
    assert case.state == "scheduled"
