from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.cases.models import Case, CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import Venue

from .models import Meeting


def meeting_schedule(
    *, case: Case, starts_at: dt.datetime, venue: Venue | None, by: Any, notice_sent_on: dt.date | None = None,
    short_notice_agreed: bool = False, reason: str = "",
) -> Meeting:
    """Proposes (or moves) the meeting. The workflow's guard checks notice when the step is taken."""
    if starts_at <= clock.now():
        raise ServiceError("The meeting must be in the future.", field="starts_at")
    with transaction.atomic():
        previous = case.meetings.filter(status=Meeting.Status.SCHEDULED)
        moved = previous.exists()
        previous.update(status=Meeting.Status.MOVED, change_reason=reason)
        meeting = Meeting.objects.create(
            case=case, starts_at=starts_at, venue=venue, is_online=bool(venue and venue.is_online),
            notice_sent_on=notice_sent_on or clock.today(), short_notice_agreed=short_notice_agreed,
        )
        where = venue.name if venue else "place to be confirmed"
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Meeting {'moved to' if moved else 'set for'} {clock.local(starts_at):%-d %B %Y at %H:%M}, {where}",
            detail=reason,
        )
    return meeting
