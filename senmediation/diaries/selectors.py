"""What a diary shows and who may see it.

Who sees what: coordinators and managers see every mediator's, room's and interpreter's diary; a mediator sees
only their own (anyone else's is "not found", as another mediator's case is); nobody else sees any.

Cost: a diary is one person's (or room's, or interpreter's) meetings in one week or month, read through the
meetings' `starts_at` index (`meeting_starts_at`), so the rows read are that period's meetings, whatever the
number of cases; availability and leave are one query each on their (mediator, day) keys. A page is a fixed
number of queries (the person, the meetings, the availability, the leave), whatever the period holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, user_roles
from senmediation.directory.models import Interpreter, MediatorAvailability, MediatorLeave, Room
from senmediation.meetings.ics import DEFAULT_LENGTH
from senmediation.meetings.models import Booking, Meeting
from senmediation.rules.calendar import bank_holiday_name
from senmediation.rules.diary import DiaryPeriod, clashing

OFFICE = frozenset({Role.COORDINATOR, Role.MANAGER})
# Meetings that take up time in a diary: those still to come and those held. Cancelled and moved ones have
# given their time back.
IN_DIARY = (Meeting.Status.SCHEDULED, Meeting.Status.HELD)
MAX_LISTED = 500  # people listed on the diaries page; a provider has tens of mediators, never this many


def sees_all_diaries(user: Any) -> bool:
    return bool(user_roles(user) & OFFICE)


def mediators_listed() -> QuerySet[User]:
    """Every active mediator, by name (the diaries page's list)."""
    return (User.objects.filter(groups__name=Role.MEDIATOR.value, is_active=True)
            .only("id", "username", "first_name", "last_name").order_by("last_name", "first_name", "id"))


def mediator_for_diary(*, viewer: Any, mediator_id: int) -> User | None:
    """The mediator whose diary `viewer` asked for, or None where it does not exist or is not theirs to see."""
    if not sees_all_diaries(viewer) and viewer.pk != mediator_id:
        return None
    if viewer.pk == mediator_id and Role.MEDIATOR in user_roles(viewer):
        return viewer  # type: ignore[no-any-return]
    return mediators_listed().filter(pk=mediator_id).first()


@dataclass(frozen=True)
class Entry:
    """One meeting in a diary, with only what a diary needs: the case reference, never the family's names."""

    key: int  # the meeting's id in a mediator's diary, the booking's in a room's or an interpreter's
    case_reference: str  # empty for a room or interpreter booked by someone else
    starts_at: dt.datetime  # local time
    ends_at: dt.datetime
    place: str
    held: bool
    clash: bool = False
    who: str = ""  # the mediator, in a room's or interpreter's diary; interpreters or advocates, in a mediator's
    outside_availability: str = ""  # why the mediator should not have been booked then, if so


@dataclass(frozen=True)
class Day:
    day: dt.date
    closed: str  # "Saturday", "Christmas Day": a day no meeting is normally held on; empty on a working day
    availability: str  # the mediator's, in words; empty outside a mediator's diary
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Diary:
    whose: str  # "Sam Patel", "Room 2, Altrincham Centre"
    period: DiaryPeriod
    days: list[Day]
    meetings: int
    clashes: int

    @property
    def busy_days(self) -> list[Day]:
        return [day for day in self.days if day.entries]


def meeting_place(meeting: Meeting) -> str:
    """Where a meeting is, as a diary or calendar feed names it: the venue, or that it is online."""
    venue = meeting.venue
    if meeting.is_online or (venue is not None and venue.is_online):
        return "Online" if venue is None else f"Online ({venue.name})"
    if venue is None:
        return "Place not set yet"
    return ", ".join(part for part in [venue.name, venue.address.replace("\n", ", "), venue.postcode] if part)


def meeting_end(meeting: Meeting) -> dt.datetime:
    return meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH


def _period_bounds(period: DiaryPeriod) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes in the service's time zone, from the first day's midnight to the day
    after the last."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def meetings_in(period: DiaryPeriod) -> QuerySet[Meeting]:
    """The meetings that take up time in the period, earliest first, with the case's reference and the venue."""
    start, end = _period_bounds(period)
    return (Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end, status__in=IN_DIARY)
            .select_related("venue", "case").only(
                "id", "starts_at", "ends_at", "is_online", "status", "case__id", "case__reference",
                "case__mediator_id", "venue__id", "venue__name", "venue__address", "venue__postcode",
                "venue__is_online")
            .order_by("starts_at", "id"))


