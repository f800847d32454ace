from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.agreements.attendance_rules import CANCELLED_BY_LABELS, CancelledBy
from senmediation.cases.models import Case, CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.cases.services.transitions import case_transition
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import Venue
from senmediation.rules.workflow import is_open, meeting_refusal, meeting_step

from .models import Booking, Meeting


def meeting_schedule(
    *, case: Case, starts_at: dt.datetime, venue: Venue | None, by: Any, notice_sent_on: dt.date | None = None,
    short_notice_agreed: bool = False, reason: str = "", ends_at: dt.datetime | None = None, online: bool = False,
) -> Meeting:
    """Arranges (or moves) the meeting as one step: the workflow's check, the meeting, the case's
    transition and the invitations succeed or fail together (invitations go once it is committed).

    Before preparation starts the meeting is only pencilled in; from then on arranging it is the
    workflow's schedule (or reschedule) step, whose guard checks the notice given. A meeting that is moved lets
    go of the rooms and interpreters booked for it (`online`: held by video even where no online venue is set).
    """
    if starts_at <= clock.now():
        raise ServiceError("The meeting must be in the future.", field="starts_at")
    refusal = meeting_refusal(state=case.state)
    if refusal is not None:
        raise ServiceError(refusal)
    with transaction.atomic():
        # Lock the case so a concurrent step cannot slip between the check and the transition.
        case = Case.objects.select_for_update().get(pk=case.pk)
        previous = case.meetings.filter(status=Meeting.Status.SCHEDULED)
        moved = previous.exists()
        if moved:
            meeting_bookings_release(meeting_ids=list(previous.values_list("pk", flat=True)))
        previous.update(status=Meeting.Status.MOVED, change_reason=reason)
        meeting = Meeting.objects.create(
            case=case, starts_at=starts_at, ends_at=ends_at, venue=venue,
            is_online=online or bool(venue and venue.is_online),
            notice_sent_on=notice_sent_on or clock.today(), short_notice_agreed=short_notice_agreed,
        )
        case_next_meeting_refresh(case)
        where = venue.name if venue else "place to be confirmed"
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Meeting {'moved to' if moved else 'set for'} {clock.local(starts_at):%-d %B %Y at %H:%M}, {where}",
            detail=reason,
        )
        step = meeting_step(case_type=case.case_type, state=case.state)
        if step is not None:
            case_transition(case=case, action=step, by=by)
        meeting_invitations_send(meeting=meeting, by=by)
    return meeting


def meeting_bookings_release(*, meeting_ids: list[int]) -> int:
    """Lets go of the rooms and interpreters held for these meetings (cancelled or moved): kept, marked released,
    so the diaries can still say what was booked."""
    return Booking.objects.filter(meeting_id__in=meeting_ids, released_at__isnull=True).update(released_at=clock.now())


def case_next_meeting_refresh(case: Case) -> None:
    """Copies the start of the case's scheduled meeting onto the case (`next_meeting_at`, null when there is none
    or the case has finished), for diaries to sort by from an index. Every service that changes a case's
    meetings calls it, in its transaction. A meeting whose time has passed stays next until it is recorded as
    held or cancelled: it is the next thing to deal with. (case_transition clears it when a case finishes.)"""
    with transaction.atomic():
        # Locked first, so a meeting arranged or cancelled at the same moment is read once it is committed.
        state = Case.objects.select_for_update().filter(pk=case.pk).values_list("state", flat=True).get()
        starts_at = (Meeting.objects.filter(case_id=case.pk, status=Meeting.Status.SCHEDULED)
                     .order_by("starts_at").values_list("starts_at", flat=True).first() if is_open(state) else None)
        Case.objects.filter(pk=case.pk).update(next_meeting_at=starts_at)
        case.next_meeting_at = starts_at


def _meeting_context(meeting: Meeting) -> dict[str, str]:
    local = clock.local(meeting.starts_at)
    place = "online (we will send the joining details)" if meeting.is_online else (
        meeting.venue.name if meeting.venue else "to be confirmed")
    return {"meeting_date": f"{local:%A %-d %B %Y}", "meeting_time": f"{local:%H:%M}", "meeting_place": place}


