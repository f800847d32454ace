"""What the workflow needs to know about a case's meeting, registered with cases.facts at start-up (apps.py)."""

from __future__ import annotations

from typing import Any

from senmediation.cases.models import Case
from senmediation.core import clock

from .models import Meeting


def meeting_current_for_case(case: Case) -> Meeting | None:
    """The case's scheduled meeting: the latest booked if there is more than one."""
    return case.meetings.filter(status=Meeting.Status.SCHEDULED).select_related("venue").order_by("-starts_at").first()


def meeting_case_facts(case: Case, *, meeting: Meeting | None) -> dict[str, Any]:
    """The meeting's day and the notice sent for it, which decide whether it may be held now."""
    return {
        "meeting_scheduled": meeting is not None,
        "meeting_date": clock.local(meeting.starts_at).date() if meeting else None,
        "notice_sent_on": meeting.notice_sent_on if meeting else None,
        "short_notice_agreed": meeting.short_notice_agreed if meeting else False,
    }