def _closed(day: dt.date) -> str:
    if day.weekday() >= 5:
        return f"{day:%A}"
    return bank_holiday_name(day) or ""


def availability_words(row: MediatorAvailability | None) -> str:
    if row is None:
        return "Not recorded"
    if not row.available:
        return "Not available"
    if row.from_time and row.to_time:
        return f"Available {row.from_time:%H:%M} to {row.to_time:%H:%M}"
    if row.from_time:
        return f"Available from {row.from_time:%H:%M}"
    if row.to_time:
        return f"Available until {row.to_time:%H:%M}"
    return "Available all day"


def _outside(row: MediatorAvailability | None, on_leave: bool, start: dt.datetime, end: dt.datetime) -> str:
    """Why a meeting falls outside what the mediator said they could do; empty when it does not."""
    if on_leave:
        return "Booked while the mediator is on leave"
    if row is None:
        return ""
    if not row.available:
        return "Booked on a day the mediator said they are not available"
    if (row.from_time and start.time() < row.from_time) or (row.to_time and end.time() > row.to_time):
        return "Booked outside the hours the mediator gave"
    return ""


def leave_days(leave: list[MediatorLeave], period: DiaryPeriod) -> frozenset[dt.date]:
    return frozenset(day for day in period.days for away in leave if away.starts_on <= day <= away.ends_on)


def mediator_diary(*, mediator: User, period: DiaryPeriod) -> Diary:
    """A mediator's meetings in the period, day by day, with what they said of their time each day (their
    availability, and leave, whose reason is not shown) and any clash: two of their meetings at once, or a
    meeting when they said they could not come."""
    meetings = list(meetings_in(period).filter(case__mediator_id=mediator.pk))
    availability = {row.day: row for row in MediatorAvailability.objects.filter(
        mediator_id=mediator.pk, day__gte=period.first, day__lte=period.last)}
    away = leave_days(list(MediatorLeave.objects.filter(
        mediator_id=mediator.pk, ends_on__gte=period.first, starts_on__lte=period.last).only(
        "id", "starts_on", "ends_on").order_by()), period)
    times = {m.pk: (timezone.localtime(m.starts_at), timezone.localtime(meeting_end(m))) for m in meetings}
    clashes = clashing((pk, start, end) for pk, (start, end) in times.items())
    rooms, helpers = _booked_for([m.pk for m in meetings])
    entries = []
    for meeting in meetings:
        start, end = times[meeting.pk]
        place = meeting_place(meeting)
        entries.append(Entry(
            key=meeting.pk, case_reference=meeting.case.reference, starts_at=start, ends_at=end,
            place=f"{rooms[meeting.pk]}, {place}" if meeting.pk in rooms else place,
            held=meeting.status == Meeting.Status.HELD, clash=meeting.pk in clashes,
            who=f"With {' and '.join(helpers[meeting.pk])}" if helpers.get(meeting.pk) else "",
            outside_availability=_outside(availability.get(start.date()), start.date() in away, start, end)))
    words = {day: "On leave" if day in away else availability_words(availability.get(day)) for day in period.days}
    return _diary(whose=str(mediator), period=period, entries=entries, availability=words)