def _attendee_parties(case: Case) -> list[Any]:
    """Everyone invited, once each: a party with someone acting for them (SEND Regs 2014 regs 63-64) is
    invited through that person, who is a party of the case too, so they are not invited twice."""
    from senmediation.cases.correspondence import party_correspondent

    parties = list(case.parties.order_by("-is_main_contact", "id"))
    return [party for party in parties if party_correspondent(party).pk == party.pk]


def meeting_invitations_send(*, meeting: Meeting, by: Any, cancelled: bool = False) -> int:
    """An invitation (or cancellation) with an .ics attachment to every party, each the way they prefer."""
    from senmediation.directory.selectors import provider_current
    from senmediation.notifications.services import Attachment, notification_send

    from .ics import meeting_ics

    parties = _attendee_parties(meeting.case)
    ics = meeting_ics(meeting=meeting, attendees=[(p.name, p.email) for p in parties], provider=provider_current(),
                      cancelled=cancelled)
    for party in parties:
        notification_send(
            template_key="meeting_invitation", party=party, case=meeting.case, by=by,
            context=_meeting_context(meeting) | ({"meeting_place": "cancelled"} if cancelled else {}),
            attachments=[Attachment("mediation-meeting.ics", ics, "text/calendar")],
            idempotency_key=f"meeting-{meeting.pk}-{'cancel' if cancelled else 'invitation'}-{party.pk}",
        )
    return len(parties)


def meeting_cancel(
    *, meeting: Meeting, by: Any, reason: str, cancelled_by: str, today: dt.date | None = None,
) -> Meeting:
    """Calls the meeting off, recording who cancelled it and why (counted in the LA's reports), and lets go of the
    rooms and interpreters booked for it."""
    if cancelled_by not in CANCELLED_BY_LABELS:
        raise ServiceError("Choose who cancelled the meeting.", field="cancelled_by")
    if not reason.strip():
        raise ServiceError("Give the reason for cancelling the meeting.", field="reason")
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ServiceError("Only a scheduled meeting can be cancelled.")
    with transaction.atomic():
        meeting.status = Meeting.Status.CANCELLED
        meeting.change_reason = reason.strip()
        meeting.cancelled_by, meeting.cancelled_on = cancelled_by, today or clock.today()
        meeting.save(update_fields=["status", "change_reason", "cancelled_by", "cancelled_on", "updated_at"])
        meeting_bookings_release(meeting_ids=[meeting.pk])
        case_next_meeting_refresh(meeting.case)
        who = CANCELLED_BY_LABELS[CancelledBy(cancelled_by)]
        case_event_record(case=meeting.case, by=by, kind=CaseEvent.Kind.UPDATED,
                          summary=f"Meeting of {clock.local(meeting.starts_at):%-d %B %Y} cancelled by "
                                  f"{who[0].lower()}{who[1:]}: {reason.strip()}"[:300], detail=reason)
        meeting_invitations_send(meeting=meeting, by=by, cancelled=True)
    return meeting


def meeting_reminders_send(*, today: dt.date) -> int:
    """Reminds every party of a meeting held on the next working day (sent once each)."""
    from senmediation.notifications.services import notification_send
    from senmediation.rules.calendar import add_working_days

    day = add_working_days(today, 1)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=clock.LONDON)
    # Everything up to the end of the next working day (a Monday meeting is reminded on Friday).
    meetings = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gt=clock.now(), starts_at__lt=start + dt.timedelta(days=1)
    ).select_related("case", "venue")
    sent = 0
    for meeting in meetings:
        for party in _attendee_parties(meeting.case):
            notification_send(
                template_key="meeting_reminder", party=party, case=meeting.case, context=_meeting_context(meeting),
                idempotency_key=f"meeting-{meeting.pk}-reminder-{party.pk}",
            )
            sent += 1
    return sent
