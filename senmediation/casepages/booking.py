"""Booking a proposed time in one step: the mediator (when none is assigned yet), the meeting, the room and
interpreter bookings, the workflow's step and the invitations succeed or fail together, through the existing
scheduling service (meetings.services.meeting_schedule). Cancelling lets the bookings go and the page then
proposes again.

A clash cannot be booked: inside the transaction the case, the mediator, the room and the interpreters are
locked (SELECT ... FOR UPDATE on PostgreSQL, always in that order so that two bookings cannot deadlock), and the
chosen slot is checked again against every hard rule with what is committed by then. A second request for the
same room, interpreter or mediator waits for the first to commit and then finds the time taken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from senmediation.accounts.models import User
from senmediation.cases.models import Case, CaseEvent
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import Interpreter, Room
from senmediation.meetings.models import Booking, Meeting
from senmediation.meetings.services import meeting_schedule
from senmediation.rules.deadlines import MEETING_NOTICE_WORKING_DAYS
from senmediation.rules.proposals import Mode, check_slot
from senmediation.rules.workflow import meeting_refusal

from .proposals_data import Options, aware, online_venue, proposals_gather


@dataclass(frozen=True)
class Choice:
    """The proposal a coordinator chose: its local start, the mediator, the room (None: by video), the helpers."""

    starts_at: dt.datetime
    mediator_id: int
    room_id: int | None = None
    helper_ids: tuple[int, ...] = ()


def _lock(choice: Choice) -> None:
    list(User.objects.select_for_update().filter(pk=choice.mediator_id).values_list("pk", flat=True))
    if choice.room_id is not None:
        list(Room.objects.select_for_update().filter(pk=choice.room_id).values_list("pk", flat=True))
    if choice.helper_ids:
        list(Interpreter.objects.select_for_update().filter(pk__in=choice.helper_ids).order_by("pk")
             .values_list("pk", flat=True))


def _same_meeting(case: Case, choice: Choice) -> Meeting | None:
    """The case's meeting already booked for exactly this choice (a second click), if there is one."""
    meeting = case.meetings.filter(status=Meeting.Status.SCHEDULED, starts_at=aware(choice.starts_at)).first()
    if meeting is None or case.mediator_id != choice.mediator_id:
        return None
    held: set[tuple[int | None, int | None]] = set(
        Booking.objects.filter(meeting=meeting, released_at__isnull=True).values_list("room_id", "interpreter_id"))
    wanted: set[tuple[int | None, int | None]] = {(choice.room_id, None)} if choice.room_id else set()
    wanted |= {(None, helper) for helper in choice.helper_ids}
    return meeting if held == wanted else None


def proposal_book(*, case: Case, choice: Choice, options: Options, by: Any, today: dt.date | None = None) -> Meeting:
    """Books the chosen proposal, or refuses with the rule that now rules it out (ServiceError)."""
    refusal = meeting_refusal(state=case.state)
    if refusal is not None:
        raise ServiceError(refusal)
    today = today or clock.today()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("mediator").get(pk=case.pk)
        _lock(choice)
        already = _same_meeting(case, choice)
        if already is not None:
            return already
        gathered = proposals_gather(case=case, today=today, options=options, beyond_window=True)
        req = gathered.request
        narrowed = replace(
            req, mediators=tuple(m for m in req.mediators if m.key == choice.mediator_id),
            rooms=tuple(r for r in req.rooms if r.key == choice.room_id),
            helpers=tuple(h for h in req.helpers if h.key in choice.helper_ids),
            mode=Mode.VIDEO if choice.room_id is None else Mode.IN_PERSON)
        if not narrowed.mediators:
            raise ServiceError("That mediator cannot take this case. Choose another time.")
        if choice.room_id is not None and not narrowed.rooms:
            raise ServiceError("That room is no longer offered for this case. Choose another time.")
        checked = check_slot(narrowed, choice.starts_at)
        if isinstance(checked, str):
            raise ServiceError(f"That time can no longer be booked: {checked}. Choose another time.")
        mediator = gathered.mediators[choice.mediator_id]
        if case.mediator_id != mediator.pk:
            case_mediator_assign(case=case, mediator=mediator, by=by, today=today)
        room = gathered.rooms.get(choice.room_id) if choice.room_id is not None else None
        starts, ends = aware(checked.starts), aware(checked.ends)
        meeting = meeting_schedule(
            case=case, starts_at=starts, ends_at=ends, venue=room.venue if room else online_venue(),
            online=room is None, by=by, notice_sent_on=req.sent_on,
            short_notice_agreed=checked.notice_working_days < MEETING_NOTICE_WORKING_DAYS,
            reason="Booked from the proposed times")
        bookings = [Booking(meeting=meeting, room=room, starts_at=starts, ends_at=ends, booked_by=by)] if room else []
        bookings += [Booking(meeting=meeting, interpreter=gathered.helpers[helper.key], starts_at=starts, ends_at=ends,
                             booked_by=by) for _, helper in checked.helpers]
        Booking.objects.bulk_create(bookings)
        held = [f"{room.name}, {room.venue.name}"] if room else ["by video"]
        held += [f"{helper.name} ({need.label})" for need, helper in checked.helpers]
        case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED,
                          summary=f"Booked for the meeting: {'; '.join(held)}"[:300])
    return meeting