def _booked_for(meeting_ids: list[int]) -> tuple[dict[int, str], dict[int, list[str]]]:
    """The room held for each meeting, and the interpreters or advocates, in one query."""
    rooms: dict[int, str] = {}
    helpers: dict[int, list[str]] = defaultdict(list)
    if not meeting_ids:
        return rooms, helpers
    for booking in (Booking.objects.filter(meeting_id__in=meeting_ids, released_at__isnull=True)
                    .select_related("room", "interpreter").order_by("id")
                    .only("id", "meeting_id", "room__id", "room__name", "interpreter__id", "interpreter__name",
                          "interpreter__kind")):
        meeting_id = int(booking.meeting_id or 0)
        if booking.room is not None:
            rooms[meeting_id] = booking.room.name
        elif booking.interpreter is not None:
            helpers[meeting_id].append(f"{booking.interpreter.name} ({booking.interpreter.get_kind_display().lower()})")
    return rooms, helpers


def _bookings(period: DiaryPeriod) -> QuerySet[Booking]:
    start, end = _period_bounds(period)
    return (Booking.objects.filter(released_at__isnull=True, starts_at__gte=start, starts_at__lt=end)
            .select_related("meeting__case__mediator", "meeting__venue").order_by("starts_at", "id"))


def _booking_entries(bookings: list[Booking]) -> list[Entry]:
    """A room's or an interpreter's held bookings: our meetings (with their case and mediator), and time taken
    by someone else (its note)."""
    times = {b.pk: (timezone.localtime(b.starts_at), timezone.localtime(b.ends_at)) for b in bookings}
    clashes = clashing((pk, start, end) for pk, (start, end) in times.items())
    entries = []
    for booking in bookings:
        start, end = times[booking.pk]
        meeting = booking.meeting
        if meeting is None:
            entries.append(Entry(key=booking.pk, case_reference="", starts_at=start, ends_at=end,
                                 place=booking.note or "Booked, not for one of our meetings", held=False,
                                 clash=booking.pk in clashes))
            continue
        entries.append(Entry(
            key=booking.pk, case_reference=meeting.case.reference, starts_at=start, ends_at=end,
            place=meeting_place(meeting), held=meeting.status == Meeting.Status.HELD, clash=booking.pk in clashes,
            who=f"Mediator: {meeting.case.mediator}" if meeting.case.mediator_id else "No mediator yet"))
    return entries


def room_for_diary(room_id: int) -> Room | None:
    return Room.objects.select_related("venue").filter(pk=room_id).first()


def interpreter_for_diary(interpreter_id: int) -> Interpreter | None:
    return Interpreter.objects.filter(pk=interpreter_id).first()


def room_diary(*, room: Room, period: DiaryPeriod) -> Diary:
    bookings = list(_bookings(period).filter(room_id=room.pk))
    return _diary(whose=str(room), period=period, entries=_booking_entries(bookings), availability={})


def interpreter_diary(*, interpreter: Interpreter, period: DiaryPeriod) -> Diary:
    """An interpreter's bookings; days outside the weekdays they work are marked."""
    bookings = list(_bookings(period).filter(interpreter_id=interpreter.pk))
    works = frozenset(int(day) for day in interpreter.weekdays or [])
    words = {day: "" if day.weekday() in works else "Does not usually work this day" for day in period.days}
    return _diary(whose=interpreter.name, period=period, entries=_booking_entries(bookings), availability=words)


def rooms_listed() -> QuerySet[Room]:
    return Room.objects.filter(is_active=True).select_related("venue").order_by("venue__name", "name", "id")


def interpreters_listed() -> QuerySet[Interpreter]:
    return Interpreter.objects.filter(is_active=True).order_by("kind", "name", "id")


def _diary(*, whose: str, period: DiaryPeriod, entries: list[Entry], availability: dict[dt.date, str]) -> Diary:
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_day[entry.starts_at.date()].append(entry)
    days = [Day(day=day, closed=_closed(day), availability=availability.get(day, ""), entries=by_day.get(day, []))
            for day in period.days]
    return Diary(whose=whose, period=period, days=days, meetings=len(entries),
                 clashes=sum(1 for entry in entries if entry.clash or entry.outside_availability))
