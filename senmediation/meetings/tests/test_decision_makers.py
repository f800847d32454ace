"""Decision-makers at the table (SEND Regs 2014 reg 37(1)) and who cancelled a meeting, and why."""

import datetime as dt

import pytest

from senmediation.agreements.tests.helpers import MEETING_AT, case_at_meeting
from senmediation.core.errors import ServiceError
from senmediation.meetings import record
from senmediation.meetings.models import Meeting
from senmediation.meetings.services import meeting_cancel

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(coordinator, mediator, time_machine):
    time_machine.move_to(MEETING_AT, tick=False)
    return case_at_meeting(coordinator=coordinator, mediator=mediator)


@pytest.mark.parametrize("role", ["la_decision_maker", "icb"])
def test_an_la_or_icb_attendee_needs_an_answer_about_authority(case, mediator, role: str) -> None:
    meeting = record.meeting_for_record(case)
    with pytest.raises(ServiceError) as refusal:
        record.attendance_add(meeting=meeting, by=mediator, name="Pat Lead", role=role)
    assert (refusal.value.message, refusal.value.field) == (
        "Say whether they had authority to agree to resolve the issues", "has_authority")
    assert not meeting.attendances.exists()


def test_the_answer_is_stored_per_attendance_and_on_the_timeline(case, mediator) -> None:
    meeting = record.meeting_for_record(case)
    officer = case.parties.get(role="la_officer")
    record.attendance_add(meeting=meeting, by=mediator, name="", role="la_decision_maker", party=officer,
                          has_authority=False)
    record.attendance_add(meeting=meeting, by=mediator, name="Pat Lead", role="la_decision_maker", has_authority=True)
    # Not asked of the family: an answer given by mistake is not stored.
    record.attendance_add(meeting=meeting, by=mediator, name="", role="parent",
                          party=case.parties.get(role="parent"), has_authority=True)
    assert list(meeting.attendances.values_list("name", "has_authority")) == [
        (officer.name, False), ("Pat Lead", True), ("Ravi Patel", None)]
    summaries = list(case.events.filter(summary__startswith="At the meeting:").order_by("id")
                     .values_list("summary", flat=True))
    assert summaries == [
        f"At the meeting: {officer.name} (Local authority decision-maker), without authority to agree to resolve "
        "the issues",
        "At the meeting: Pat Lead (Local authority decision-maker), with authority to agree to resolve the issues",
        "At the meeting: Ravi Patel (Parent or carer)",
    ]


def test_the_attendance_form_shows_the_error_next_to_the_question(case, mediator_client) -> None:
    response = mediator_client.post(f"/staff/cases/{case.reference}/agreement/meeting/attendance/",
                                    {"att-name": "Pat Lead", "att-role": "icb"})
    assert response.status_code == 400
    html = response.content.decode()
    assert ('<p id="id_att-has_authority-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
            "Error:</span> Say whether they had authority to agree to resolve the issues") in html


def test_a_cancellation_records_who_and_why_on_the_timeline(case, coordinator) -> None:
    meeting = Meeting.objects.create(case=case, starts_at=dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC))
    with pytest.raises(ServiceError) as refusal:
        meeting_cancel(meeting=meeting, by=coordinator, reason="Officer ill", cancelled_by="")
    assert (refusal.value.message, refusal.value.field) == ("Choose who cancelled the meeting.", "cancelled_by")
    with pytest.raises(ServiceError) as refusal:
        meeting_cancel(meeting=meeting, by=coordinator, reason=" ", cancelled_by="la")
    assert (refusal.value.message, refusal.value.field) == ("Give the reason for cancelling the meeting.", "reason")
    meeting_cancel(meeting=meeting, by=coordinator, reason="The officer with authority is ill", cancelled_by="la",
                   today=dt.date(2027, 2, 22))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_by, meeting.cancelled_on) == ("cancelled", "la", dt.date(2027, 2, 22))
    assert case.events.filter(
        summary="Meeting of 1 March 2027 cancelled by the local authority: The officer with authority is ill").exists()
